"""From needs to budget (domain.budget): the totals match the source, the roll-up is the sum of the open
needs' amounts, closed needs and needs without an amount do not count."""

from __future__ import annotations

import pandas as pd
import pytest

from domain import budget

OPEN = ("loopt", "gepland", "idee")
COLUMNS = ["wijk_id", "item_id", "uitkomst", "bedrag"]  # what the roll-up reads of a decision


def _decisions(*rows) -> pd.DataFrame:
    frame = pd.DataFrame([{**dict.fromkeys(COLUMNS), **row} for row in rows], columns=COLUMNS)
    return frame.astype({"bedrag": "int64"}) if rows else frame


def _items(*rows) -> pd.DataFrame:
    base = {"sectie": "nodig", "status": "idee", "soort_hulp": "geld", "bedrag": pd.NA}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["bedrag"] = frame["bedrag"].astype("Int64")
    return frame


NO_LINKS = pd.DataFrame(columns=["van_item", "naar_item", "relatie"])


def test_the_ceilings_and_the_cut_match_the_source(package):
    table = budget.budget_table(package.wijken, budget.rollup(package.items, package.koppelingen, open_statuses=OPEN),
                                _decisions())
    total = budget.city_total(table)
    assert total["plafond"] == 8_875_000
    assert total["korting"] == 450_000
    assert total["na_korting"] == 8_425_000
    assert set(table["korting"]) == {30_000} and len(table) == 15
    assert table.loc["selwerd", "na_korting"] == 870_000 and table.loc["hoogkerk", "na_korting"] == 70_000


def test_the_rollup_is_the_sum_of_the_open_needs_amounts(package):
    items = package.items
    lines = budget.rollup(items, package.koppelingen, open_statuses=package.facts.entry_rules.open_statuses)
    open_needs = items[(items["sectie"] == "nodig") & items["status"].isin(package.facts.entry_rules.open_statuses)]
    assert lines["bedrag"].sum() == open_needs["bedrag"].sum()
    table = budget.budget_table(package.wijken, lines, _decisions())
    for wijk_id, row in table.iterrows():
        own = open_needs[open_needs["wijk_id"] == wijk_id]
        assert row["voorgesteld"] == int(own["bedrag"].fillna(0).sum()), wijk_id
    # the example data: Beijum's water for the vegetable garden is completed, so it does not count
    assert "beijum-nodig-moestuin-water" not in set(lines["item_id"])
    assert table.loc["beijum", "voorgesteld"] == 0
    assert table.loc["selwerd", "voorgesteld"] == 25_000


def test_each_line_traces_to_its_need_and_the_initiatives_it_belongs_to(package):
    lines = budget.rollup(package.items, package.koppelingen, open_statuses=OPEN, wijk_id="korrewegwijk")
    line = lines.set_index("item_id").loc["korrewegwijk-nodig-wijkstemdag"]
    assert line["bedrag"] == 3500
    assert line["initiatief_ids"] == ["korrewegwijk-wijkstemdag"]
    assert len(line["initiatieven"]) == 1 and line["initiatieven"][0]


def test_closed_needs_and_needs_without_amount_do_not_count_and_the_latter_are_listed():
    items = _items(
        {"item_id": "a", "wijk_id": "w", "titel": "Open met bedrag", "bedrag": 1000},
        {"item_id": "b", "wijk_id": "w", "titel": "Gesloten", "status": "afgerond", "bedrag": 5000},
        {"item_id": "c", "wijk_id": "w", "titel": "Zonder bedrag"},
        {"item_id": "d", "wijk_id": "w", "titel": "Geen behoefte", "sectie": "gebeurt", "bedrag": 700},
        {"item_id": "e", "wijk_id": "w", "titel": "Nul euro", "bedrag": 0},
    )
    lines = budget.rollup(items, NO_LINKS, open_statuses=OPEN)
    assert list(lines["item_id"]) == ["a", "e"]
    assert budget.proposed(lines).to_dict() == {"w": 1000}
    missing = budget.without_amount(items, open_statuses=OPEN)
    assert list(missing["item_id"]) == ["c"]


