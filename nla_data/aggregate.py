"""Buurt values to wijk (or gemeente) values, as each indicator's definition says. Pure pandas.

Rules (the indicatoren table: `aggregatie`; `gewicht`, or `teller`, `noemer` and `factor`):

- **som** (counts: inwoners, huishoudens, bijstandsuitkeringen): the area value is the sum of its
  buurten. If any buurt of the area has no value (secret, unknown, or not in the data at all) the
  area value is **missing** — a partial sum is not the area's count, and a secret is never zero.
- **gewogen** (shares and averages: % aged 65+, household size, WOZ per dwelling): the mean of the
  buurt values weighted by the buurt values of the `gewicht` indicator (the base: inwoners,
  huishoudens, woningen): Σ(w·v) / Σw. So 50 % of 1000 dwellings and 10 % of 3000 give 20 %, not 30 %.
- **verhouding** (rates: bijstand per 1.000 inwoners, inhabitants per km²): computed from the counts,
  Σ teller / Σ noemer × factor, never as a mean of buurt rates; the base is the noemer. The buurt
  value itself is computed the same way (`buurt_ratios`).

A buurt with a base of 0 (no inhabitants: an industrial estate, a park) adds nothing to a weighted
mean or a rate, so its value may be missing without harm — CBS leaves shares of such buurten empty.
A buurt whose base is positive and whose value is missing makes a weighted mean or a rate
**partial**: it is computed over the buurten with a known value, and `dekking` says which share of
the area's base they hold. Below `min_coverage` (the package's `minimale_dekking`) it is missing
instead. A buurt whose base itself is unknown leaves the coverage unknown: missing. So is an area
whose whole base is 0 (the mean is undefined).

Every area in the mapping gets one row per indicator: `waarde` (NaN = missing), `dekking` (the share
of the base that the value covers: 1.0 = the whole area; NaN when not measurable), `partial` (True
when buurten were missing), `missing_buurten` (how many) and `buurten` (how many the area has).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from nla_data.problems import CBS_SENTINEL_MAX

COLUMNS = ["indicator", "waarde", "dekking", "partial", "missing_buurten", "buurten"]
RULES = ("som", "gewogen", "verhouding")


def aggregate_to_wijken(buurt_values: pd.DataFrame, mapping: pd.Series, definitions: pd.DataFrame, *,
                        min_coverage: float) -> pd.DataFrame:
    """Aggregate long-form buurt values (buurtcode, indicator, waarde) to NLA wijken.

    `mapping`: buurtcode -> wijk_id; buurten without a wijk (NaN or "") are left out. Every buurt in
    the mapping counts, also one absent from `buurt_values`: a wijk whose buurten are not all in the
    data gets a missing (or partial) value, never the sum of the buurten that happen to be there.
    Returns wijk_id and COLUMNS, sorted by wijk, then by the order of the indicators in `definitions`.
    """
    return _aggregate(buurt_values, mapping, definitions, min_coverage).rename(columns={"gebied_id": "wijk_id"})


def aggregate_to_gemeente(buurt_values: pd.DataFrame, buurtcodes, definitions: pd.DataFrame, gemeentecode: str, *,
                          min_coverage: float) -> pd.DataFrame:
    """The municipality over `buurtcodes` (all its buurten), by the same rules as the wijken."""
    mapping = pd.Series(gemeentecode, index=pd.Index(list(buurtcodes), dtype=object), dtype=object)
    return _aggregate(buurt_values, mapping, definitions, min_coverage).rename(columns={"gebied_id": "gemeentecode"})


def buurt_ratios(buurt_values: pd.DataFrame, definitions: pd.DataFrame) -> pd.DataFrame:
    """Each `verhouding` per buurt from its counts: teller / noemer × factor (long form, NaN = missing).

    Only for the rates whose teller and noemer are both in the data; missing where either is, or
    where the noemer is 0 (no inhabitants: no rate)."""
    definitions = _definitions(definitions)
    wide = _wide(_clean(buurt_values))
    frames = []
    for indicator, d in definitions[definitions["aggregatie"] == "verhouding"].iterrows():
        if d["teller"] in wide and d["noemer"] in wide:
            noemer = wide[d["noemer"]]
            rate = wide[d["teller"]] / noemer.where(noemer > 0) * d["factor"]
            frames.append(pd.DataFrame({"buurtcode": wide.index, "indicator": indicator,
                                        "waarde": rate.to_numpy(dtype=float)}))
    if not frames:
        return pd.DataFrame({"buurtcode": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                             "waarde": pd.Series(dtype=float)})
    return pd.concat(frames, ignore_index=True)


def basis_note(definition, dekking: float | None = None, definitions: pd.DataFrame | None = None) -> str:
    """How an area value was made, in words, e.g. "gewogen gemiddelde van de buurten (basis: inwoners);
    gedeeltelijk: 97 % van de inwoners" or "berekend uit aantallen: bijstandsuitkeringen / inwoners × 1.000".
    `definition`: a row of the indicatoren table. With `definitions` (that table) the base and the
    counts are named by their `label_nl` (lower case unless it starts with an abbreviation, with the
    unit when it is not a count: "landoppervlakte (hectare)"); without it, by their indicator names."""
    rule = definition["aggregatie"]
    if rule == "gewogen":
        base = definition["gewicht"]
        note = f"gewogen gemiddelde van de buurten (basis: {_words(base, definitions, unit=True)})"
    elif rule == "verhouding":
        factor = f"{float(definition['factor']):,.0f}".replace(",", ".")
        base = definition["noemer"]
        note = (f"berekend uit aantallen: {_words(definition['teller'], definitions, unit=True)} / "
                f"{_words(base, definitions, unit=True)} × {factor}")
    else:
        return "som van de buurten"
    if dekking is not None and not math.isnan(dekking) and dekking < 1:
        # Rounded down: a partial value never claims 100 %.
        note += f"; gedeeltelijk: {math.floor(dekking * 100)} % van de {_words(base, definitions)}"
    return note


def _words(indicator: str, definitions: pd.DataFrame | None, unit: bool = False) -> str:
    """An indicator as it reads inside a sentence: its label_nl in lower case ("Inwoners" -> "inwoners",
    "AOW-uitkeringen" stays), with its unit when asked and it is not a count; its name without a table."""
    if definitions is None:
        return str(indicator)
    table = definitions
    if table.index.name != "indicator" and "indicator" in table.columns:
        table = table.set_index(table["indicator"].astype(str))
    if indicator not in table.index or not isinstance(table.loc[indicator].get("label_nl"), str):
        return str(indicator)
    label = table.loc[indicator, "label_nl"].strip()
    if not label[1:2].isupper():  # "Inwoners" -> "inwoners"; "AOW-uitkeringen", "WOZ-waarde" keep their capitals
        label = label[:1].lower() + label[1:]
    eenheid = table.loc[indicator].get("eenheid")
    if unit and isinstance(eenheid, str) and eenheid not in ("aantal", "personen"):
        label += f" ({eenheid})"
    return label


def coverage_cell(dekking: float | None) -> str:
    """`dekking` as the cijfers table writes it: empty when the value covers the whole area, else the
    share of the base to 4 decimals, rounded down (a partial value never reads as 1)."""
    if dekking is None or pd.isna(dekking) or dekking >= 1:
        return ""
    return str(math.floor(float(dekking) * 10_000) / 10_000)


def _aggregate(buurt_values: pd.DataFrame, mapping: pd.Series, definitions: pd.DataFrame,
               min_coverage: float) -> pd.DataFrame:
    definitions = _definitions(definitions)
    areas = pd.Series(mapping, dtype=object)
    areas = areas[areas.notna() & (areas.astype(str).str.strip() != "")].astype(str)
    if areas.index.has_duplicates:
        twice = sorted(set(areas.index[areas.index.duplicated()]))
        raise ValueError(f"{'buurt' if len(twice) == 1 else 'buurten'} twee keer in de indeling: {twice}")
    values = _clean(buurt_values)
    unknown = sorted(set(values["indicator"]) - set(definitions.index))
    if unknown:
        raise KeyError(f"{'indicator' if len(unknown) == 1 else 'indicatoren'} zonder definitie: {', '.join(unknown)}")
    wide = _wide(values).reindex(areas.index)  # buurten of an area absent from the data: NaN
    group = areas.to_numpy()
    sizes = areas.groupby(group).size()

    frames = []
    for indicator, d in definitions.iterrows():
        parts = _parts(wide, d, indicator)
        if parts is not None:
            frames.append(_totals(parts, d["aggregatie"], group, sizes, min_coverage).assign(indicator=indicator))
    if not frames:
        return pd.DataFrame({"gebied_id": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                             "waarde": pd.Series(dtype=float), "dekking": pd.Series(dtype=float),
                             "partial": pd.Series(dtype=bool), "missing_buurten": pd.Series(dtype=int),
                             "buurten": pd.Series(dtype=int)})
    out = pd.concat(frames, ignore_index=True)
    order = {name: i for i, name in enumerate(definitions.index)}
    out = out.sort_values(["gebied_id", "indicator"], key=lambda c: c.map(order) if c.name == "indicator" else c,
                          kind="stable")
    return out[["gebied_id", *COLUMNS]].reset_index(drop=True)


def _parts(wide: pd.DataFrame, d: pd.Series, indicator: str) -> pd.DataFrame | None:
    """Per buurt: numerator and denominator of the value, base covered and base in all, whether the
    buurt is missing and whether its base is unknown. None when the data has nothing for the indicator."""
    nan = pd.Series(np.nan, index=wide.index)
    rule = d["aggregatie"]
    if rule == "som":
        if indicator not in wide:
            return None
        v = wide[indicator]
        return pd.DataFrame({"num": v.fillna(0.0), "den": 0.0, "known": 0.0, "base": 0.0, "missing": v.isna(),
                             "unknown_base": False})
    if rule == "gewogen":
        if indicator not in wide:
            return None
        v, w = wide[indicator], wide.get(d["gewicht"], nan)
        counts, factor = w > 0, 1.0
    elif rule == "verhouding":
        if d["teller"] not in wide or d["noemer"] not in wide:
            return None
        v, w = wide[d["teller"]], wide[d["noemer"]]
        counts, factor = (w > 0) | (w.notna() & v.notna()), d["factor"]
    else:
        raise ValueError(f"onbekende aggregatie '{rule}' voor {indicator}")
    usable = counts & v.notna()
    # A weighted mean adds w·v; a rate adds the teller itself (v is a count there).
    num = (v * w if rule == "gewogen" else v).where(usable, 0.0) * factor
    return pd.DataFrame({"num": num, "den": w.where(usable, 0.0), "known": w.where(usable, 0.0),
                         "base": w.where(counts, 0.0), "missing": w.isna() | (counts & v.isna()),
                         "unknown_base": w.isna()})


def _totals(parts: pd.DataFrame, rule: str, group: np.ndarray, sizes: pd.Series, min_coverage: float) -> pd.DataFrame:
    sums = parts.groupby(group).sum().reindex(sizes.index)
    missing = sums["missing"].astype(int)
    complete = missing == 0
    if rule == "som":
        value = sums["num"].where(complete)
        dekking = pd.Series(1.0, index=sizes.index).where(complete)
    else:
        measurable = (sums["unknown_base"] == 0) & (sums["base"] > 0)
        dekking = (sums["known"] / sums["base"]).where(measurable)
        dekking = dekking.mask(complete & measurable, 1.0)  # exactly 1, not a sum's rounding
        value = (sums["num"] / sums["den"].where(sums["den"] > 0)).where(dekking >= min_coverage)
    return pd.DataFrame({"gebied_id": sizes.index, "waarde": value.to_numpy(dtype=float),
                         "dekking": dekking.to_numpy(dtype=float), "partial": (~complete).to_numpy(),
                         "missing_buurten": missing.to_numpy(), "buurten": sizes.to_numpy()})


def _clean(buurt_values: pd.DataFrame) -> pd.DataFrame:
    values = buurt_values[["buurtcode", "indicator", "waarde"]].copy()
    values["waarde"] = pd.to_numeric(values["waarde"], errors="coerce").astype(float)
    values.loc[values["waarde"] <= CBS_SENTINEL_MAX, "waarde"] = np.nan  # a CBS code for secret is no value
    if values.duplicated(["buurtcode", "indicator"]).any():
        dup = values[values.duplicated(["buurtcode", "indicator"], keep=False)]
        raise ValueError(f"dubbele buurtwaarden: {sorted(set(zip(dup['buurtcode'], dup['indicator'])))[:5]}")
    return values


def _wide(values: pd.DataFrame) -> pd.DataFrame:
    if values.empty:
        return pd.DataFrame(dtype=float)
    return values.pivot(index="buurtcode", columns="indicator", values="waarde").astype(float)


def _definitions(definitions: pd.DataFrame) -> pd.DataFrame:
    """indicator -> aggregatie, gewicht, teller, noemer (None when empty), factor (1.0 when empty)."""
    frame = definitions
    if "indicator" in frame.columns:
        frame = frame.set_index(frame["indicator"].astype(str))
    out = pd.DataFrame(index=frame.index.astype(str))
    out["aggregatie"] = frame["aggregatie"].astype(object).to_numpy()
    for name in ("gewicht", "teller", "noemer"):
        cells = frame[name].astype(object).to_numpy() if name in frame else [None] * len(frame)
        out[name] = [c.strip() if isinstance(c, str) and c.strip() else None for c in cells]
    factors = pd.to_numeric(frame["factor"], errors="coerce").astype(float) if "factor" in frame else \
        pd.Series(np.nan, index=frame.index)
    out["factor"] = factors.fillna(1.0).to_numpy()
    return out
