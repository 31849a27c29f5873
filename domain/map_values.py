"""What a map colours its areas by: one row per drawn area (wijk or buurt), missing values as <NA>.

A missing value (no row, or a CBS secret stored without a number) stays missing: the map draws it
grey as "geen gegevens", never as 0.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["waarde", "bron", "illustratief", "opmerking", "dekking"]


def area_values(cijfers: pd.DataFrame, area_kind: str, area_ids, indicator: str, year: int) -> pd.DataFrame:
    """Value, source, illustrative flag, note and coverage (`dekking`, empty = whole area) of each of
    `area_ids` (the index of the result, in that order)."""
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["jaar"] == year)
                   & (cijfers["gebied_type"] == area_kind)]
    rows = rows.drop_duplicates("gebied_id", keep="last").set_index("gebied_id")
    rows = rows.reindex(columns=COLUMNS)  # `dekking` is optional in older packages
    return rows.reindex(pd.Index(list(area_ids), name="gebied_id"))


def indicators_with_values(cijfers: pd.DataFrame, indicatoren: pd.DataFrame, area_kind: str) -> list[str]:
    """The indicators that have at least one value for this kind of area, in the package's order."""
    rows = cijfers[(cijfers["gebied_type"] == area_kind) & cijfers["waarde"].notna()]
    present = set(rows["indicator"])
    return [name for name in indicatoren.index if name in present]


def years_with_values(cijfers: pd.DataFrame, indicator: str, area_kind: str) -> list[int]:
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["gebied_type"] == area_kind)
                   & cijfers["waarde"].notna()]
    return sorted(int(year) for year in rows["jaar"].unique())


def base_indicator(definition: pd.Series) -> str | None:
    """The indicator a partial value's coverage is a share of: the weight of a weighted mean, the
    denominator of a rate (see `dekking` in the package)."""
    for column in ("gewicht", "noemer"):
        value = definition.get(column)
        if isinstance(value, str) and value:
            return value
    return None
