"""Comparing wijken: side by side, against the city and the NLA wijken, as an index, over time.

The rules, decided once here so every table and chart agrees:

- **Index**: `value / city value × 100` in the same year, so the city is 100. No index (NaN) when the
  city has no value that year or it is 0. For counts (`aggregatie = som`) the index of a wijk is
  its share of the city in percent; that is what an index of a count means.
- **The NLA wijken as a whole** are always all 15 wijken of the package, not the current selection,
  so the benchmark does not move when someone picks other wijken.
  - `som` (counts): the **total** of the 15 wijken (only when all 15 have a value; a partial sum
    is not a total) and the **mean per wijk** (over the wijken that have a value).
  - `gewogen` (shares, averages, scores): the **weighted average** with the indicator named in
    `gewicht` as weight (`Σ wᵢ·xᵢ / Σ wᵢ`). The weight is taken from the same year; when it has no
    values for every wijk in that year, from the nearest year that has (on a tie, the earlier year),
    and the table says so. When no year of the weight covers the wijken, or no weight is defined,
    the plain (unweighted) mean, flagged as such.
- **Rank** among the chosen wijken only: 1 is the best when `hoger_is_beter` is set (true: the
  highest value, false: the lowest), and the highest value when the indicator has no direction.
  Ties share the best rank; a wijk without a value has no rank.
- **Missing is missing**: a year without a value stays NaN in every frame; nothing becomes 0.

Pure functions over the package's frames (`cijfers` in long form); no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from domain.slugs import normalise_wijk_param
from domain.wijken import with_class

CITY, NLA_TOTAL, NLA_MEAN, WIJK = "gemeente", "nla_totaal", "nla_gemiddelde", "wijk"
COLUMNS = ["gebied_id", "naam", "soort", "klasse", "waarde", "index", "rang", "jaar", "illustratief", "bron"]

# Why the NLA average is not weighted (NlaAverage.unweighted_reason).
NO_WEIGHT_DEFINED = "geen_gewicht"
WEIGHT_MISSING = "gewicht_ontbreekt"


@dataclass(frozen=True)
class NlaAverage:
    """The NLA wijken as one area, for one indicator in one year (see the module docstring)."""

    indicator: str
    year: int
    method: str  # "gewogen", "ongewogen" or "som"
    value: float  # weighted/unweighted average, or (som) the mean per wijk; NaN when no wijk has a value
    n: int  # wijken with a value
    of: int  # NLA wijken in the package
    total: float = math.nan  # som only: the total of all wijken, NaN unless every wijk has a value
    weight: str | None = None  # the weight indicator (gewogen)
    weight_year: int | None = None  # the year the weight was taken from
    unweighted_reason: str = ""  # NO_WEIGHT_DEFINED or WEIGHT_MISSING when method == "ongewogen"
    illustrative: bool = False  # any value (or weight) it is computed from is illustrative
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def weight_from_other_year(self) -> bool:
        return self.weight_year is not None and self.weight_year != self.year


# --- small helpers ---------------------------------------------------------------------------------

def _rows(cijfers: pd.DataFrame, indicator: str, area_kind: str | None = None) -> pd.DataFrame:
    rows = cijfers[cijfers["indicator"] == indicator]
    return rows if area_kind is None else rows[rows["gebied_type"] == area_kind]


def _float(value) -> float:
    return math.nan if value is None or pd.isna(value) else float(value)


def _direction(indicatoren: pd.DataFrame, indicator: str) -> bool | None:
    """`hoger_is_beter`: True, False, or None (no direction)."""
    if "hoger_is_beter" not in indicatoren.columns:
        return None
    value = indicatoren.loc[indicator, "hoger_is_beter"]
    return None if pd.isna(value) else bool(value)


def _weight_indicator(indicatoren: pd.DataFrame, indicator: str) -> str | None:
    value = indicatoren.loc[indicator, "gewicht"] if "gewicht" in indicatoren.columns else None
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value)


def city_id(cijfers: pd.DataFrame) -> str | None:
    """The municipality's id in `cijfers` (`GM0014`)."""
    ids = cijfers.loc[cijfers["gebied_type"] == CITY, "gebied_id"].dropna().unique()
    return str(ids[0]) if len(ids) else None


