"""The sentences the pages build from the package's facts (domain.wijken, domain.format, domain.texts):
each word checked, so a changed source, threshold or count shows up here and not first on a page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from domain import format as fmt
from domain import indicators
from domain import wijken as w
from domain.texts import label, t, tn

SOURCE = "Rapport SocioQuest/RUG 2013, §2.2"
BUDGET_SOURCE = f"{SOURCE} (klasse, plafond 2011-2014); brief 18-09-2013 (korting 2014)"


def test_the_class_explanation_names_the_threshold_the_sizes_and_the_sources(package):
    classes = package.facts.classes
    assert w.class_explanation(classes, "nl") == (
        f"Groot: meer dan 2.500 woningen, klein: niet meer (bron: {SOURCE}). Zwaar of licht volgens de "
        f"wijkanalyses (wijkkompas), rapport SocioQuest/RUG 2013, §2.2.")
    assert w.class_explanation(classes, "en", escape=lambda s: f"<{s}>") == (
        f"<Large>: more than 2,500 dwellings, <small>: not more (source: <{SOURCE}>). <Heavy or light> according "
        f"to <de wijkanalyses (wijkkompas), rapport SocioQuest/RUG 2013, §2.2>.")


def test_the_budget_source_for_the_city_and_for_one_wijk(package):
    assert w.budget_source(package.wijken, "nl") == (
        f"Bron: {BUDGET_SOURCE}. Korting 2014: €\u00a0450.000 samen, gelijk verdeeld over de 15 wijken.")
    assert w.budget_source(package.wijken, "en", "selwerd", escape=lambda s: f"<{s}>") == (
        f"Source: <{BUDGET_SOURCE}>. Cut 2014: €450,000 together, spread evenly over the 15 neighbourhoods.")


def test_the_budget_source_says_so_when_the_cut_is_uneven_and_lists_each_source_once():
    wijken = pd.DataFrame({"plafond_2011_2014": [100, 200, 300], "korting_2014": [10, 20, 10],
                           "bron": ["A", "B", "A"]}, index=["x", "y", "z"])
    assert w.budget_source(wijken, "nl") == "Bron: A; B. Korting 2014: €\u00a040 samen, over de 3 wijken."
    assert w.budget_source(wijken, "nl", "y") == "Bron: B. Korting 2014: €\u00a040 samen, over de 3 wijken."
    wijken["bron"] = [pd.NA, pd.NA, pd.NA]
    assert w.budget_source(wijken, "nl").startswith("Bron: –. ")


def test_budgets_of_one_wijk_and_of_all(package):
    selwerd = w.budget(package.wijken, "selwerd")
    assert (selwerd.ceiling, selwerd.cut_2014, selwerd.after_cut) == (900_000, 30_000, 870_000)
    total = w.budget_totals(package.wijken)
    assert (total.ceiling, total.cut_2014, total.after_cut) == (8_875_000, 450_000, 8_425_000)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "18 september 2013 om 14:02"),
    ("en", "18 September 2013 at 14:02"),
])
def test_a_moment_in_words(lang, expected):
    assert fmt.moment(dt.datetime(2013, 9, 18, 14, 2), lang) == expected
    assert fmt.moment(pd.Timestamp("2013-09-18 14:02"), lang) == expected


def test_a_missing_moment_is_a_dash():
    assert fmt.moment(None) == fmt.MISSING and fmt.moment(pd.NaT) == fmt.MISSING


def test_plural_categories_and_counted_texts():
    assert [fmt.plural(n) for n in (0, 1, 2, 7)] == ["other", "one", "other", "other"]
    assert tn("stale.items", 1) == t("stale.items.one", n="1")
    assert tn("stale.items", 1200) == t("stale.items.other", n="1.200")
    assert tn("stale.items", 1200, "en") == t("stale.items.other", "en", n="1,200")
    assert "1.200" in tn("stale.items", 1200)
    assert tn("report.cli_done", 1, path="/tmp/x.pdf") == "OK: 1 pagina geschreven naar /tmp/x.pdf."  # other values


def test_a_value_label_or_the_value_itself():
    assert label("status", "loopt") == "loopt" and label("status", "loopt", "en") == "running"
    assert label("status", "nieuw-in-dit-pakket") == "nieuw-in-dit-pakket"
    assert label("status", 3) == "3"


def test_a_figure_is_illustrative_when_any_of_its_rows_is():
    cijfers = pd.DataFrame({"indicator": ["a", "a", "b"], "jaar": [2013, 2013, 2013],
                            "illustratief": [False, True, False]})
    assert indicators.is_illustrative(cijfers, "a", 2013) is True
    assert indicators.is_illustrative(cijfers, "b", 2013) is False
    assert indicators.is_illustrative(cijfers, "a", 2014) is False


def test_an_entry_of_unknown_visibility_is_treated_as_public():
    from domain import permissions

    assert permissions.entry("selwerd", "geheim") == permissions.entry("selwerd", "openbaar")
    assert permissions.entry("selwerd", None).visibility == "openbaar"
    assert permissions.entry("selwerd", "frontlijn").visibility == "frontlijn"


def test_a_value_is_written_the_dutch_way_unless_english_is_asked():
    assert fmt.value(1234.5, "euro") == fmt.value(1234.5, "euro", "nl") == "€\u00a01.234"
    assert fmt.value(45.67, "procent") == "45,7%" and fmt.value(45.67, "procent", "en") == "45.7%"


def test_a_clash_names_at_most_three_other_rows_and_says_when_there_are_more():
    from domain.entry_csv import _others

    assert _others([2, 5, 9], 5)("nl") == "2, 9"  # a value of a message (domain.messages): per language
    assert _others([2, 5, 9, 11], 2)("nl") == "5, 9, 11"
    assert _others([2, 5, 9, 11, 14], 2)("nl") == "5, 9, 11 enz."
    assert _others([2, 5, 9, 11, 14], 2)("en") == "5, 9, 11 etc."


def test_the_outline_note_names_the_source_says_indicative_only_when_it_is_and_missing_when_absent(package):
    assert w.outline_note(package.wijkgrenzen, "selwerd", "nl") == "Grenzen: CBS, Wijk- en buurtkaart 2015 (versie 1)"
    english = w.outline_note(package.wijkgrenzen, "selwerd", "en",
                             escape=lambda s: f"<{package.facts.source_names(s, 'en')}>")
    assert english == "Boundaries: <CBS, Wijk- en buurtkaart 2015 (version 1)>"
    outlines = pd.DataFrame({"wijk_id": ["x", "y"], "status": ["indicatief", "officieel"], "bron": ["A", None]})
    assert w.outline_note(outlines, "x", "nl") == "grenzen indicatief"
    assert w.outline_note(outlines, "y", "nl") == "Grenzen: –"
    assert w.outline_note(outlines, "z", "en") == t("value.missing", "en")