def test_the_lines_go_by_wijk_then_largest_amount_first_and_equal_amounts_by_title():
    items = _items(
        {"item_id": "z1", "wijk_id": "zuid", "titel": "Bankjes", "bedrag": 500},
        {"item_id": "n1", "wijk_id": "noord", "titel": "Zwembadbus", "bedrag": 2000},
        {"item_id": "n2", "wijk_id": "noord", "titel": "Buurtkamer", "bedrag": 2000},
        {"item_id": "n3", "wijk_id": "noord", "titel": "Moestuin", "bedrag": 9000},
        {"item_id": "n4", "wijk_id": "noord", "titel": "Koffie", "bedrag": 100},
    )
    lines = budget.rollup(items, NO_LINKS, open_statuses=OPEN)
    assert list(lines["titel"]) == ["Moestuin", "Buurtkamer", "Zwembadbus", "Koffie", "Bankjes"]
    assert list(lines.index) == [0, 1, 2, 3, 4]


def test_granted_and_remaining_count_grants_only():
    wijken = pd.DataFrame({"naam": ["W"], "klasse": ["k"], "plafond_2011_2014": [100_000], "korting_2014": [30_000]},
                          index=pd.Index(["w"], name="wijk_id"))
    decisions = _decisions({"wijk_id": "w", "uitkomst": "toegekend", "bedrag": 20_000},
                           {"wijk_id": "w", "uitkomst": "afgewezen", "bedrag": 50_000},
                           {"wijk_id": "w", "uitkomst": "toegekend", "bedrag": 5_000})
    assert budget.remaining(wijken, decisions, "w") == 45_000
    table = budget.budget_table(wijken, budget.rollup(_items({"item_id": "a", "wijk_id": "w", "titel": "x",
                                                              "bedrag": 9}), NO_LINKS, open_statuses=OPEN),
                                decisions)
    assert table.loc["w", ["na_korting", "voorgesteld", "toegekend", "resterend"]].tolist() == [70_000, 9, 25_000,
                                                                                                45_000]


@pytest.mark.parametrize("wijk_id", ["selwerd", "tuinwijk", "hoogkerk"])
def test_a_wijk_without_anything_recorded_has_its_whole_budget_left(package, wijk_id):
    assert budget.remaining(package.wijken, _decisions(), wijk_id) == (
        package.wijken.loc[wijk_id, "plafond_2011_2014"] - package.wijken.loc[wijk_id, "korting_2014"])


def test_by_class_follows_the_package_order(package):
    table = budget.budget_table(package.wijken, budget.rollup(package.items, package.koppelingen, open_statuses=OPEN),
                                _decisions())
    classes = budget.by_class(table, package.facts.classes.keys)
    assert list(classes["klasse"]) == package.facts.classes.keys
    assert classes["na_korting"].sum() == 8_425_000


def test_the_steps_go_from_the_ceiling_to_the_balance_of_the_undecided_needs(package):
    lines = budget.rollup(package.items, package.koppelingen, open_statuses=OPEN)
    asked = int(lines["bedrag"].sum())
    decisions = _decisions({"wijk_id": "korrewegwijk", "item_id": "korrewegwijk-nodig-wijkstemdag",
                            "uitkomst": "toegekend", "bedrag": 3_000},
                           {"wijk_id": "selwerd", "item_id": "elders", "uitkomst": "afgewezen", "bedrag": 9_999})
    table = budget.budget_table(package.wijken, lines, decisions)
    city = budget.steps(table, lines, decisions)
    assert list(city["soort"]) == ["absolute", "relative", "total", "relative", "total", "relative", "total"]
    assert dict(zip(city["stap"], city["bedrag"])) == {
        "plafond": 8_875_000, "korting": -450_000, "na_korting": 8_425_000, "toegekend": -3_000,
        "resterend": 8_422_000, "onbesloten": -(asked - 3_500),  # the wijkstemdag has a decision: it is out
        "saldo": 8_422_000 - (asked - 3_500)}
    # each total is what the steps before it add up to
    running = 0
    for measure, amount in zip(city["soort"], city["bedrag"]):
        running = amount if measure == "absolute" else running + amount if measure == "relative" else running
        if measure == "total":
            assert amount == running
    selwerd = budget.steps(table.loc[["selwerd"]], lines, decisions).set_index("stap")["bedrag"]
    assert selwerd["na_korting"] == 870_000 and selwerd["toegekend"] == 0  # a refusal grants nothing
    assert selwerd["onbesloten"] == -25_000 and selwerd["saldo"] == 845_000