def values_in_year(cijfers: pd.DataFrame, indicator: str, year: int, area_kind: str) -> pd.DataFrame:
    """`waarde` (float, NaN-free: only rows that exist), `illustratief`, `bron` by `gebied_id`."""
    rows = _rows(cijfers, indicator, area_kind)
    rows = rows[(rows["jaar"] == year) & rows["waarde"].notna()]
    return pd.DataFrame({
        "waarde": rows["waarde"].astype("float64").to_numpy(),
        "illustratief": rows["illustratief"].fillna(False).astype(bool).to_numpy(),
        "bron": rows["bron"].astype("object").to_numpy(),
    }, index=pd.Index(rows["gebied_id"].astype(str), name="gebied_id"))


def years(cijfers: pd.DataFrame, indicator: str) -> list[int]:
    """Every year with a value of `indicator` for the city or a wijk."""
    rows = _rows(cijfers, indicator)
    rows = rows[rows["gebied_type"].isin([CITY, WIJK]) & rows["waarde"].notna()]
    return sorted(int(y) for y in rows["jaar"].unique())


def nearest_year(cijfers: pd.DataFrame, indicator: str, year: int, area_kind: str = WIJK) -> int | None:
    """`year` when the indicator has values then, else the closest year that has (the earlier on a tie)."""
    rows = _rows(cijfers, indicator, area_kind)
    found = sorted(int(y) for y in rows.loc[rows["waarde"].notna(), "jaar"].unique())
    if not found:
        return None
    return min(found, key=lambda y: (abs(y - year), y))


def rank(values: pd.Series, higher_is_better: bool | None) -> pd.Series:
    """1 = best (or highest when there is no direction); ties share the best rank; NaN has no rank."""
    ascending = higher_is_better is False
    return values.astype("float64").rank(method="min", ascending=ascending, na_option="keep").astype("Int64")


def index(values: pd.Series | float, city_value: float):
    """City = 100. NaN when the city value is missing or 0 (an index against nothing means nothing)."""
    if pd.isna(city_value) or city_value == 0:
        return values * math.nan if isinstance(values, pd.Series) else math.nan
    return values / city_value * 100


# --- the NLA wijken as one area -------------------------------------------------------------------

def nla_average(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicatoren: pd.DataFrame, indicator: str,
                year: int) -> NlaAverage:
    """The 15 NLA wijken as a whole for `indicator` in `year` (rules in the module docstring)."""
    all_ids = [str(i) for i in _wijk_ids(wijken)]
    found = values_in_year(cijfers, indicator, year, WIJK)
    found = found[found.index.isin(all_ids)]
    n, of = len(found), len(all_ids)
    sources = tuple(dict.fromkeys(found["bron"].dropna().astype(str)))
    illustrative = bool(found["illustratief"].any())
    if indicatoren.loc[indicator, "aggregatie"] == "som":
        total = float(found["waarde"].sum()) if n == of and n else math.nan
        mean = float(found["waarde"].mean()) if n else math.nan
        return NlaAverage(indicator, year, "som", mean, n, of, total=total, illustrative=illustrative,
                          sources=sources)
    if n == 0:
        return NlaAverage(indicator, year, "gewogen", math.nan, 0, of, sources=sources)
    weight = _weight_indicator(indicatoren, indicator)
    if weight is None:
        return NlaAverage(indicator, year, "ongewogen", float(found["waarde"].mean()), n, of,
                          unweighted_reason=NO_WEIGHT_DEFINED, illustrative=illustrative, sources=sources)
    weight_year, weights = _weights(cijfers, weight, year, list(found.index))
    if weight_year is None:
        return NlaAverage(indicator, year, "ongewogen", float(found["waarde"].mean()), n, of, weight=weight,
                          unweighted_reason=WEIGHT_MISSING, illustrative=illustrative, sources=sources)
    w = weights.loc[found.index, "waarde"]
    value = float((found["waarde"] * w).sum() / w.sum())
    return NlaAverage(indicator, year, "gewogen", value, n, of, weight=weight, weight_year=weight_year,
                      illustrative=illustrative or bool(weights.loc[found.index, "illustratief"].any()),
                      sources=sources)


