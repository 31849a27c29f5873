"""From needs to budget: what each wijk had, what its open needs ask, what was granted, what is left.

Pure functions over the package's `wijken` (ceiling 2011–2014 and the 2014 cut), the entries (open needs
with an estimated `bedrag`, and the initiatives they link to) and the recorded decisions
(`nla_data.decisions`). Which statuses count as open is the package's (`facts.entry_rules.open_statuses`).

- **roll-up**: every open need with an amount is one line; the proposed handgeld of a wijk is the sum of
  its lines, so each euro can be traced back to a need (and through its links to the initiatives);
- **zonder bedrag**: open needs without an estimate do not count, and are listed so they can be estimated;
- **granted**: the sum of the decisions that granted money; **remaining** = after the cut less granted.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

NEEDS = "nodig"  # the section of the entries that holds what is needed
INITIATIVES = "gebeurt"  # the section the needs link to
GRANTED, REFUSED = "toegekend", "afgewezen"
OUTCOMES = (GRANTED, REFUSED)

LINE_COLUMNS = ["wijk_id", "item_id", "titel", "status", "soort_hulp", "bedrag", "initiatief_ids", "initiatieven"]
TABLE_COLUMNS = ["wijk_id", "naam", "klasse", "plafond", "korting", "na_korting", "voorgesteld", "toegekend",
                 "resterend", "zonder_bedrag"]


def _open_needs(items: pd.DataFrame, open_statuses: Collection[str], wijk_id: str | None) -> pd.DataFrame:
    rows = items[(items["sectie"] == NEEDS) & items["status"].isin(list(open_statuses))]
    return rows if wijk_id is None else rows[rows["wijk_id"] == wijk_id]


def rollup(items: pd.DataFrame, links: pd.DataFrame, *, open_statuses: Collection[str],
           wijk_id: str | None = None) -> pd.DataFrame:
    """One line per open need with an estimated amount (whole euros), with the initiatives it links to;
    largest amount first within a wijk."""
    needs = _open_needs(items, open_statuses, wijk_id)
    needs = needs[needs["bedrag"].notna()]
    initiatives = items[items["sectie"] == INITIATIVES]
    titles = dict(zip(initiatives["item_id"], initiatives["titel"]))
    targets: dict[str, list[str]] = {}
    for source, target in zip(links["van_item"], links["naar_item"]):
        if target in titles:
            targets.setdefault(source, []).append(target)
    ids = [sorted(targets.get(item_id, [])) for item_id in needs["item_id"]]
    lines = pd.DataFrame({
        "wijk_id": needs["wijk_id"].astype(str).to_numpy(), "item_id": needs["item_id"].astype(str).to_numpy(),
        "titel": needs["titel"].astype(str).to_numpy(), "status": needs["status"].astype(str).to_numpy(),
        "soort_hulp": needs["soort_hulp"].astype(object).where(needs["soort_hulp"].notna(), None).to_numpy(),
        "bedrag": needs["bedrag"].astype("int64").to_numpy(),
        "initiatief_ids": ids, "initiatieven": [[titles[i] for i in group] for group in ids]},
        columns=LINE_COLUMNS)
    return lines.sort_values(["wijk_id", "bedrag", "titel"], ascending=[True, False, True],
                             ignore_index=True)


def without_amount(items: pd.DataFrame, *, open_statuses: Collection[str], wijk_id: str | None = None) -> pd.DataFrame:
    """The open needs that have no estimated amount yet ("zonder bedrag"): they are not in the roll-up."""
    needs = _open_needs(items, open_statuses, wijk_id)
    return needs[needs["bedrag"].isna()][["wijk_id", "item_id", "titel", "status", "soort_hulp"]].reset_index(drop=True)


def proposed(lines: pd.DataFrame) -> pd.Series:
    """The proposed handgeld per wijk: the sum of its roll-up lines."""
    return lines.groupby("wijk_id")["bedrag"].sum().astype("int64")


def granted(decisions: pd.DataFrame) -> pd.Series:
    """Granted per wijk: the sum of the amounts of the decisions that granted money."""
    rows = decisions[decisions["uitkomst"] == GRANTED]
    return rows.groupby("wijk_id")["bedrag"].sum().astype("int64")


def budget_table(wijken: pd.DataFrame, lines: pd.DataFrame, decisions: pd.DataFrame,
                 missing: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per wijk (in the order of `wijken`): ceiling 2011–2014, the 2014 cut, after the cut, proposed
    from the open needs, granted, remaining (after the cut less granted) and how many open needs have no
    amount. `wijken` is the package's table (index wijk_id, with `klasse` set on load)."""
    ids = list(wijken.index)
    table = pd.DataFrame({
        "wijk_id": ids, "naam": list(wijken["naam"]),
        "klasse": list(wijken["klasse"]) if "klasse" in wijken else [None] * len(ids),
        "plafond": wijken["plafond_2011_2014"].astype("int64").to_numpy(),
        "korting": wijken["korting_2014"].astype("int64").to_numpy()}, index=pd.Index(ids, name="wijk_id"))
    table["na_korting"] = table["plafond"] - table["korting"]
    table["voorgesteld"] = proposed(lines).reindex(ids, fill_value=0).astype("int64")
    table["toegekend"] = granted(decisions).reindex(ids, fill_value=0).astype("int64")
    table["resterend"] = table["na_korting"] - table["toegekend"]
    counts = missing["wijk_id"].value_counts() if missing is not None else pd.Series(dtype="int64")
    table["zonder_bedrag"] = counts.reindex(ids, fill_value=0).astype("int64")
    return table[TABLE_COLUMNS]


