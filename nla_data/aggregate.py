"""Buurt values to wijk (or gemeente) values, as each indicator's definition says. Pure pandas.

Rules (the indicatoren table: `aggregatie` is `som` or `gewogen`, `gewicht` names the base):

- **som** (counts: inwoners, huishoudens, woningen): the area value is the sum of its buurten. If
  any buurt of the area has no value (secret, unknown, or not in the data at all) the area value is
  **missing** — a partial sum is not the area's count, and a secret is never zero.
- **gewogen** (shares and averages: percentages of dwellings, WOZ per dwelling, a score per
  inhabitant): the area value is the mean of the buurt values weighted by the buurt values of the
  `gewicht` indicator (woningen, huishoudens, inwoners, …): Σ(w·v) / Σw. So 50 % of 1000 dwellings
  and 10 % of 3000 dwellings give 20 %, not 30 %. A buurt counts as missing when its weight is
  missing, or when its weight is positive and its value is missing; any missing buurt makes the
  area value **missing**. A buurt whose weight is 0 (no dwellings: an industrial estate, a park)
  adds nothing to either sum, so its value may be missing without harm — CBS leaves shares of such
  buurten empty. If the total weight of an area is 0 the mean is undefined: missing, not partial.

Every area in the mapping gets one row per indicator: `waarde` (NaN = missing), `partial` (True
when buurten were missing: the value is left out rather than computed from part of the area),
`missing_buurten` (how many) and `buurten` (how many the area has).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nla_data.problems import CBS_SENTINEL_MAX

COLUMNS = ["indicator", "waarde", "partial", "missing_buurten", "buurten"]


def aggregate_to_wijken(buurt_values: pd.DataFrame, mapping: pd.Series, definitions: pd.DataFrame) -> pd.DataFrame:
    """Aggregate long-form buurt values (buurtcode, indicator, waarde) to NLA wijken.

    `mapping`: buurtcode -> wijk_id; buurten without a wijk (NaN or "") are left out. Every buurt in
    the mapping counts, also one absent from `buurt_values`: a wijk whose buurten are not all in the
    data gets a missing value, never the sum of the buurten that happen to be there.
    Returns wijk_id, indicator, waarde, partial, missing_buurten, buurten (sorted by wijk, then by
    the order of the indicators in `definitions`).
    """
    return _aggregate(buurt_values, mapping, definitions).rename(columns={"gebied_id": "wijk_id"})


def aggregate_to_gemeente(buurt_values: pd.DataFrame, buurtcodes, definitions: pd.DataFrame,
                          gemeentecode: str) -> pd.DataFrame:
    """The municipality total over `buurtcodes` (all its buurten), by the same rules as the wijken."""
    mapping = pd.Series(gemeentecode, index=pd.Index(list(buurtcodes), dtype=object), dtype=object)
    return _aggregate(buurt_values, mapping, definitions).rename(columns={"gebied_id": "gemeentecode"})


def _aggregate(buurt_values: pd.DataFrame, mapping: pd.Series, definitions: pd.DataFrame) -> pd.DataFrame:
    definitions = _definitions(definitions)
    areas = pd.Series(mapping, dtype=object)
    areas = areas[areas.notna() & (areas.astype(str).str.strip() != "")].astype(str)
    if areas.index.has_duplicates:
        raise ValueError(f"buurt(en) twee keer in de indeling: {sorted(set(areas.index[areas.index.duplicated()]))}")

    values = buurt_values[["buurtcode", "indicator", "waarde"]].copy()
    values["waarde"] = pd.to_numeric(values["waarde"], errors="coerce").astype(float)
    values.loc[values["waarde"] <= CBS_SENTINEL_MAX, "waarde"] = np.nan  # a CBS code for secret is no value
    if values.duplicated(["buurtcode", "indicator"]).any():
        dup = values[values.duplicated(["buurtcode", "indicator"], keep=False)]
        raise ValueError(f"dubbele buurtwaarden: {sorted(set(zip(dup['buurtcode'], dup['indicator'])))[:5]}")
    wide = values.pivot(index="buurtcode", columns="indicator", values="waarde") if len(values) else pd.DataFrame()
    wide = wide.reindex(areas.index).astype(float)  # buurten of an area absent from the data: NaN

    unknown = sorted(set(values["indicator"]) - set(definitions.index))
    if unknown:
        raise KeyError(f"indicator(en) zonder definitie: {', '.join(unknown)}")
    present = [i for i in definitions.index if i in set(values["indicator"])]

    group = areas.to_numpy()
    sizes = areas.groupby(group).size()
    frames = []
    for indicator in present:
        v = wide[indicator]
        rule, weight_name = definitions.loc[indicator, "aggregatie"], definitions.loc[indicator, "gewicht"]
        if rule == "som":
            missing = v.isna()
            total = v.fillna(0.0).groupby(group).sum()
            value = total.where(missing.groupby(group).sum() == 0)
        elif rule == "gewogen":
            w = wide[weight_name] if isinstance(weight_name, str) and weight_name in wide else \
                pd.Series(np.nan, index=wide.index)
            counts = w > 0
            missing = w.isna() | (counts & v.isna())
            num = (w * v).where(counts, 0.0).groupby(group).sum()
            den = w.where(counts, 0.0).groupby(group).sum()
            value = (num / den.where(den > 0)).where(missing.groupby(group).sum() == 0)
        else:
            raise ValueError(f"onbekende aggregatie '{rule}' voor {indicator}")
        n_missing = missing.groupby(group).sum().astype(int)
        frames.append(pd.DataFrame({
            "gebied_id": sizes.index, "indicator": indicator,
            "waarde": value.reindex(sizes.index).to_numpy(dtype=float),
            "partial": (n_missing.reindex(sizes.index) > 0).to_numpy(),
            "missing_buurten": n_missing.reindex(sizes.index).to_numpy(),
            "buurten": sizes.to_numpy(),
        }))
    if not frames:
        return pd.DataFrame({"gebied_id": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                             "waarde": pd.Series(dtype=float), "partial": pd.Series(dtype=bool),
                             "missing_buurten": pd.Series(dtype=int), "buurten": pd.Series(dtype=int)})
    out = pd.concat(frames, ignore_index=True)
    order = {name: i for i, name in enumerate(present)}
    out = out.sort_values(["gebied_id", "indicator"], key=lambda c: c.map(order) if c.name == "indicator" else c,
                          kind="stable")
    return out.reset_index(drop=True)


def _definitions(definitions: pd.DataFrame) -> pd.DataFrame:
    """indicator -> aggregatie, gewicht (None when empty), whether indexed by indicator or not."""
    frame = definitions
    if "indicator" in frame.columns:
        frame = frame.set_index(frame["indicator"].astype(str))
    out = pd.DataFrame(index=frame.index.astype(str))
    out["aggregatie"] = frame["aggregatie"].astype(object).to_numpy()
    weights = frame["gewicht"].astype(object).to_numpy() if "gewicht" in frame else [None] * len(frame)
    out["gewicht"] = [w if isinstance(w, str) and w.strip() else None for w in weights]
    return out