def _weights(cijfers: pd.DataFrame, weight: str, year: int, ids: list[str]) -> tuple[int | None, pd.DataFrame]:
    """The year nearest `year` in which the weight has a value for every one of `ids` (sum > 0)."""
    rows = _rows(cijfers, weight, WIJK)
    candidates = sorted({int(y) for y in rows.loc[rows["waarde"].notna(), "jaar"].unique()},
                        key=lambda y: (abs(y - year), y))
    for candidate in candidates:
        weights = values_in_year(cijfers, weight, candidate, WIJK)
        if set(ids) <= set(weights.index) and weights.loc[ids, "waarde"].sum() > 0:
            return candidate, weights
    return None, pd.DataFrame()


def _wijk_ids(wijken: pd.DataFrame) -> list:
    return list(wijken["wijk_id"]) if "wijk_id" in wijken.columns else list(wijken.index)


def _classes(wijken: pd.DataFrame) -> pd.DataFrame:
    """The wijken with `klasse`, as columns (the package's frame has wijk_id as index and as column)."""
    if "wijk_id" in wijken.columns:
        return with_class(wijken.reset_index(drop=True))
    return with_class(wijken.rename_axis("wijk_id").reset_index())


# --- the comparison table -------------------------------------------------------------------------

def comparison_table(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicatoren: pd.DataFrame, indicator: str,
                     year: int, wijk_ids: list[str], *, city_label: str = "De stad",
                     nla_label: str = "Gemiddelde NLA-wijken", nla_total_label: str = "NLA-wijken samen"
                     ) -> pd.DataFrame:
    """One indicator in one year: the city, the NLA wijken, then each chosen wijk (in the given order).

    Columns: gebied_id, naam, soort (gemeente / nla_totaal / nla_gemiddelde / wijk), klasse, waarde,
    index (city = 100), rang (among the chosen wijken), jaar, illustratief, bron. Missing values
    are NaN, never 0.
    """
    classes = _classes(wijken).set_index("wijk_id")
    city = city_id(cijfers)
    city_values = values_in_year(cijfers, indicator, year, CITY)
    wijk_values = values_in_year(cijfers, indicator, year, WIJK)
    city_value = _float(city_values["waarde"].get(city)) if city is not None else math.nan
    average = nla_average(cijfers, wijken, indicatoren, indicator, year)
    nla_source = "; ".join(average.sources)

    rows = [{"gebied_id": city or "", "naam": city_label, "soort": CITY, "klasse": None, "waarde": city_value,
             "illustratief": bool(city_values["illustratief"].get(city, False)),
             "bron": city_values["bron"].get(city) if city in city_values.index else None}]
    if average.method == "som":
        rows.append({"gebied_id": NLA_TOTAL, "naam": nla_total_label, "soort": NLA_TOTAL, "klasse": None,
                     "waarde": average.total, "illustratief": average.illustrative, "bron": nla_source})
    rows.append({"gebied_id": NLA_MEAN, "naam": nla_label, "soort": NLA_MEAN, "klasse": None,
                 "waarde": average.value, "illustratief": average.illustrative, "bron": nla_source})
    chosen = [w for w in dict.fromkeys(wijk_ids) if w in classes.index]
    for wijk_id in chosen:
        known = wijk_id in wijk_values.index
        rows.append({"gebied_id": wijk_id, "naam": classes.loc[wijk_id, "naam"], "soort": WIJK,
                     "klasse": classes.loc[wijk_id, "klasse"],
                     "waarde": float(wijk_values.loc[wijk_id, "waarde"]) if known else math.nan,
                     "illustratief": bool(wijk_values.loc[wijk_id, "illustratief"]) if known else False,
                     "bron": wijk_values.loc[wijk_id, "bron"] if known else None})
    table = pd.DataFrame(rows)
    table["waarde"] = table["waarde"].astype("float64")
    table["index"] = index(table["waarde"], city_value)
    table["rang"] = pd.array([pd.NA] * len(table), dtype="Int64")
    is_wijk = table["soort"] == WIJK
    table.loc[is_wijk, "rang"] = rank(table.loc[is_wijk, "waarde"], _direction(indicatoren, indicator))
    table["jaar"] = year
    return table[COLUMNS]


