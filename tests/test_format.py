"""Formatting the Dutch way (and the English way), and the bilingual UI texts."""

from __future__ import annotations

import datetime as dt
import math
import string

import numpy as np
import pandas as pd
import pytest

from domain import format as fmt
from domain import texts

MISSING_VALUES = [None, float("nan"), np.nan, pd.NA, pd.NaT]
MISSING_IDS = ["None", "nan", "np.nan", "pd.NA", "pd.NaT"]


# --- numbers ------------------------------------------------------------------------------------------


# Dutch money has a no-break space after the euro sign, so that it never wraps.
@pytest.mark.parametrize(("lang", "expected"), [("nl", "€\u00a01.234.567"), ("en", "€1,234,567")])
def test_money(lang, expected):
    assert fmt.money(1234567, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["€\u00a01K", "€\u00a010K", "€\u00a0100K", "€\u00a01\u00a0mln."]), ("en", ["€1k", "€10k", "€100k", "€1m"])])
def test_short_money_for_an_axis(lang, expected):
    assert [fmt.money_short(v, lang) for v in (1_000, 10_000, 100_000, 1_000_000)] == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["€\u00a0150K", "€\u00a01,5\u00a0mln.", "€\u00a02,5\u00a0mln.", "€\u00a0-50K"]),
    ("en", ["€150k", "€1.5m", "€2.5m", "-€50k"])])
def test_short_money_keeps_one_decimal_and_the_minus_where_money_puts_it(lang, expected):
    assert [fmt.money_short(v, lang) for v in (150_000, 1_500_000, 2_500_000, -50_000)] == expected


def test_money_below_zero_puts_the_minus_after_the_euro_sign_in_dutch():
    assert fmt.money(-450_000) == "€\u00a0-450.000"
    assert fmt.money(-3.5, cents=True) == "€\u00a0-3,50"
    assert fmt.money(-450_000, "en") == "-€450,000"


def test_money_rounds_to_whole_euros_and_takes_pandas_integers():
    assert fmt.money(900_000.4) == "€\u00a0900.000"
    assert fmt.money(pd.array([450_000], dtype="Int64")[0]) == "€\u00a0450.000"
    assert fmt.money(np.int64(0), "en") == "€0"


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (1234567, "nl", 0, "1.234.567"),
    (1234567, "en", 0, "1,234,567"),
    (3.14159, "nl", 2, "3,14"),
    (3.14159, "en", 2, "3.14"),
    (0, "nl", 0, "0"),
    (12845.0, "nl", 0, "12.845"),
])
def test_number(value, lang, decimals, expected):
    assert fmt.number(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "expected"), [(45.7, "nl", "45,7%"), (45.7, "en", "45.7%"),
                                                         (45, "nl", "45,0%"), (2.8, "nl", "2,8%")])
def test_percent(value, lang, expected):
    assert fmt.percent(value, lang) == expected


def test_unknown_language_falls_back_to_dutch():
    assert fmt.number(1234.5, "fr", 1) == "1.234,5"
    assert fmt.money(1234567, "fr") == fmt.money(1234567, "nl") == "€\u00a01.234.567"
    assert fmt.percent(45.67, "de") == "45,7%"
    moment = dt.datetime(2013, 9, 18, 14, 2)
    assert fmt.moment(moment, "fr") == fmt.moment(moment) == "18 september 2013 om 14:02"  # Dutch unless told
    assert fmt.datetime(moment, "fr") == "18-09-2013 14:02"