def city_total(table: pd.DataFrame) -> dict[str, int]:
    """The sums over all wijken: what the city has, what the needs ask, what was granted, what is left."""
    return {column: int(table[column].sum()) for column in TABLE_COLUMNS if table[column].dtype.kind in "iu"}


def by_class(table: pd.DataFrame, class_order: list[str]) -> pd.DataFrame:
    """The money columns summed per class, in the package's class order."""
    money = ["na_korting", "voorgesteld", "toegekend"]
    summed = table.groupby("klasse")[money].sum()
    return summed.reindex([k for k in class_order if k in summed.index]).reset_index()


def remaining(wijken: pd.DataFrame, decisions: pd.DataFrame, wijk_id: str) -> int:
    """What a wijk can still grant: its budget after the cut less what was granted already."""
    return after_cut(wijken, wijk_id) - int(granted(decisions).get(wijk_id, 0))


def after_cut(wijken: pd.DataFrame, wijk_id: str) -> int:
    """A wijk's budget after the 2014 cut: its ceiling 2011–2014 less its share of the cut."""
    return int(wijken.loc[wijk_id, "plafond_2011_2014"]) - int(wijken.loc[wijk_id, "korting_2014"])


def decisions_of(decisions: pd.DataFrame, wijk_id: str | None = None) -> pd.DataFrame:
    """A wijk's decisions (or all), the newest first."""
    rows = decisions if wijk_id is None else decisions[decisions["wijk_id"] == wijk_id]
    return rows.sort_values(["datum", "vastgelegd_op"], ascending=False)  # several columns: ties keep their order


STEP_COLUMNS = ["stap", "soort", "bedrag"]  # soort: plotly's waterfall measure (absolute, relative, total)


def undecided(lines: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """The roll-up lines of needs on which no decision was recorded yet."""
    return lines[~lines["item_id"].isin(set(decisions["item_id"]))]


def steps(rows: pd.DataFrame, lines: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """From the ceiling to what would be left if every undecided open need were granted, for the wijken in
    `rows` (a slice of `budget_table`) together: ceiling, less the cut, = after the cut, less granted,
    = still available, less what the undecided needs ask, = the balance (negative when they ask too much)."""
    ids = set(rows["wijk_id"])
    asked = int(undecided(lines[lines["wijk_id"].isin(ids)], decisions)["bedrag"].sum())
    total = city_total(rows)
    return pd.DataFrame([
        ("plafond", "absolute", total["plafond"]),
        ("korting", "relative", -total["korting"]),
        ("na_korting", "total", total["na_korting"]),
        ("toegekend", "relative", -total["toegekend"]),
        ("resterend", "total", total["resterend"]),
        ("onbesloten", "relative", -asked),
        ("saldo", "total", total["resterend"] - asked)], columns=STEP_COLUMNS)