# --- over time ------------------------------------------------------------------------------------

def trend_frame(cijfers: pd.DataFrame, indicator: str, area_ids: list[str]) -> pd.DataFrame:
    """Long form: one row per area and year the indicator has (for the city or any wijk), NaN where the
    area has no value that year. Columns: gebied_id, jaar, waarde, illustratief, bron."""
    all_years = years(cijfers, indicator)
    ids = [str(a) for a in dict.fromkeys(area_ids)]
    grid = pd.MultiIndex.from_product([ids, all_years], names=["gebied_id", "jaar"])
    rows = _rows(cijfers, indicator)
    rows = rows[rows["gebied_id"].isin(ids) & rows["waarde"].notna()]
    found = pd.DataFrame({
        "gebied_id": rows["gebied_id"].astype(str).to_numpy(),
        "jaar": rows["jaar"].astype(int).to_numpy(),
        "waarde": rows["waarde"].astype("float64").to_numpy(),
        "illustratief": rows["illustratief"].fillna(False).astype(bool).to_numpy(),
        "bron": rows["bron"].astype("object").to_numpy(),
    }).drop_duplicates(["gebied_id", "jaar"]).set_index(["gebied_id", "jaar"])
    frame = found.reindex(grid).reset_index()
    frame["illustratief"] = frame["illustratief"].astype("boolean")
    return frame


def nla_trend(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicatoren: pd.DataFrame, indicator: str
              ) -> pd.DataFrame:
    """The NLA average (as in the table) for every year of `trend_frame`: jaar, waarde, methode, illustratief."""
    averages = [nla_average(cijfers, wijken, indicatoren, indicator, y) for y in years(cijfers, indicator)]
    return pd.DataFrame({
        "jaar": [a.year for a in averages],
        "waarde": pd.array([a.value for a in averages], dtype="float64"),
        "methode": [a.method for a in averages],
        "illustratief": [a.illustrative for a in averages],
    })


def download_decimals(unit: str) -> int:
    """Decimals of a value in a downloaded table: a ratio to 3 (0,747 against 1), any other unit to 2 (an average
    of counts is no whole number). One more than the screen shows, never the float's 15 (`0,869226201187691`)."""
    return 3 if unit == "verhouding" else 2


def trend_wide(trend: pd.DataFrame) -> pd.DataFrame:
    """`trend_frame` as a table: one row per area (in the given order), one column per year."""
    order = list(dict.fromkeys(trend["gebied_id"]))
    wide = trend.pivot(index="gebied_id", columns="jaar", values="waarde").reindex(order)
    wide.columns = [int(c) for c in wide.columns]
    return wide


# --- several indicators at once -------------------------------------------------------------------

def multiples_frame(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicatoren: pd.DataFrame,
                    indicators: list[str], year: int, wijk_ids: list[str]) -> pd.DataFrame:
    """Several indicators for the chosen wijken, each in `year` or its nearest year with values.

    Long form: indicator, jaar, gebied_id, naam, klasse, waarde, index, rang, illustratief, stad (the
    city value), nla (the NLA average). The wijken are ordered by their rank on the first indicator
    (best or highest first, no value last); that order is kept for every indicator.
    """
    parts = []
    for indicator in dict.fromkeys(indicators):
        used = nearest_year(cijfers, indicator, year)
        if used is None:
            continue
        table = comparison_table(cijfers, wijken, indicatoren, indicator, used, wijk_ids)
        city = table.loc[table["soort"] == CITY, "waarde"].iloc[0]
        nla = table.loc[table["soort"] == NLA_MEAN, "waarde"].iloc[0]
        part = table[table["soort"] == WIJK].drop(columns="soort").assign(indicator=indicator, stad=city, nla=nla)
        parts.append(part)
    columns = ["indicator", "jaar", "gebied_id", "naam", "klasse", "waarde", "index", "rang", "illustratief",
               "bron", "stad", "nla"]
    if not parts:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(parts, ignore_index=True)[columns]
    order = list(parts[0].sort_values(["rang", "naam"], na_position="last")["gebied_id"])
    frame["_order"] = frame["gebied_id"].map({w: i for i, w in enumerate(order)})
    frame["_indicator"] = frame["indicator"].map({ind: i for i, ind in enumerate(dict.fromkeys(indicators))})
    return frame.sort_values(["_indicator", "_order"]).drop(columns=["_order", "_indicator"]).reset_index(drop=True)