# --- dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [dt.date(2013, 9, 18), dt.datetime(2013, 9, 18, 14, 2),
                                   pd.Timestamp("2013-09-18 14:02")], ids=["date", "datetime", "Timestamp"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_date(value, lang):
    assert fmt.date(value, lang) == "18-09-2013"


@pytest.mark.parametrize("value", [dt.datetime(2013, 9, 18, 14, 2), pd.Timestamp("2013-09-18 14:02:59")],
                         ids=["datetime", "Timestamp"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_datetime(value, lang):
    assert fmt.datetime(value, lang) == "18-09-2013 14:02"


def test_datetime_from_the_package(package):
    stamp = package.items.set_index("item_id").loc["korrewegwijk-wijkstemdag", "bijgewerkt_op"]
    assert fmt.datetime(stamp) == "02-10-2013 14:30"
    assert fmt.date(stamp) == "02-10-2013"


# --- missing values -------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", MISSING_VALUES, ids=MISSING_IDS)
@pytest.mark.parametrize("function", [fmt.number, fmt.money, fmt.money_short, fmt.percent, fmt.date, fmt.datetime],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_missing_values_show_a_dash(function, missing, lang):
    assert function(missing, lang) == "–" == fmt.MISSING


@pytest.mark.parametrize("missing", MISSING_VALUES, ids=MISSING_IDS)
@pytest.mark.parametrize("unit", ["aantal", "procent", "euro", "score", "verhouding"])
def test_missing_value_in_any_unit_shows_a_dash(unit, missing):
    assert fmt.value(missing, unit) == "–"


def test_missing_value_from_a_nullable_column():
    column = pd.array([1, None], dtype="Int64")
    assert fmt.number(column[1]) == "–"
    assert math.isnan(pd.Series([1.0, None])[1]) and fmt.percent(pd.Series([1.0, None])[1]) == "–"


# --- value by unit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("unit", "nl", "en"), [
    ("aantal", "12.845", "12,845"),
    ("procent", "12.845,3%", "12,845.3%"),
    ("euro", "€\u00a012.845", "€12,845"),
    ("score", "12.845,3", "12,845.3"),
    ("verhouding", "12.845,27", "12,845.27"),
    ("onbekend", "12.845", "12,845"),  # an unknown unit is shown as a count
])
def test_value_by_unit(unit, nl, en):
    assert fmt.value(12845.27, unit, "nl") == nl
    assert fmt.value(12845.27, unit, "en") == en


def test_value_for_every_unit_in_the_package(package):
    for indicator in package.indicatoren.itertuples():
        assert fmt.value(1.5, indicator.eenheid) != "–"


# --- texts -------------------------------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_text_has_dutch_and_english():
    assert texts.keys(), "no texts"
    for key in texts.keys():
        nl, en = texts.t(key, "nl"), texts.t(key, "en")
        assert nl.strip() and en.strip(), key
        assert nl != key and en != key, key


def test_placeholders_are_the_same_in_both_languages():
    for key in texts.keys():
        assert _placeholders(texts.t(key, "nl")) == _placeholders(texts.t(key, "en")), key


def test_t_fills_placeholders_and_shows_unknown_keys():
    assert "**atlantis**" in texts.t("wijk.unknown", "nl", wijk="atlantis", n=15)
    assert "**atlantis**" in texts.t("wijk.unknown", "en", wijk="atlantis", n=15)
    assert texts.t("bestaat.niet", "en") == "bestaat.niet"
    assert texts.t("nav.kaart") == "Kaart" and texts.t("nav.kaart", "en") == "Map"


@pytest.mark.parametrize("prefix,values", [
    ("status.", ["idee", "gepland", "loopt", "afgerond", "gestopt", "niet-meer-relevant"]),
    ("section.", ["gebeurt", "netwerk", "nodig"]),
    ("approach.", ["stimuleren", "faciliteren", "coproduceren"]),
    ("help.", ["geld", "ruimte", "toestemming", "contact", "expertise"]),
])
def test_every_code_in_the_schema_has_a_label(prefix, values):
    assert all(prefix + value in texts.keys() for value in values)


# The units of the 2015 CBS indicators: averages and rates with one decimal, densities and areas whole.
@pytest.mark.parametrize(("amount", "unit", "lang", "expected"), [
    (1.6, "personen", "nl", "1,6"),
    (55.058, "per_1000_inwoners", "nl", "55,1"),
    (55.058, "per_1000_inwoners", "en", "55.1"),
    (2559.6, "per_km2", "nl", "2.560"),
    (7827, "hectare", "nl", "7.827"),
    (0.456, "verhouding", "nl", "0,46"),
])
def test_value_in_the_units_of_the_cbs_indicators(amount, unit, lang, expected):
    assert fmt.value(amount, unit, lang) == expected
