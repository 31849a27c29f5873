"""domain.housing on small hand-made tables (numbers worked out by hand), and the housing figures of the
embedded package: do they add up the way their definitions say?"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from domain import housing
from nla_data import EMBEDDED_DIR
from nla_data.facts import classify, read_facts
from nla_data.schema import read_descriptor

CITY = "GM0000"
ILLUSTRATIVE = "Illustratief voorbeeld"


def _wijken() -> pd.DataFrame:
    frame = pd.DataFrame({
        "wijk_id": ["aa", "bb", "cc"], "naam": ["Aa", "Bb", "Cc"],
        "grootte": ["groot", "klein", "groot"], "zwaarte": ["zwaar", "licht", "licht"],
    })
    classes = read_facts(read_descriptor(EMBEDDED_DIR)).classes  # as the loader classifies them
    return classify(frame, classes).set_index("wijk_id", drop=False)


def _cijfers(values: dict[tuple[str, str], float], year: int = 2014, illustrative: bool = True) -> pd.DataFrame:
    """{(area, indicator): value}; the area CITY is the gemeente, the others wijken."""
    rows = [{"gebied_type": "gemeente" if area == CITY else "wijk", "gebied_id": area, "jaar": year,
             "indicator": indicator, "waarde": value, "bron": ILLUSTRATIVE if illustrative else "CBS",
             "illustratief": illustrative, "opmerking": None}
            for (area, indicator), value in values.items()]
    return pd.DataFrame(rows)


def _plain(labels):
    """Money has a no-break space after the euro sign (it never wraps); compare with a plain one."""
    if isinstance(labels, dict):
        return {key: value.replace("\u00a0", " ") for key, value in labels.items()}
    return [value.replace("\u00a0", " ") for value in labels]


def _huurgrenzen() -> pd.DataFrame:
    rows = [(2014, "kwaliteitskortingsgrens", 389.05), (2014, "aftoppingsgrens_laag", 556.82),
            (2014, "aftoppingsgrens_hoog", 596.75), (2014, "liberalisatiegrens", 699.48),
            (2013, "kwaliteitskortingsgrens", 374.44)]
    return pd.DataFrame([{"jaar": y, "grens": g, "bedrag": b, "bron": f"Rijksoverheid {y}",
                          "opmerking": "controleer" if g.startswith("afto") else None} for y, g, b in rows])


# --- the answer ---------------------------------------------------------------------------------------


AFFORDABILITY = _cijfers({
    ("aa", "goedkope_huurwoningen"): 300, ("aa", "lage_inkomens"): 400, ("aa", "goedkope_huur_per_laag_inkomen"): 0.75,
    ("bb", "goedkope_huurwoningen"): 500, ("bb", "lage_inkomens"): 250,  # no ratio in the data: 500 / 250 = 2
    (CITY, "goedkope_huurwoningen"): 2000, (CITY, "lage_inkomens"): 2500, (CITY, "goedkope_huur_per_laag_inkomen"): 0.8,
})


def test_affordability_ranks_the_tightest_first_and_computes_a_missing_ratio():
    result = housing.affordability(AFFORDABILITY, _wijken(), 2014, CITY)
    table = result.table
    assert list(table["gebied_id"]) == ["aa", "bb", "cc"]  # cc has no value: last, without a rank
    assert list(table["verhouding"].iloc[:2]) == [0.75, 2.0]
    assert math.isnan(table["verhouding"].iloc[2])
    assert list(table["rang"].iloc[:2]) == [1, 2] and pd.isna(table["rang"].iloc[2])
    assert table["rang"].dtype == "Int64"  # whole ranks beside a missing one: "2", never "2.0"
    assert list(table["klasse"]) == ["groot-zwaar", "klein-licht", "groot-licht"]
    assert (result.city, result.city_cheap, result.city_low_income) == (0.8, 2000, 2500)
    assert (result.known, result.below_one, result.below_city) == (2, 1, 1)


def test_one_low_income_household_is_enough_to_compute_the_ratio():
    cijfers = _cijfers({("aa", "goedkope_huurwoningen"): 3, ("aa", "lage_inkomens"): 1,
                        ("bb", "goedkope_huurwoningen"): 3, ("bb", "lage_inkomens"): 0})
    table = housing.affordability(cijfers, _wijken(), 2014, CITY).table.set_index("gebied_id")
    assert table.loc["aa", "verhouding"] == 3.0 and math.isnan(table.loc["bb", "verhouding"])  # never ÷ 0
    assert list(housing.affordability(cijfers, _wijken(), 2014, CITY).table.index) == [0, 1, 2]


def test_affordability_of_a_city_without_ratio_is_the_quotient_of_its_counts():
    cijfers = AFFORDABILITY[~((AFFORDABILITY["gebied_id"] == CITY)
                              & (AFFORDABILITY["indicator"] == "goedkope_huur_per_laag_inkomen"))]
    assert housing.affordability(cijfers, _wijken(), 2014, CITY).city == pytest.approx(0.8)  # 2000 / 2500


def test_affordability_in_a_year_without_figures_is_empty_not_an_error():
    result = housing.affordability(AFFORDABILITY, _wijken(), 2010, CITY)
    assert result.known == 0 and result.below_one == 0 and result.city is None
    assert len(result.table) == 3


def test_spread_compares_each_wijks_share_of_homes_and_households():
    result = housing.spread(AFFORDABILITY, _wijken(), 2014, CITY)
    table = result.table.set_index("gebied_id")
    # aa: 300 / 2000 = 15% of the homes, 400 / 2500 = 16% of the households: leans on the rest (-1 point)
    assert table.loc["aa", "aandeel_goedkoop"] == pytest.approx(15.0)
    assert table.loc["aa", "aandeel_laag_inkomen"] == pytest.approx(16.0)
    assert table.loc["aa", "verschil"] == pytest.approx(-1.0)
    # bb: 500 / 2000 = 25%, 250 / 2500 = 10%: +15 points
    assert table.loc["bb", "verschil"] == pytest.approx(15.0)
    assert list(result.table["gebied_id"]) == ["aa", "bb", "cc"]  # leaning most first; unknown last
    assert result.nla_cheap == pytest.approx(40.0) and result.nla_low_income == pytest.approx(26.0)


def test_a_city_without_cheap_homes_or_low_incomes_gives_no_shares_not_infinite_ones():
    none = AFFORDABILITY.assign(waarde=AFFORDABILITY["waarde"].where(
        ~((AFFORDABILITY["gebied_id"] == CITY) & AFFORDABILITY["indicator"].isin(["goedkope_huurwoningen",
                                                                                "lage_inkomens"])), 0))
    table = housing.spread(none, _wijken(), 2014, CITY).table
    assert table[["aandeel_goedkoop", "aandeel_laag_inkomen", "verschil"]].isna().all().all()


# --- the stock ------------------------------------------------------------------------------------------


TENURE = _cijfers({
    ("aa", "aandeel_koop"): 30.0, ("aa", "aandeel_sociale_huur"): 50.0, ("aa", "aandeel_particuliere_huur"): 20.0,
    ("bb", "aandeel_koop"): 20.0, ("bb", "aandeel_sociale_huur"): 60.0, ("bb", "aandeel_particuliere_huur"): 20.0,
    (CITY, "aandeel_koop"): 40.0, (CITY, "aandeel_sociale_huur"): 38.0, (CITY, "aandeel_particuliere_huur"): 22.0,
})


def test_tenure_orders_wijken_by_social_rent_and_puts_the_city_last():
    long = housing.tenure(TENURE, _wijken(), 2014, CITY, "Stad")
    assert list(long["gebied_id"].drop_duplicates()) == ["bb", "aa", "cc", CITY]
    assert list(long.loc[long["gebied_id"] == "bb", "indicator"]) == housing.TENURE
    assert list(long.loc[long["gebied_id"] == "bb", "waarde"]) == [20.0, 60.0, 20.0]
    city = long[long["gebied_id"] == CITY]
    assert set(city["naam"]) == {"Stad"} and set(city["klasse"]) == {housing.CITY_CLASS}
    assert long.loc[long["gebied_id"] == "cc", "waarde"].isna().all()


def test_tenure_over_time_has_every_year():
    cijfers = pd.concat([TENURE, TENURE.assign(jaar=2013)], ignore_index=True)
    long = housing.tenure_over_time(cijfers, _wijken(), CITY, "Stad")
    assert sorted(long["jaar"].unique()) == [2013, 2014]
    assert len(long) == 2 * 4 * 3  # years × areas (3 wijken and the city) × tenures
    assert long.index.equals(pd.RangeIndex(len(long)))  # one row per label: a chart or .loc never finds two



def test_tenure_over_time_shows_each_years_own_figures_for_the_wijken_and_the_city():
    earlier = TENURE.assign(jaar=2013, waarde=TENURE["waarde"] - 10.0)
    long = housing.tenure_over_time(pd.concat([TENURE, earlier], ignore_index=True), _wijken(), CITY, "Stad")
    social = long[long["indicator"] == "aandeel_sociale_huur"].set_index(["jaar", "gebied_id"])["waarde"]
    assert (social[(2013, "bb")], social[(2014, "bb")]) == (50.0, 60.0)
    assert (social[(2013, CITY)], social[(2014, CITY)]) == (28.0, 38.0)


def test_tenure_puts_wijken_with_the_same_share_of_social_rent_in_order_of_name():
    tied = _cijfers({("cc", "aandeel_sociale_huur"): 50.0, ("aa", "aandeel_sociale_huur"): 50.0,
                     ("bb", "aandeel_sociale_huur"): 50.0})
    long = housing.tenure(tied, _wijken(), 2014, CITY, "Stad")
    assert list(long["naam"].drop_duplicates()) == ["Aa", "Bb", "Cc", "Stad"]

INDICATOREN = pd.DataFrame({
    "indicator": ["corporatiebezit_lefier", "corporatiebezit_nijestee", "woningen"],
    "label_nl": ["Corporatiebezit: Lefier", "Corporatiebezit: Nijestee", "Woningen"],
    "label_en": ["Corporation stock: Lefier", "Corporation stock: Nijestee", "Dwellings"],
    "volgorde": [3, 2, 1],
}).set_index("indicator", drop=False)


def test_corporations_come_from_the_data_in_its_order():
    assert housing.corporations(INDICATOREN) == {"corporatiebezit_nijestee": "Nijestee",
                                                 "corporatiebezit_lefier": "Lefier"}


def test_corporation_stock_with_each_corporations_share_of_the_social_rent():
    cijfers = _cijfers({
        ("aa", "corporatiebezit_nijestee"): 120, ("aa", "corporatiebezit_lefier"): 80,
        ("bb", "corporatiebezit_nijestee"): 300, ("bb", "corporatiebezit_lefier"): 0,
        (CITY, "corporatiebezit_nijestee"): 5000, (CITY, "corporatiebezit_lefier"): 3000,
    })
    long = housing.corporation_stock(cijfers, INDICATOREN, _wijken(), 2014, CITY, "Stad")
    assert list(long["gebied_id"].drop_duplicates()) == ["bb", "aa", "cc", CITY]  # most social rent first
    aa = long[long["gebied_id"] == "aa"].set_index("corporatie")
    assert aa.loc["Nijestee", "woningen"] == 120 and aa.loc["Nijestee", "aandeel"] == pytest.approx(60.0)
    assert aa.loc["Lefier", "aandeel"] == pytest.approx(40.0)
    bb = long[long["gebied_id"] == "bb"].set_index("corporatie")
    assert bb.loc["Lefier", "woningen"] == 0 and bb.loc["Lefier", "aandeel"] == 0
    city = long[long["gebied_id"] == CITY].set_index("corporatie")
    assert city.loc["Nijestee", "aandeel"] == pytest.approx(62.5)  # 5000 / 8000
    assert long.loc[long["gebied_id"] == "cc", "aandeel"].isna().all()


def test_corporation_stock_names_the_corporations_in_the_pages_language():
    indicatoren = pd.DataFrame({
        "indicator": ["corporatiebezit_nijestee", "corporatiebezit_overig"],
        "label_nl": ["Corporatiebezit: Nijestee", "Corporatiebezit: Overige corporaties"],
        "label_en": ["Corporation stock: Nijestee", "Corporation stock: Other corporations"],
        "volgorde": [1, 2],
    }).set_index("indicator", drop=False)
    cijfers = _cijfers({("aa", "corporatiebezit_nijestee"): 120, ("aa", "corporatiebezit_overig"): 80})
    english = housing.corporation_stock(cijfers, indicatoren, _wijken(), 2014, CITY, "City", lang="en")
    assert list(english.loc[english["gebied_id"] == "aa", "corporatie"]) == ["Nijestee", "Other corporations"]
    dutch = housing.corporation_stock(cijfers, indicatoren, _wijken(), 2014, CITY, "Stad")
    assert list(dutch.loc[dutch["gebied_id"] == "aa", "corporatie"]) == ["Nijestee", "Overige corporaties"]


# --- rent classes -----------------------------------------------------------------------------------------


def test_rent_class_labels_carry_the_years_limits():
    assert _plain(housing.rent_class_labels(_huurgrenzen(), 2014)) == {
        "huur_tot_kwaliteitskortingsgrens": "tot € 389,05",
        "huur_tot_aftoppingsgrens": "€ 389,05 – € 556,82",
        "huur_tot_liberalisatiegrens": "€ 556,82 – € 699,48",
        "huur_boven_liberalisatiegrens": "boven € 699,48",
    }
    english = housing.rent_class_labels(_huurgrenzen(), 2014, "en")
    assert english["huur_tot_kwaliteitskortingsgrens"] == "up to €389.05"


def test_rent_class_labels_name_a_limit_the_table_does_not_have():
    labels = _plain(housing.rent_class_labels(_huurgrenzen(), 2013))  # only the kwaliteitskortingsgrens is known
    assert labels["huur_tot_kwaliteitskortingsgrens"] == "tot € 374,44"
    assert labels["huur_tot_aftoppingsgrens"] == "€ 374,44 – de aftoppingsgrens"
    assert labels["huur_boven_liberalisatiegrens"] == "boven de liberalisatiegrens"


def test_rent_limits_of_a_year_lowest_first():
    limits = housing.rent_limits(_huurgrenzen(), 2014)
    assert list(limits["grens"]) == ["kwaliteitskortingsgrens", "aftoppingsgrens_laag", "aftoppingsgrens_hoog",
                                     "liberalisatiegrens"]
    assert list(limits["bedrag"]) == [389.05, 556.82, 596.75, 699.48]
    assert list(limits.columns) == ["grens", "bedrag", "bron", "opmerking"] and list(limits.index) == [0, 1, 2, 3]
    assert housing.rent_limits(_huurgrenzen(), 2010).empty


def test_rent_classes_against_low_income_households():
    cijfers = _cijfers({
        ("aa", "huur_tot_kwaliteitskortingsgrens"): 100, ("aa", "huur_tot_aftoppingsgrens"): 250,
        ("aa", "huur_tot_liberalisatiegrens"): 300, ("aa", "huur_boven_liberalisatiegrens"): 50,
        ("aa", "lage_inkomens"): 500,
        ("bb", "huur_tot_kwaliteitskortingsgrens"): 80, ("bb", "huur_tot_aftoppingsgrens"): 120,
        ("bb", "huur_tot_liberalisatiegrens"): 60, ("bb", "huur_boven_liberalisatiegrens"): 10,
        ("bb", "lage_inkomens"): 150,
        (CITY, "huur_tot_kwaliteitskortingsgrens"): 7000, (CITY, "huur_tot_aftoppingsgrens"): 18000,
        (CITY, "huur_tot_liberalisatiegrens"): 23000, (CITY, "huur_boven_liberalisatiegrens"): 16000,
        (CITY, "lage_inkomens"): 41000,
    })
    result = housing.rent_classes(cijfers, _wijken(), _huurgrenzen(), 2014, CITY, "Stad")
    households = result.households.set_index("gebied_id")
    # aa: 100 + 250 = 350 cheap homes for 500 households: 150 short; bb: 200 for 150: 50 to spare
    assert households.loc["aa", "goedkoop"] == 350 and households.loc["aa", "tekort"] == 150
    assert households.loc["bb", "goedkoop"] == 200 and households.loc["bb", "tekort"] == -50
    assert households.loc[CITY, "tekort"] == 41000 - 25000
    assert list(result.households["gebied_id"]) == ["aa", "bb", "cc", CITY]  # largest shortage first
    aa = result.homes[result.homes["gebied_id"] == "aa"]
    assert _plain(aa["huurklasse"]) == ["tot € 389,05", "€ 389,05 – € 556,82", "€ 556,82 – € 699,48",
                                        "boven € 699,48"]
    assert list(aa["woningen"]) == [100, 250, 300, 50]
    assert list(result.limits["bedrag"]) == [389.05, 556.82, 596.75, 699.48]


def test_the_long_frames_and_the_households_have_just_their_columns():
    tenure = housing.tenure(TENURE, _wijken(), 2014, CITY, "Stad")
    assert list(tenure.columns) == ["gebied_id", "naam", "klasse", "indicator", "waarde"]
    assert list(tenure.index) == list(range(len(tenure)))
    result = housing.rent_classes(_cijfers({("aa", "lage_inkomens"): 500}), _wijken(), _huurgrenzen(), 2014, CITY,
                                  "Stad")
    assert list(result.households.columns) == ["gebied_id", "naam", "klasse", "goedkoop", "lage_inkomens", "tekort"]
    assert list(result.homes.columns) == ["gebied_id", "naam", "klasse", "indicator", "huurklasse", "woningen"]


# --- quality ----------------------------------------------------------------------------------------------


def test_ranked_highest_first_unknown_last_with_the_city():
    cijfers = _cijfers({("aa", "woz_gemiddeld"): 130_000, ("bb", "woz_gemiddeld"): 210_000,
                        (CITY, "woz_gemiddeld"): 187_000})
    table, city = housing.ranked(cijfers, _wijken(), "woz_gemiddeld", 2014, CITY)
    assert list(table["gebied_id"]) == ["bb", "aa", "cc"] and city == 187_000
    table, _ = housing.ranked(cijfers, _wijken(), "woz_gemiddeld", 2014, CITY, ascending=False)
    assert list(table["gebied_id"])[-1] == "cc"  # unknown last, also from high to low
    assert list(table.index) == [0, 1, 2] and "index" not in table.columns
    assert list(table.columns) == ["gebied_id", "naam", "klasse", "waarde"]
    table, _ = housing.ranked(cijfers, _wijken(), "woz_gemiddeld", 2014, CITY, ascending=True)
    assert list(table["gebied_id"]) == ["aa", "bb", "cc"]


def test_ranked_ties_are_by_name_whichever_way_the_values_go():
    cijfers = _cijfers({("cc", "woz_gemiddeld"): 150_000, ("aa", "woz_gemiddeld"): 150_000,
                        ("bb", "woz_gemiddeld"): 150_000})
    for ascending in (True, False):
        table, _ = housing.ranked(cijfers, _wijken(), "woz_gemiddeld", 2014, CITY, ascending=ascending)
        assert list(table["naam"]) == ["Aa", "Bb", "Cc"]


def test_energy_labels_most_efg_first():
    values = {}
    for area, shares in {"aa": (20, 30, 30, 20), "bb": (10, 20, 30, 40), CITY: (25, 30, 30, 15)}.items():
        values.update({(area, indicator): share for indicator, share in zip(housing.ENERGY_LABELS, shares)})
    long = housing.energy_labels(_cijfers(values), _wijken(), 2014, CITY, "Stad")
    assert list(long["gebied_id"].drop_duplicates()) == ["bb", "aa", "cc", CITY]
    assert list(long.loc[long["gebied_id"] == "bb", "waarde"]) == [10, 20, 30, 40]


def test_illustrative_and_years():
    assert housing.illustrative(AFFORDABILITY, ["lage_inkomens"], 2014)
    assert not housing.illustrative(_cijfers({("aa", "lage_inkomens"): 1}, illustrative=False), ["lage_inkomens"], 2014)
    assert not housing.illustrative(AFFORDABILITY, ["lage_inkomens"], 2010)
    cijfers = pd.concat([AFFORDABILITY, AFFORDABILITY.assign(jaar=2012)])
    assert housing.years(cijfers) == [2012, 2014]


def test_an_unknown_illustrative_flag_is_not_illustrative():
    rows = _cijfers({("aa", "lage_inkomens"): 1, ("bb", "lage_inkomens"): 2}, illustrative=False)
    rows["illustratief"] = pd.array([pd.NA, False], dtype="boolean")
    assert housing.illustrative(rows, ["lage_inkomens"], 2014) is False
    rows["illustratief"] = pd.array([pd.NA, True], dtype="boolean")
    assert housing.illustrative(rows, ["lage_inkomens"], 2014) is True


def test_the_years_of_the_answer_are_those_of_the_ratio_only():
    other = _cijfers({("aa", "lage_inkomens"): 1}, year=2009)
    assert housing.years(pd.concat([AFFORDABILITY, other])) == [2014]


def test_spread_without_any_wijk_with_both_shares_has_no_totals():
    result = housing.spread(_cijfers({("aa", "goedkope_huurwoningen"): 3}), _wijken(), 2014, CITY)
    assert result.nla_cheap is None and result.nla_low_income is None


def test_the_years_of_the_answer_are_the_wijken_years_not_the_citys():
    city_only = AFFORDABILITY[AFFORDABILITY["gebied_type"] == "gemeente"].assign(jaar=2009)
    assert housing.years(pd.concat([AFFORDABILITY, city_only])) == [2014]


def test_tenure_over_time_without_tenure_figures_is_an_empty_frame_with_its_columns():
    empty = housing.tenure_over_time(AFFORDABILITY, _wijken(), CITY, "Stad")
    assert empty.empty and list(empty.columns) == ["gebied_id", "naam", "klasse", "indicator", "waarde", "jaar"]


# --- the embedded package: the housing figures add up as their definitions say ----------------------------


def _wide(package, year: int) -> pd.DataFrame:
    rows = package.cijfers[(package.cijfers["jaar"] == year) & (package.cijfers["gebied_type"] != "buurt")]
    return rows.pivot(index="gebied_id", columns="indicator", values="waarde").astype(float)


def _dwellings(package) -> pd.Series:
    """The dwellings the illustrative housing figures were made from: the ETM estimate of 2016 (the
    package's only count of dwellings), per wijk, and for the city the sum of the buurten that have an
    estimate. One buurt has none, so the package rightly has no city total: the city's figures can
    only be checked against what exists."""
    rows = package.cijfers[(package.cijfers["indicator"] == "woningen") & (package.cijfers["jaar"] == 2016)]
    estimated = rows[rows["gebied_type"] == "buurt"]
    assert len(estimated) == len(package.buurten) - 1 and "gemeente" not in set(rows["gebied_type"])
    city = pd.Series({package.info.municipality: estimated["waarde"].sum()})
    return pd.concat([rows[rows["gebied_type"] == "wijk"].set_index("gebied_id")["waarde"], city]).astype(float)


@pytest.mark.parametrize("year", [2011, 2012, 2013, 2014])
def test_embedded_housing_figures_are_consistent(package, year):
    wide = _wide(package, year)
    dwellings = _dwellings(package).reindex(wide.index)
    assert dwellings.notna().all() and len(dwellings) == 16  # the 15 wijken and the city
    corporations = [c for c in wide.columns if c.startswith("corporatiebezit_")]
    assert len(corporations) == 5
    # The five corporations together own the social rent (share rounded to 0.1%: at most 0.05% of the homes off).
    social = dwellings * wide["aandeel_sociale_huur"] / 100
    assert ((wide[corporations].sum(axis=1) - social).abs() <= dwellings * 0.0005 + 1).all()
    # The rent classes add up to all rental homes; the two cheapest are exactly the cheap rental homes.
    rental = dwellings * (100 - wide["aandeel_koop"]) / 100
    assert ((wide[housing.RENT_CLASSES].sum(axis=1) - rental).abs() <= dwellings * 0.001 + 2).all()
    assert (wide[housing.CHEAP_CLASSES].sum(axis=1) == wide["goedkope_huurwoningen"]).all()
    # Energy labels A/B, C, D and E/F/G add up to 100%.
    assert (wide[housing.ENERGY_LABELS].sum(axis=1) - 100).abs().max() < 0.051
    assert (wide[corporations + housing.RENT_CLASSES + housing.ENERGY_LABELS] >= 0).all().all()


def test_embedded_housing_figures_are_flagged_illustrative(package):
    new = [i for i in package.indicatoren.index if i.startswith(("corporatiebezit_", "huur_", "energielabel_"))]
    assert len(new) == 5 + 4 + 4
    rows = package.cijfers[package.cijfers["indicator"].isin(new)]
    assert rows["illustratief"].all() and rows["bron"].str.startswith("Illustratief").all()
    assert set(rows["jaar"]) == {2011, 2012, 2013, 2014}
    assert len(rows) == len(new) * 4 * 16  # every year, the 15 wijken and the city


def test_embedded_rent_limits(package):
    limits = package.huurgrenzen.set_index(["jaar", "grens"])["bedrag"]
    assert limits[(2011, "liberalisatiegrens")] == 652.52 and limits[(2014, "liberalisatiegrens")] == 699.48
    assert limits[(2014, "kwaliteitskortingsgrens")] == 389.05
    assert limits[(2011, "aftoppingsgrens_laag")] == 517.64 and limits[(2012, "aftoppingsgrens_laag")] == 524.37
    assert limits[(2013, "aftoppingsgrens_laag")] == 535.91 and limits[(2014, "aftoppingsgrens_hoog")] == 596.75
    years = sorted(set(package.huurgrenzen["jaar"]))
    assert years == list(range(2011, 2017))
    for year in years:
        assert (limits[(year, "kwaliteitskortingsgrens")] < limits[(year, "aftoppingsgrens_laag")]
                < limits[(year, "aftoppingsgrens_hoog")] < limits[(year, "liberalisatiegrens")])
    # 2011-2015 from the law, each year's text named; 2016 from secondary sources, and said so
    law = package.huurgrenzen[package.huurgrenzen["jaar"] <= 2015]
    assert law["bron"].str.startswith("Wet op de huurtoeslag (BWBR0008659)").all()
    assert (law["bron"].str.extract(r"tekst van (\d{4})-", expand=False).astype(int) == law["jaar"]).all()
    secondary = package.huurgrenzen[package.huurgrenzen["jaar"] == 2016]
    assert secondary["bron"].str.contains("Circulaire BZK").all()
    assert secondary["opmerking"].str.contains("secundaire bron").all()
    assert not package.huurgrenzen["opmerking"].fillna("").str.contains("controleer").any()
    liberalisation = package.huurgrenzen[package.huurgrenzen["grens"] == "liberalisatiegrens"]
    assert liberalisation["opmerking"].str.contains("Besluit huurprijzen woonruimte").all()
    assert package.huurgrenzen.loc[(package.huurgrenzen["grens"] != "liberalisatiegrens")
                                   & (package.huurgrenzen["jaar"] <= 2015), "opmerking"].isna().all()


def test_embedded_affordability_in_2014(package):
    result = housing.affordability(package.cijfers, package.wijken, 2014, package.info.municipality)
    assert result.known == 15
    assert result.table["verhouding"].is_monotonic_increasing
    # the ratio is the quotient of the counts, up to its rounding to two decimals
    quotient = result.table["goedkope_huurwoningen"] / result.table["lage_inkomens"]
    assert (quotient - result.table["verhouding"]).abs().max() <= 0.005


def test_the_city_is_the_packages_municipality_among_others():
    other = AFFORDABILITY[AFFORDABILITY["gebied_id"] == CITY].assign(gebied_id="GM0001", waarde=99.0)
    cijfers = pd.concat([other, AFFORDABILITY], ignore_index=True)  # a neighbour first, as a national package has
    result = housing.affordability(cijfers, _wijken(), 2014, CITY)
    assert (result.city, result.city_cheap, result.city_low_income) == (0.8, 2000, 2500)
    assert housing.city_value(cijfers, "lage_inkomens", 2014, "GM0001") == 99.0
    assert housing.city_value(cijfers, "lage_inkomens", 2014, "GM9999") is None  # not in the package


def test_the_affordability_table_has_just_its_columns():
    table = housing.affordability(AFFORDABILITY, _wijken(), 2014, CITY).table
    assert list(table.columns) == ["gebied_id", "naam", "klasse", "goedkope_huurwoningen", "lage_inkomens",
                                   "verhouding", "rang"]
