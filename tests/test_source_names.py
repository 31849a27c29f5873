"""The package's sources and caveats in English: `wijkperspectief.bronnen_en` names a Dutch source in English
(nla_data.facts.SourceNames), `kanttekening_en` gives an indicator's caveat (domain.indicators.caveat). In
Dutch nothing changes; a source without an English name keeps its Dutch one; the pages, the map and the
report say them in the language chosen."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from domain import indicators as ind
from domain.report import wijk_report
from nla_data import EMBEDDED_DIR, load_package
from nla_data.facts import read_source_names
from nla_data.validate import validate_package
from tests.apptest import open_page, texts
from tests.test_validate import read_json, write_json

PACKAGE = load_package(EMBEDDED_DIR).package
NAMES = PACKAGE.facts.source_names
ILLUSTRATIVE_NL = "Illustratief voorbeeld (gegenereerd), geen officiële statistiek"
ILLUSTRATIVE_EN = "Illustrative example (generated), not an official statistic"


def test_a_known_source_is_named_in_english_and_stays_dutch_in_dutch():
    assert NAMES(ILLUSTRATIVE_NL, "en") == ILLUSTRATIVE_EN
    assert NAMES(ILLUSTRATIVE_NL, "nl") == ILLUSTRATIVE_NL
    assert NAMES("CBS Kerncijfers wijken en buurten 2016", "en") == "CBS Kerncijfers wijken en buurten 2016"  # none given
    assert NAMES("", "en") == ""


def test_several_sources_in_one_text_each_named_and_the_longest_first():
    names = read_source_names({"Rapport 2013": "Report 2013", "Rapport 2013, §2.2 (klasse)": "Report 2013, §2.2 (class)",
                               "brief": "letter"})
    assert names("Rapport 2013, §2.2 (klasse); brief", "en") == "Report 2013, §2.2 (class); letter"
    assert names("Rapport 2013", "en") == "Report 2013"
    assert read_source_names(None)("Rapport 2013", "en") == "Rapport 2013"


def test_every_source_the_embedded_package_names_has_an_english_name():
    named = set(PACKAGE.cijfers["bron"]) | set(PACKAGE.indicatoren["bron"]) | set(PACKAGE.wijkgrenzen["bron"].dropna())
    named |= {PACKAGE.facts.criteria.source, PACKAGE.facts.outlook.source, PACKAGE.facts.classes.size.source,
              PACKAGE.facts.classes.weight.source, *PACKAGE.wijken["bron"]}
    assert {source for source in named if source and NAMES(source, "en") == source} == set()


def test_every_indicator_has_its_caveat_in_english_and_dutch_where_english_is_missing():
    for name, definition in PACKAGE.indicatoren.iterrows():
        assert ind.caveat(definition, "nl") == definition["kanttekening"].strip(), name
        english = ind.caveat(definition, "en")
        assert english and english != definition["kanttekening"].strip(), name
    definition = PACKAGE.indicatoren.loc["inwoners"]
    assert ind.caveat(definition.drop("kanttekening_en"), "en") == definition["kanttekening"]  # an older package
    assert ind.caveat(pd.Series({**definition, "kanttekening_en": "  "}), "en") == definition["kanttekening"]  # empty
    assert ind.caveat(pd.Series({"kanttekening": float("nan")}), "en") == ""


def test_english_source_names_that_are_not_text_are_refused_with_the_field(broken_package):
    pkg = broken_package()
    descriptor = read_json(pkg, "datapackage.json")
    descriptor["wijkperspectief"]["bronnen_en"] = {ILLUSTRATIVE_NL: ""}
    write_json(pkg, "datapackage.json", descriptor)
    problems = validate_package(pkg)
    assert problems and all(p.resource == "datapackage.json" for p in problems)
    assert any("bronnen_en" in str(p) for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("page, params, english, dutch", [
    ("wonen", {}, f"Source: {ILLUSTRATIVE_EN}", ILLUSTRATIVE_NL),
    ("wonen", {}, "Caveat: Illustrative. Households do not always live in their own wijk.",
     "Huishoudens wonen niet altijd"),
    ("vergelijken", {}, "**Caveat.** Illustrative. Households do not always live in their own wijk.",
     "Huishoudens wonen niet altijd"),
    ("kaart", {}, ILLUSTRATIVE_EN, ILLUSTRATIVE_NL),
    ("wijk", {"wijk": "selwerd"}, "Boundaries: CBS\\, Wijk\\- en buurtkaart 2015 \\(version 1\\)", "(versie 1)"),
])
def test_the_pages_name_sources_and_caveats_in_english(page, params, english, dutch):
    at = open_page(page, **params)
    at.session_state["lang"] = "en"
    at.run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    said = texts(at)
    assert english in said
    assert dutch not in said


def test_the_report_names_its_sources_in_english():
    report = wijk_report(PACKAGE, PACKAGE.items.iloc[0:0], PACKAGE.koppelingen.iloc[0:0], "selwerd", lang="en")
    text = repr(report)
    assert "(version 1)" in text and "(versie 1)" not in text
    assert ILLUSTRATIVE_NL not in text


@pytest.mark.parametrize("lang, themes, note", [
    ("en", ["Liveability", "Care and well-being"], "ℹ️ Exception: ceiling € 100,000. By the dwellings"),
    ("nl", ["Leefbaarheid", "Zorg en welzijn"], "ℹ️ Uitzondering: plafond € 100.000. Naar woningaantal"),
])
def test_the_wijk_page_gives_the_wijks_themes_and_class_note_in_the_language_chosen(lang, themes, note):
    at = open_page("wijk", wijk="hoogkerk", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    said = texts(at).replace("\\", "")  # the package's words are quoted for markdown
    assert re.findall(r":blue-badge\[:material/flag: ([^\]]+)\]", said) == themes
    assert note in said


def test_the_frontline_note_follows_the_language():
    for lang, note in (("en", "Who fills the frontline role is decided per wijk"),
                       ("nl", "Per wijk wordt bezien wie de frontlijnfunctie invult")):
        at = open_page("wijk", wijk="selwerd", lang=lang)
        helps = [str(getattr(element, "help", "") or "") for element in at.markdown]
        assert any(note in text for text in helps), (lang, helps)


def test_the_report_gives_the_wijks_themes_in_the_language_chosen():
    report = wijk_report(PACKAGE, PACKAGE.items.iloc[0:0], PACKAGE.koppelingen.iloc[0:0], "hoogkerk", lang="en")
    assert report.themes == "Liveability, Care and well-being"
    dutch = wijk_report(PACKAGE, PACKAGE.items.iloc[0:0], PACKAGE.koppelingen.iloc[0:0], "hoogkerk", lang="nl")
    assert dutch.themes == "Leefbaarheid, Zorg en welzijn"
