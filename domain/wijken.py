"""The 15 NLA wijken: their classes, the order we show them in, and their budgets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# The four classes of the report (§2.2), in the order the report lists them.
CLASSES = ["groot-zwaar", "klein-zwaar", "groot-licht", "klein-licht"]


def class_key(grootte: str, zwaarte: str) -> str:
    return f"{grootte}-{zwaarte}"


def with_class(wijken: pd.DataFrame) -> pd.DataFrame:
    """The wijken with a `klasse` column (`groot-zwaar`, …), ordered by class, then name."""
    frame = wijken.assign(klasse=[class_key(g, z) for g, z in zip(wijken["grootte"], wijken["zwaarte"])])
    order = frame["klasse"].map(CLASSES.index)
    return frame.assign(_order=order).sort_values(["_order", "naam"]).drop(columns="_order")


def ordered_ids(wijken: pd.DataFrame) -> list[str]:
    """Wijk ids grouped by class (as in the sidebar picker)."""
    return list(with_class(wijken)["wijk_id"])


def themes(value) -> list[str]:
    """`"Groen;Jongeren"` -> `["Groen", "Jongeren"]`."""
    if value is None or value is pd.NA or not str(value).strip():
        return []
    return [theme.strip() for theme in str(value).split(";") if theme.strip()]


@dataclass(frozen=True)
class Budget:
    ceiling: int  # wijkbudget ceiling 2011-2014
    cut_2014: int  # the cut of the letter of 18-09-2013

    @property
    def after_cut(self) -> int:
        return self.ceiling - self.cut_2014


def budget(wijken: pd.DataFrame, wijk_id: str) -> Budget:
    row = wijken.loc[wijk_id]
    return Budget(int(row["plafond_2011_2014"]), int(row["korting_2014"]))


def budget_totals(wijken: pd.DataFrame) -> Budget:
    """All wijken together: € 8.875.000 ceiling and € 450.000 cut in the source."""
    return Budget(int(wijken["plafond_2011_2014"].sum()), int(wijken["korting_2014"].sum()))
