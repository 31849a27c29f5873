"""Indicator values: which years exist, the value per wijk in a year, the key figures of a wijk."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.package_text import in_language



@dataclass(frozen=True)
class Figure:
    """One value with everything needed to show it honestly."""

    indicator: str
    value: float | None
    year: int | None
    unit: str
    source: str
    illustrative: bool
    note: str = ""
    coverage: float | None = None  # < 1: computed over the buurten that hold this share of the base

    @property
    def partial(self) -> bool:
        return self.coverage is not None and self.coverage < 1


def caveat(definition: pd.Series, lang: str) -> str:
    """An indicator's caveat (`kanttekening`) in `lang`: in English `kanttekening_en` where the package gives one,
    else the Dutch; "" when there is none."""
    return in_language(definition, "kanttekening", lang)


def years(cijfers: pd.DataFrame, indicator: str, area_kind: str = "wijk") -> list[int]:
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["gebied_type"] == area_kind)]
    return sorted(int(y) for y in rows["jaar"].unique())


def latest_year(cijfers: pd.DataFrame, indicator: str, area_kind: str = "wijk") -> int | None:
    found = years(cijfers, indicator, area_kind)
    return found[-1] if found else None


def wijk_values(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """One row per wijk (all 15, missing values as <NA>) with value, source and illustrative flag."""
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["jaar"] == year) & (cijfers["gebied_type"] == "wijk")]
    rows = rows.set_index("gebied_id")[["waarde", "bron", "illustratief", "opmerking"]]
    return wijken[["wijk_id", "naam", "grootte", "zwaarte"]].join(rows, how="left")


def figure(cijfers: pd.DataFrame, indicatoren: pd.DataFrame, indicator: str, area_kind: str, area_id: str,
           year: int | None = None) -> Figure:
    """The value of one indicator for one area, in `year` or else the latest year it has one."""
    definition = indicatoren.loc[indicator]
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["gebied_type"] == area_kind)
                   & (cijfers["gebied_id"] == area_id)]
    if year is not None:
        rows = rows[rows["jaar"] == year]
    if rows.empty:
        return Figure(indicator, None, year, definition["eenheid"], definition["bron"], False)
    row = rows.sort_values("jaar").iloc[-1]
    coverage = row.get("dekking")
    return Figure(indicator, float(row["waarde"]), int(row["jaar"]), definition["eenheid"], row["bron"],
                  bool(row["illustratief"]), "" if pd.isna(row["opmerking"]) else str(row["opmerking"]),
                  None if coverage is None or pd.isna(coverage) else float(coverage))


def key_indicators(indicatoren: pd.DataFrame) -> list[str]:
    """The wijk page's strip of key figures: the indicators the package marks `kerncijfer`, in its order."""
    if "kerncijfer" not in indicatoren:
        return []
    marked = indicatoren[indicatoren["kerncijfer"].astype("boolean").fillna(False).astype(bool)]
    return list(marked.sort_values("volgorde", kind="stable").index)


def key_figures(cijfers: pd.DataFrame, indicatoren: pd.DataFrame, area_kind: str, area_id: str) -> list[Figure]:
    return [figure(cijfers, indicatoren, name, area_kind, area_id) for name in key_indicators(indicatoren)]


def is_illustrative(cijfers: pd.DataFrame, indicator: str, year: int) -> bool:
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["jaar"] == year)]
    return bool(rows["illustratief"].any())