def multiples_wide(frame: pd.DataFrame, *, city_label: str = "De stad",
                   nla_label: str = "Gemiddelde NLA-wijken") -> pd.DataFrame:
    """`multiples_frame` as a table: the city, the NLA wijken, then the wijken (in the frame's order) as rows;
    one column per indicator (its values in the year of the frame). Index: the area names."""
    indicators = list(dict.fromkeys(frame["indicator"]))
    order = list(dict.fromkeys(frame["naam"]))
    wide = frame.pivot(index="naam", columns="indicator", values="waarde").reindex(index=order, columns=indicators)
    first = frame.drop_duplicates("indicator")  # one row per indicator, in the order of `indicators`
    top = pd.DataFrame([first["stad"].to_numpy(), first["nla"].to_numpy()], index=[city_label, nla_label],
                       columns=indicators)
    table = pd.concat([top.astype("float64"), wide.astype("float64")])
    table.index.name = None
    table.columns.name = None
    return table


# --- which wijken ---------------------------------------------------------------------------------

def class_peers(wijken: pd.DataFrame, wijk_id: str) -> list[str]:
    """`wijk_id` first, then the other wijken of its class (in class-then-name order)."""
    classes = _classes(wijken)
    klasse = classes.loc[classes["wijk_id"] == wijk_id, "klasse"]
    if klasse.empty:
        return []
    peers = classes.loc[classes["klasse"] == klasse.iloc[0], "wijk_id"]
    return [wijk_id] + [str(w) for w in peers if w != wijk_id]


@dataclass(frozen=True)
class MyClass:
    """What "mijn klasse" picks, and why (so the button can say it)."""

    classes: tuple[str, ...]  # class keys, in the package's order
    wijk_ids: list[str]  # every wijk of those classes, in class-then-name order
    basis: tuple[str, ...]  # the wijk(en) it was taken from
    reason: str  # CHOSEN_WIJK (the sidebar's or the URL's wijk) or OWN_WIJKEN (the frontlijnwerker's)


CHOSEN_WIJK, OWN_WIJKEN = "gekozen_wijk", "eigen_wijken"


def my_class(wijken: pd.DataFrame, chosen: str | None, own: Iterable[str] = ()) -> MyClass | None:
    """"Mijn klasse": the class of the wijk chosen in the sidebar (or `?wijk=`); with none chosen, the
    class(es) of the signed-in frontlijnwerker's own wijken (`own`); None when there is neither.

    The chosen wijk wins: it is what the user is looking at now. Own wijken of several classes give all
    of those classes (a worker in a heavy and a light wijk compares both with their peers)."""
    classes = _classes(wijken)
    known = set(classes["wijk_id"])
    if chosen in known:
        basis, reason = (chosen,), CHOSEN_WIJK
    else:
        basis, reason = tuple(w for w in classes["wijk_id"] if w in set(own)), OWN_WIJKEN
    if not basis:
        return None
    picked = set(classes.loc[classes["wijk_id"].isin(basis), "klasse"])
    rows = classes[classes["klasse"].isin(picked)]
    return MyClass(tuple(dict.fromkeys(rows["klasse"])), [str(w) for w in rows["wijk_id"]], basis, reason)


def parse_ids(text: str | None, known: list[str]) -> tuple[list[str], list[str]]:
    """`"selwerd, De Wijert,atlantis"` -> (`["selwerd", "de-wijert"]`, `["atlantis"]`): known ids in the
    order given, without repeats, and what was not recognised (as typed)."""
    valid, unknown = [], []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        wijk_id = normalise_wijk_param(part.strip())
        if wijk_id in known:
            if wijk_id not in valid:
                valid.append(wijk_id)
        else:
            unknown.append(part.strip())
    return valid, unknown