def test_a_balance_below_zero_when_the_needs_ask_more_than_is_left(package):
    items = _items({"wijk_id": "hoogkerk", "item_id": "h1", "titel": "Buurtkamer", "bedrag": 50_000},
                   {"wijk_id": "hoogkerk", "item_id": "h2", "titel": "Speeltuin", "bedrag": 30_000})
    lines = budget.rollup(items, NO_LINKS, open_statuses=OPEN)
    table = budget.budget_table(package.wijken, lines, _decisions())
    steps = budget.steps(table.loc[["hoogkerk"]], lines, _decisions()).set_index("stap")["bedrag"]
    assert steps["resterend"] == 70_000 and steps["onbesloten"] == -80_000 and steps["saldo"] == -10_000


def test_the_table_is_indexed_by_wijk_and_counts_needs_without_amount_per_wijk(package):
    missing = pd.DataFrame({"wijk_id": ["selwerd", "selwerd", "beijum"], "item_id": ["a", "b", "c"]})
    table = budget.budget_table(package.wijken, budget.rollup(package.items, package.koppelingen, open_statuses=OPEN),
                                _decisions(), missing)
    assert table.index.name == "wijk_id" and list(table.index) == list(package.wijken.index)
    assert table.loc["selwerd", "zonder_bedrag"] == 2 and table.loc["beijum", "zonder_bedrag"] == 1
    assert table["zonder_bedrag"].sum() == 3 and table["zonder_bedrag"].dtype == "int64"


def test_decisions_newest_first_by_date_then_by_when_recorded():
    rows = pd.DataFrame({"wijk_id": ["a", "a", "a", "b"], "item_id": ["x", "y", "z", "w"],
                         "datum": pd.to_datetime(["2014-01-01", "2014-03-01", "2014-03-01", "2015-01-01"]),
                         "vastgelegd_op": pd.to_datetime(["2014-05-01", "2014-03-02", "2014-03-05", "2015-01-01"])})
    assert list(budget.decisions_of(rows, "a")["item_id"]) == ["z", "y", "x"]
    assert list(budget.decisions_of(rows)["item_id"]) == ["w", "z", "y", "x"]


def test_each_line_says_what_kind_of_help_the_need_asks():
    items = _items({"item_id": "a", "wijk_id": "w", "titel": "Buurtfeest", "bedrag": 900},
                   {"item_id": "b", "wijk_id": "w", "titel": "Klusjes", "bedrag": 400, "soort_hulp": "menskracht"},
                   {"item_id": "c", "wijk_id": "w", "titel": "Onbekend", "bedrag": 100, "soort_hulp": None})
    kinds = budget.rollup(items, NO_LINKS, open_statuses=OPEN).set_index("item_id")["soort_hulp"]
    assert (kinds["a"], kinds["b"]) == ("geld", "menskracht")
    assert pd.isna(kinds["c"])  # not given: nothing


def test_wijken_without_a_class_still_get_a_budget_row_with_the_class_left_empty():
    wijken = pd.DataFrame({"naam": ["W", "V"], "plafond_2011_2014": [100_000, 50_000], "korting_2014": [30_000, 0]},
                          index=pd.Index(["w", "v"], name="wijk_id"))
    lines = budget.rollup(_items({"item_id": "a", "wijk_id": "w", "titel": "x", "bedrag": 9}), NO_LINKS,
                          open_statuses=OPEN)
    table = budget.budget_table(wijken, lines, _decisions())
    assert table["klasse"].tolist() == [None, None]
    assert table["na_korting"].tolist() == [70_000, 50_000] and table["voorgesteld"].tolist() == [9, 0]
