"""domain.map_values: what a map colours its areas by; a missing value stays missing, never 0."""

from __future__ import annotations

import pandas as pd

from domain.map_values import area_values, base_indicator, indicators_with_values, years_with_values

CIJFERS = pd.DataFrame([
    ("wijk", "a", 2015, "inwoners", 100.0, "CBS", False, None, None),
    ("wijk", "b", 2015, "inwoners", None, "CBS", False, "geheim", None),
    ("wijk", "a", 2014, "inwoners", 90.0, "CBS", False, None, None),
    ("wijk", "a", 2015, "inwoners", 110.0, "CBS (herzien)", False, None, "80 %"),
    ("buurt", "a1", 2015, "inwoners", 60.0, "CBS", False, None, None),
    ("wijk", "a", 2016, "woz", 150.0, "illustratief", True, None, None),
    ("wijk", "b", 2013, "woz", None, "CBS", False, None, None),
], columns=["gebied_type", "gebied_id", "jaar", "indicator", "waarde", "bron", "illustratief", "opmerking", "dekking"])
INDICATOREN = pd.DataFrame(index=pd.Index(["woz", "leeg", "inwoners"], name="indicator"))


def test_one_row_per_area_in_the_order_asked_the_last_row_wins_missing_stays_missing():
    values = area_values(CIJFERS, "wijk", ["c", "b", "a"], "inwoners", 2015)
    assert list(values.index) == ["c", "b", "a"] and values.index.name == "gebied_id"
    assert list(values.columns) == ["waarde", "bron", "illustratief", "opmerking", "dekking"]
    assert values.loc["a", "waarde"] == 110.0 and values.loc["a", "bron"] == "CBS (herzien)"
    assert values.loc["a", "dekking"] == "80 %"
    assert pd.isna(values.loc["b", "waarde"]) and values.loc["b", "opmerking"] == "geheim"
    assert values.loc["c"].isna().all()


def test_an_older_package_without_coverage_gets_an_empty_column():
    values = area_values(CIJFERS.drop(columns="dekking"), "buurt", ["a1"], "inwoners", 2015)
    assert values.loc["a1", "waarde"] == 60.0 and pd.isna(values.loc["a1", "dekking"])


def test_indicators_with_values_keep_the_packages_order_and_skip_empty_ones():
    assert indicators_with_values(CIJFERS, INDICATOREN, "wijk") == ["woz", "inwoners"]
    assert indicators_with_values(CIJFERS, INDICATOREN, "buurt") == ["inwoners"]
    assert indicators_with_values(CIJFERS, INDICATOREN, "gemeente") == []


def test_years_with_values_in_order_without_years_that_only_have_gaps():
    assert years_with_values(CIJFERS, "inwoners", "wijk") == [2014, 2015]
    assert years_with_values(CIJFERS, "woz", "wijk") == [2016]
    assert years_with_values(CIJFERS, "inwoners", "buurt") == [2015]


def test_the_base_of_a_partial_value_is_its_weight_or_else_its_denominator():
    assert base_indicator(pd.Series({"gewicht": "woningen", "noemer": "inwoners"})) == "woningen"
    assert base_indicator(pd.Series({"gewicht": None, "noemer": "inwoners"})) == "inwoners"
    assert base_indicator(pd.Series({"gewicht": "", "noemer": float("nan")})) is None
    assert base_indicator(pd.Series({}, dtype=object)) is None
