"""domain.compare on a tiny hand-made package, so every expected number can be checked by hand;
and once on the embedded package, for the invariants (city = 100, nothing missing becomes 0)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from domain import compare
from nla_data import EMBEDDED_DIR
from nla_data.facts import classify, read_facts
from nla_data.schema import read_descriptor

CITY = "GM9999"


def _wijken() -> pd.DataFrame:
    rows = [("a", "Aa", "groot", "zwaar"), ("b", "Bee", "groot", "zwaar"), ("c", "Cee", "klein", "licht")]
    frame = pd.DataFrame(rows, columns=["wijk_id", "naam", "grootte", "zwaarte"])
    classes = read_facts(read_descriptor(EMBEDDED_DIR)).classes  # as the loader classifies them
    return classify(frame, classes).set_index("wijk_id", drop=False)  # as the package has it: index and column


def _indicatoren() -> pd.DataFrame:
    rows = [
        # indicator, eenheid, aggregatie, gewicht, hoger_is_beter
        ("woningen", "aantal", "som", None, None),
        ("aandeel", "procent", "gewogen", "woningen", None),
        ("score", "score", "gewogen", "woningen", True),
        ("efg", "procent", "gewogen", "woningen", False),
        ("los", "procent", "gewogen", None, None),
        ("spook", "procent", "gewogen", "leeg", None),
        ("leeg", "aantal", "som", None, None),
    ]
    frame = pd.DataFrame(rows, columns=["indicator", "eenheid", "aggregatie", "gewicht", "hoger_is_beter"])
    frame["hoger_is_beter"] = frame["hoger_is_beter"].astype("boolean")
    return frame.set_index("indicator", drop=False)


def _cijfers() -> pd.DataFrame:
    values = [
        # woningen: complete in 2016, c is missing in 2013
        ("gemeente", CITY, 2016, "woningen", 10000), ("wijk", "a", 2016, "woningen", 1000),
        ("wijk", "b", 2016, "woningen", 3000), ("wijk", "c", 2016, "woningen", 1000),
        ("gemeente", CITY, 2013, "woningen", 9000), ("wijk", "a", 2013, "woningen", 2000),
        ("wijk", "b", 2013, "woningen", 2000),
        # aandeel: b has no value in 2012; 2013 exists only for the city
        ("gemeente", CITY, 2014, "aandeel", 40), ("wijk", "a", 2014, "aandeel", 50),
        ("wijk", "b", 2014, "aandeel", 30), ("wijk", "c", 2014, "aandeel", 20),
        ("gemeente", CITY, 2013, "aandeel", 41),
        ("gemeente", CITY, 2012, "aandeel", 42), ("wijk", "a", 2012, "aandeel", 40), ("wijk", "c", 2012, "aandeel", 20),
        # score: c has no value; higher is better
        ("gemeente", CITY, 2014, "score", 6.0), ("wijk", "a", 2014, "score", 6.0), ("wijk", "b", 2014, "score", 7.0),
        # efg: lower is better, a tie
        ("gemeente", CITY, 2014, "efg", 20), ("wijk", "a", 2014, "efg", 10), ("wijk", "b", 2014, "efg", 30),
        ("wijk", "c", 2014, "efg", 10),
        # los: no weight defined; the city is 0
        ("gemeente", CITY, 2014, "los", 0), ("wijk", "a", 2014, "los", 10), ("wijk", "b", 2014, "los", 20),
        ("wijk", "c", 2014, "los", 30),
        # spook: weighted by an indicator that has no values at all
        ("wijk", "a", 2014, "spook", 10), ("wijk", "b", 2014, "spook", 40),
    ]
    frame = pd.DataFrame(values, columns=["gebied_type", "gebied_id", "jaar", "indicator", "waarde"])
    frame["waarde"] = frame["waarde"].astype("Float64")
    frame["jaar"] = frame["jaar"].astype("Int64")
    frame["bron"] = "Testbron"
    frame["illustratief"] = pd.array([i == "aandeel" for i in frame["indicator"]], dtype="boolean")
    frame["opmerking"] = pd.NA
    return frame


@pytest.fixture
def data():
    return _cijfers(), _wijken(), _indicatoren()


def _row(table: pd.DataFrame, gebied_id: str) -> pd.Series:
    return table.set_index("gebied_id").loc[gebied_id]


# --- the NLA average -------------------------------------------------------------------------------

def test_weighted_average_uses_the_weight_of_the_nearest_year_that_covers_every_wijk(data):
    # aandeel 2014: the weight woningen has 2013 (distance 1, but c missing) and 2016 (distance 2, complete)
    average = compare.nla_average(*data, "aandeel", 2014)
    assert average.method == "gewogen" and average.weight == "woningen" and average.weight_year == 2016
    assert average.weight_from_other_year
    # (50·1000 + 30·3000 + 20·1000) / (1000 + 3000 + 1000) = 160000 / 5000
    assert average.value == pytest.approx(32.0)
    assert average.n == 3 and average.of == 3
    assert average.illustrative  # aandeel is illustrative


def test_weighted_average_over_the_wijken_that_have_a_value(data):
    # score 2014: only a and b have a value; 2013 has a weight for both and is nearer than 2016
    average = compare.nla_average(*data, "score", 2014)
    assert average.weight_year == 2013
    assert average.value == pytest.approx((6.0 * 2000 + 7.0 * 2000) / 4000)  # 6.5, not 6.75 (2016 weights)
    assert average.n == 2


def test_unweighted_mean_is_flagged_with_its_reason(data):
    no_weight = compare.nla_average(*data, "los", 2014)
    assert (no_weight.method, no_weight.unweighted_reason) == ("ongewogen", compare.NO_WEIGHT_DEFINED)
    assert no_weight.value == pytest.approx(20.0)
    assert (no_weight.n, no_weight.of, no_weight.weight) == (3, 3, None)
    assert (no_weight.indicator, no_weight.year, no_weight.sources) == ("los", 2014, ("Testbron",))
    weight_gone = compare.nla_average(*data, "spook", 2014)
    assert (weight_gone.method, weight_gone.unweighted_reason) == ("ongewogen", compare.WEIGHT_MISSING)
    assert weight_gone.value == pytest.approx(25.0)
    assert (weight_gone.n, weight_gone.of, weight_gone.weight) == (2, 3, "leeg")
    illustrative = data[0].assign(illustratief=pd.array([True] * len(data[0]), dtype="boolean"))
    assert compare.nla_average(illustrative, *data[1:], "spook", 2014).illustrative


def test_a_weighted_indicator_without_values_in_the_year_is_weighted_and_empty_not_flagged_unweighted(data):
    # aandeel has values in 2014 and 2012; in 2015 none: nothing to average, and no "unweighted" warning
    average = compare.nla_average(*data, "aandeel", 2015)
    assert (average.method, average.n, average.of, average.unweighted_reason) == ("gewogen", 0, 3, "")
    assert math.isnan(average.value)


def test_every_kind_of_nla_average_names_the_sources_of_its_values(data):
    assert compare.nla_average(*data, "woningen", 2016).sources == ("Testbron",)  # a count
    assert compare.nla_average(*data, "aandeel", 2014).sources == ("Testbron",)  # weighted
    assert compare.nla_average(*data, "spook", 2014).sources == ("Testbron",)  # its weight has no values


def test_a_weighted_average_is_illustrative_when_only_its_weight_is(data):
    cijfers = data[0].copy()
    cijfers["illustratief"] = pd.array([i == "woningen" for i in cijfers["indicator"]], dtype="boolean")
    average = compare.nla_average(cijfers, *data[1:], "score", 2014)  # score itself is real, woningen is not
    assert average.method == "gewogen" and average.illustrative
    assert not compare.nla_average(*data, "score", 2014).illustrative  # neither is illustrative


def test_counts_give_a_total_and_a_mean_per_wijk(data):
    complete = compare.nla_average(*data, "woningen", 2016)
    assert complete.method == "som" and (complete.n, complete.of) == (3, 3)
    assert (complete.indicator, complete.year) == ("woningen", 2016)
    assert complete.total == pytest.approx(5000.0)
    assert complete.value == pytest.approx(5000 / 3)
    partial = compare.nla_average(*data, "woningen", 2013)  # c has no value: no total, a mean of two
    assert math.isnan(partial.total)
    assert partial.value == pytest.approx(2000.0) and partial.n == 2


def test_no_values_no_average(data):
    average = compare.nla_average(*data, "aandeel", 2013)  # only the city has 2013
    assert math.isnan(average.value) and average.n == 0



def test_the_nla_average_of_a_single_wijk_with_a_value_is_that_value(data):
    cijfers = data[0]
    alone = cijfers[~((cijfers["indicator"] == "aandeel") & cijfers["gebied_id"].isin(["b", "c"]))]
    average = compare.nla_average(alone, *data[1:], "aandeel", 2014)
    assert average.value == pytest.approx(50.0) and average.n == 1 and average.method == "gewogen"

# --- the comparison table --------------------------------------------------------------------------

def test_table_rows_city_first_then_nla_then_the_chosen_wijken_in_order(data):
    table = compare.comparison_table(*data, "aandeel", 2014, ["c", "a"])
    assert list(table["soort"]) == [compare.CITY, compare.NLA_MEAN, compare.WIJK, compare.WIJK]
    assert list(table["gebied_id"]) == [CITY, compare.NLA_MEAN, "c", "a"]
    assert list(table["naam"]) == ["De stad", "Gemiddelde NLA-wijken", "Cee", "Aa"]
    assert list(table["klasse"].iloc[2:]) == ["klein-licht", "groot-zwaar"]
    assert (table["jaar"] == 2014).all()
    assert list(table.columns) == compare.COLUMNS


def test_index_city_is_100(data):
    table = compare.comparison_table(*data, "aandeel", 2014, ["a", "b", "c"])
    assert _row(table, CITY)["index"] == pytest.approx(100.0)
    assert _row(table, "a")["index"] == pytest.approx(125.0)  # 50 / 40 × 100
    assert _row(table, "b")["index"] == pytest.approx(75.0)
    assert _row(table, "c")["index"] == pytest.approx(50.0)
    assert _row(table, compare.NLA_MEAN)["index"] == pytest.approx(80.0)  # 32 / 40 × 100


def test_index_is_nan_when_the_city_is_zero_or_missing(data):
    zero = compare.comparison_table(*data, "los", 2014, ["a", "b"])
    assert zero["index"].isna().all()
    missing = compare.comparison_table(*data, "spook", 2014, ["a", "b"])  # no city value for spook
    assert math.isnan(_row(missing, CITY)["waarde"]) and missing["index"].isna().all()


def test_counts_have_a_total_row_and_index_as_share_of_the_city(data):
    table = compare.comparison_table(*data, "woningen", 2016, ["a", "b"])
    assert list(table["soort"][:3]) == [compare.CITY, compare.NLA_TOTAL, compare.NLA_MEAN]
    assert _row(table, compare.NLA_TOTAL)["waarde"] == pytest.approx(5000.0)
    assert _row(table, compare.NLA_TOTAL)["index"] == pytest.approx(50.0)  # the 15 wijken hold half the city
    assert _row(table, "b")["index"] == pytest.approx(30.0)


def test_rank_respects_the_direction(data):
    neutral = compare.comparison_table(*data, "aandeel", 2014, ["a", "b", "c"])
    assert [_row(neutral, w)["rang"] for w in "abc"] == [1, 2, 3]  # no direction: highest first
    lower_better = compare.comparison_table(*data, "efg", 2014, ["a", "b", "c"])
    assert [_row(lower_better, w)["rang"] for w in "abc"] == [1, 3, 1]  # a tie shares the best rank
    higher_better = compare.comparison_table(*data, "score", 2014, ["a", "b", "c"])
    assert _row(higher_better, "b")["rang"] == 1 and _row(higher_better, "a")["rang"] == 2
    assert pd.isna(_row(higher_better, "c")["rang"])  # no value, no rank
    assert higher_better["rang"].iloc[:2].isna().all()  # the city and the NLA wijken are not ranked


def test_rank_is_among_the_chosen_wijken_only(data):
    table = compare.comparison_table(*data, "aandeel", 2014, ["b", "c"])
    assert [_row(table, w)["rang"] for w in "bc"] == [1, 2]


def test_missing_value_in_the_table_is_nan_not_zero(data):
    table = compare.comparison_table(*data, "aandeel", 2012, ["a", "b"])
    b = _row(table, "b")
    assert math.isnan(b["waarde"]) and math.isnan(b["index"]) and pd.isna(b["rang"])


def test_unknown_wijk_ids_are_left_out(data):
    table = compare.comparison_table(*data, "aandeel", 2014, ["a", "atlantis", "a"])
    assert list(table.loc[table["soort"] == compare.WIJK, "gebied_id"]) == ["a"]


# --- over time -------------------------------------------------------------------------------------

def test_trend_has_every_year_and_gaps_stay_nan(data):
    cijfers = data[0]
    trend = compare.trend_frame(cijfers, "aandeel", [CITY, "a", "b"])
    assert sorted(trend["jaar"].unique()) == [2012, 2013, 2014]
    assert len(trend) == 9  # 3 areas × 3 years, whether or not there is a value
    value = trend.set_index(["gebied_id", "jaar"])["waarde"]
    assert math.isnan(value[("b", 2012)])  # missing: a gap
    assert math.isnan(value[("a", 2013)])  # a year only the city has
    assert value[("a", 2012)] == 40 and value[(CITY, 2013)] == 41
    assert not (trend["waarde"] == 0).any()
    wide = compare.trend_wide(trend)
    assert list(wide.index) == [CITY, "a", "b"] and list(wide.columns) == [2012, 2013, 2014]
    assert math.isnan(wide.loc["b", 2012])


def test_nla_trend_follows_the_table(data):
    trend = compare.nla_trend(*data, "aandeel")
    assert list(trend["jaar"]) == [2012, 2013, 2014]
    by_year = trend.set_index("jaar")["waarde"]
    assert by_year[2014] == pytest.approx(32.0)
    assert math.isnan(by_year[2013])
    assert by_year[2012] == pytest.approx((40 * 1000 + 20 * 1000) / 2000)  # a and c, 2016 weights


# --- several indicators ----------------------------------------------------------------------------

def test_multiples_sorted_by_the_first_indicator_and_in_their_nearest_year(data):
    frame = compare.multiples_frame(*data, ["efg", "woningen"], 2014, ["a", "b", "c"])
    efg = frame[frame["indicator"] == "efg"]
    assert list(efg["gebied_id"]) == ["a", "c", "b"]  # rank 1, 1 (by name), 3
    woningen = frame[frame["indicator"] == "woningen"]
    assert list(woningen["gebied_id"]) == ["a", "c", "b"]  # same order for every indicator
    assert set(woningen["jaar"]) == {2013}  # nearest year to 2014 with values (2013 before 2016)
    assert efg["stad"].iloc[0] == 20


def test_nearest_year_prefers_the_earlier_on_a_tie(data):
    assert compare.nearest_year(data[0], "aandeel", 2013) == 2012
    assert compare.nearest_year(data[0], "aandeel", 2014) == 2014
    assert compare.nearest_year(data[0], "leeg", 2014) is None


# --- which wijken ----------------------------------------------------------------------------------

def test_class_peers_and_parsing_ids(data):
    wijken = data[1]
    assert compare.class_peers(wijken, "b") == ["b", "a"]
    assert compare.class_peers(wijken, "c") == ["c"]
    assert compare.class_peers(wijken, "x") == []
    assert compare.parse_ids("b, A,atlantis,b,,", ["a", "b", "c"]) == (["b", "a"], ["atlantis"])
    assert compare.parse_ids(None, ["a"]) == ([], [])
    # what comes after a name it does not know still counts
    assert compare.parse_ids("atlantis, c, a", ["a", "b", "c"]) == (["c", "a"], ["atlantis"])
    assert compare.parse_ids("a,, ,c", ["a", "b", "c"]) == (["a", "c"], [])  # and after an empty one


# --- the embedded package --------------------------------------------------------------------------

def test_embedded_package_city_is_100_and_nothing_missing_becomes_zero(package):
    wijk_ids = list(package.wijken.index)
    for indicator in package.indicatoren.index:
        for year in compare.years(package.cijfers, indicator):
            table = compare.comparison_table(package.cijfers, package.wijken, package.indicatoren, indicator, year,
                                             wijk_ids)
            city = table.iloc[0]
            if pd.notna(city["waarde"]) and city["waarde"] != 0:
                assert city["index"] == pytest.approx(100.0)
            assert table["rang"].dropna().between(1, 15).all()
        trend = compare.trend_frame(package.cijfers, indicator, wijk_ids)
        present = package.cijfers[(package.cijfers["indicator"] == indicator)
                                  & (package.cijfers["gebied_type"] == "wijk")]
        assert trend["waarde"].notna().sum() == len(present)


def test_embedded_weighted_indicators_are_weighted(package):
    # Shares 2011–2014 are weighted by dwellings, which the package has for 2016 only: nearest year.
    average = compare.nla_average(package.cijfers, package.wijken, package.indicatoren, "aandeel_sociale_huur", 2014)
    assert (average.method, average.weight, average.weight_year) == ("gewogen", "woningen", 2016)
    assert average.n == 15


def test_multiples_as_a_table_city_and_nla_first_then_the_wijken_in_the_frames_order(data):
    frame = compare.multiples_frame(*data, ["efg", "woningen"], 2014, ["a", "b", "c"])
    wide = compare.multiples_wide(frame, city_label="Stad", nla_label="NLA")
    assert list(wide.index) == ["Stad", "NLA", "Aa", "Cee", "Bee"] and list(wide.columns) == ["efg", "woningen"]
    assert wide.loc["Stad"].tolist() == [20.0, 9000.0] and wide.loc["NLA"].tolist() == [22.0, 2000.0]
    assert wide.loc["Bee", "efg"] == 30.0 and pd.isna(wide.loc["Cee", "woningen"])
    assert wide.index.name is None and wide.columns.name is None
    assert list(compare.multiples_wide(frame).index[:2]) == ["De stad", "Gemiddelde NLA-wijken"]


def test_multiples_without_values_is_an_empty_frame_with_its_columns(data):
    empty = compare.multiples_frame(*data, ["leeg"], 2014, ["a"])
    assert empty.empty and list(empty.columns) == ["indicator", "jaar", "gebied_id", "naam", "klasse", "waarde",
                                                   "index", "rang", "illustratief", "bron", "stad", "nla"]


def test_my_class_is_the_chosen_wijks_else_the_classes_of_ones_own_wijken(data):
    wijken = data[1]
    chosen = compare.my_class(wijken, "b", own=["c"])
    assert (chosen.classes, chosen.wijk_ids, chosen.basis, chosen.reason) == (
        ("groot-zwaar",), ["a", "b"], ("b",), compare.CHOSEN_WIJK)
    own = compare.my_class(wijken, None, own=["c", "a", "onbekend"])
    assert (own.classes, own.wijk_ids, own.basis, own.reason) == (
        ("groot-zwaar", "klein-licht"), ["a", "b", "c"], ("a", "c"), compare.OWN_WIJKEN)
    assert compare.my_class(wijken, "onbekend") is None and compare.my_class(wijken, None, own=[]) is None


def test_the_table_names_the_city_and_both_nla_rows(data):
    table = compare.comparison_table(*data, "woningen", 2016, ["a"])
    assert list(table["naam"][:3]) == ["De stad", "NLA-wijken samen", "Gemiddelde NLA-wijken"]


def test_the_trend_keeps_illustrative_as_true_false_or_unknown(data):
    trend = compare.trend_frame(data[0], "aandeel", ["a"])
    assert str(trend["illustratief"].dtype) == "boolean"
    assert trend["illustratief"].isna().tolist() == [False, True, False]  # 2013: no value, so unknown
    assert trend["illustratief"].dropna().all()


def test_the_wijken_may_come_with_their_id_as_index_only(data):
    cijfers, wijken, indicatoren = data
    by_index = wijken.drop(columns="wijk_id")
    assert compare.nla_average(cijfers, by_index, indicatoren, "los", 2014).of == 3


def test_the_city_row_carries_its_source(data):
    table = compare.comparison_table(*data, "los", 2014, ["a"])
    assert _row(table, CITY)["bron"] == "Testbron"


def test_values_in_a_year_treat_an_unknown_illustrative_flag_as_not_illustrative(data):
    cijfers = data[0].assign(illustratief=pd.array([pd.NA] * len(data[0]), dtype="boolean"))
    table = compare.comparison_table(cijfers, *data[1:], "los", 2014, ["a"])
    assert not _row(table, "a")["illustratief"]


def test_both_nla_rows_name_the_sources_of_the_wijk_values(data):
    cijfers = data[0].copy()
    cijfers.loc[(cijfers["indicator"] == "woningen") & (cijfers["gebied_id"] == "b"), "bron"] = "Andere bron"
    table = compare.comparison_table(cijfers, *data[1:], "woningen", 2016, ["a"])
    assert _row(table, compare.NLA_TOTAL)["bron"] == "Testbron; Andere bron"
    assert _row(table, compare.NLA_MEAN)["bron"] == "Testbron; Andere bron"


def test_the_nla_total_row_is_illustrative_when_its_values_are(data):
    cijfers = data[0].assign(illustratief=pd.array([True] * len(data[0]), dtype="boolean"))
    table = compare.comparison_table(cijfers, *data[1:], "woningen", 2016, ["a"])
    assert table["illustratief"].tolist() == [True, True, True, True]  # city, NLA total, NLA mean, a
    real = compare.comparison_table(*data, "woningen", 2016, ["a"])
    assert real["illustratief"].tolist() == [False, False, False, False]


def test_the_nla_trend_says_per_year_whether_the_average_is_illustrative(data):
    trend = compare.nla_trend(*data, "aandeel")
    assert trend.set_index("jaar")["illustratief"].to_dict() == {2012: True, 2013: False, 2014: True}
    assert list(compare.nla_trend(*data, "score")["illustratief"]) == [False]


def test_a_city_without_a_value_that_year_is_not_marked_illustrative(data):
    table = compare.comparison_table(*data, "spook", 2014, ["a"])  # no city value for spook
    assert math.isnan(_row(table, CITY)["waarde"]) and not _row(table, CITY)["illustratief"]


def test_the_table_and_the_peers_work_with_wijken_that_have_their_id_as_index_only(data):
    cijfers, wijken, indicatoren = data
    by_index = wijken.drop(columns="wijk_id")
    table = compare.comparison_table(cijfers, by_index, indicatoren, "aandeel", 2014, ["c", "a"])
    assert list(table["naam"]) == ["De stad", "Gemiddelde NLA-wijken", "Cee", "Aa"]
    assert list(table["klasse"].iloc[2:]) == ["klein-licht", "groot-zwaar"]
    assert compare.class_peers(by_index, "b") == ["b", "a"]


def test_the_nla_average_counts_the_wijken_by_their_id_whatever_the_frames_index(data):
    """Wijken read from a plain table (numbered rows, the id in a column) give the same NLA average."""
    cijfers, wijken, indicatoren = data
    numbered = wijken.reset_index(drop=True)
    average = compare.nla_average(cijfers, numbered, indicatoren, "aandeel", 2014)
    assert (average.n, average.of) == (3, 3) and average.value == pytest.approx(32.0)


def test_a_weighted_average_names_its_indicator_and_year(data):
    average = compare.nla_average(*data, "aandeel", 2014)
    assert (average.indicator, average.year, average.method) == ("aandeel", 2014, "gewogen")


def test_the_trend_table_keeps_the_areas_in_the_order_asked_not_alphabetical(data):
    trend = compare.trend_frame(data[0], "aandeel", ["c", CITY, "a"])
    wide = compare.trend_wide(trend)
    assert list(wide.index) == ["c", CITY, "a"]
    assert wide.loc["c", 2014] == 20 and wide.loc["a", 2012] == 40


def test_without_city_figures_the_city_row_has_no_id_no_value_and_no_index(data):
    cijfers, wijken, indicatoren = data
    no_city = cijfers[cijfers["gebied_type"] != "gemeente"]
    table = compare.comparison_table(no_city, wijken, indicatoren, "aandeel", 2014, ["a"])
    city = table.iloc[0]
    assert (city["gebied_id"], city["naam"], city["soort"]) == ("", "De stad", compare.CITY)
    assert math.isnan(city["waarde"]) and table["index"].isna().all()


def test_an_indicator_without_values_is_skipped_and_the_ones_after_it_still_show(data):
    frame = compare.multiples_frame(*data, ["leeg", "efg", "woningen"], 2014, ["a", "b", "c"])
    assert list(dict.fromkeys(frame["indicator"])) == ["efg", "woningen"]
    assert list(frame.loc[frame["indicator"] == "efg", "gebied_id"]) == ["a", "c", "b"]


def test_a_download_rounds_a_ratio_to_three_decimals_and_any_other_unit_to_two():
    assert compare.download_decimals("verhouding") == 3
    assert {compare.download_decimals(unit) for unit in ("aantal", "euro", "procent", "score")} == {2}
