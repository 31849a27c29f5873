"""What the council report of one wijk says (domain.report), word for word, in English (every text follows
the language) — without drawing a PDF, so each rule is checked quickly and exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from domain import report
from domain.permissions import PUBLIC
from domain.privacy import visible_entries

WIJK = "korrewegwijk"
NEED = "korrewegwijk-nodig-wijkstemdag"
TODAY = dt.date(2014, 6, 1)


@pytest.fixture(scope="module")
def public(package):
    return visible_entries(package.items, package.koppelingen, PUBLIC)


def _decision(**values) -> dict:
    return {"besluit_id": "d1", "wijk_id": WIJK, "item_id": NEED, "uitkomst": "toegekend", "criteria": {},
            "bedrag": 3000, "datum": dt.date(2014, 3, 1), "besloten_door": "Wijkteam", "motivering": "Zelf gedaan.",
            "boven_budget": False, "versie": 1, "vastgelegd_op": dt.datetime(2014, 3, 2), "vastgelegd_door": "Fatima",
            **values}


def test_the_english_page_of_korrewegwijk_with_a_grant(package, public):
    items, links = public
    decisions = pd.DataFrame([_decision(), _decision(besluit_id="d2", wijk_id="selwerd", bedrag=99)])
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY, decisions=decisions)
    assert page.key_figures[0] == report.KeyFigure("Inhabitants", "14,460", "2015", 1, False)
    assert page.key_figures[2].value == "6.2%"
    assert page.budget_lines == (
        ("Ceiling 2011–2014", "€900,000"), ("Cut 2014", "− €30,000"), ("After the cut", "€870,000"),
        ("Estimated for open needs", "€3,500"), ("Granted", "€3,000"), ("Still available", "€867,000"))
    assert page.chips == ("large, heavy", "Frontline: to be decided", "After 2014: to be decided")
    assert page.budget_title == "Neighbourhood budget"
    assert page.kicker == "Wijkperspectief Groningen · neighbourhood report for the council"  # the package's city
    assert page.privacy_note == "Public version: without personal data."
    assert page.outline_note == "Boundaries: CBS, Wijk- en buurtkaart 2015 (version 1)"  # the English name the package gives
    assert page.data_date == ("State of the data: data package 0.1.0 of 27-11-2026; entries updated until "
                              "20-11-2013. Made on 01-06-2014.")
    assert page.decisions == ("granted €3,000 · Budget voor de organisatie van de volgende wijkstemdag, 01-03-2014",)
    facts = {entry.title: entry.facts for section in page.sections for entry in section.entries}
    assert facts["Moestuin opgezet door bewoners in de Indische buurt"] == "running · facilitating · Indische buurt"
    assert facts["Budget voor de organisatie van de volgende wijkstemdag"] == "planned · money · estimated €3,500"
    assert facts["Wijkteam Korrewegwijk"] == "running · organisation"


def test_without_decisions_no_granted_lines_and_a_sentence_in_the_pages_language(package, public):
    items, links = public
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY)
    assert [label for label, _ in page.budget_lines][-1] == "Estimated for open needs"
    assert page.decisions == ("No decisions on the neighbourhood budget recorded yet.",)


def test_the_page_is_made_today_unless_another_day_is_given(package, public):
    items, links = public
    page = report.wijk_report(package, items, links, WIJK)
    assert page.data_date.endswith(f"Gemaakt op {dt.date.today():%d-%m-%Y}.")


def test_a_figure_without_a_value_says_so(package, public):
    items, links = public
    first = package.cijfers[(package.cijfers["gebied_id"] == WIJK)
                            & (package.cijfers["indicator"] == "inwoners")]
    without = dataclasses.replace(package, cijfers=package.cijfers.drop(first.index))
    page = report.wijk_report(without, items, links, WIJK, lang="en", today=TODAY)
    inhabitants = next(f for f in page.key_figures if f.label == "Inhabitants")
    assert inhabitants.value == report.t("value.missing", "en") and inhabitants.year == "–"


def test_an_empty_float_is_not_a_fact(package, public):
    items, links = public
    items = items.astype({"aanpak": "object"})
    items.loc[items["item_id"] == "korrewegwijk-wijkstemdag", "aanpak"] = float("nan")
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY)
    facts = {entry.title: entry.facts for section in page.sections for entry in section.entries}
    assert facts["Wijkstemdag: bewoners stemmen over het wijkbudget"] == "running"
    assert not report._given(float("nan")) and not report._given(pd.NA) and not report._given(None)  # noqa: SLF001
    assert report._given(0) and report._given("x")  # noqa: SLF001


def test_more_decisions_than_fit_are_counted_in_english(package, public):
    items, _ = public
    rows = pd.DataFrame([_decision(besluit_id=f"d{n}", datum=dt.date(2014, 1, n + 1)) for n in range(6)])
    lines = report.budget_decisions(rows, items, lang="en", limit=4)
    assert lines[0].endswith("06-01-2014") and len(lines) == 5
    assert "2" in lines[-1] and lines[-1] == report.tn("report.decisions_more", 2, "en")


def test_a_decision_about_an_entry_the_page_does_not_show_says_so_in_the_pages_language(package, public):
    items, _ = public
    rows = pd.DataFrame([_decision(item_id="korrewegwijk-niet-openbaar")])
    assert report.budget_decisions(rows, items, lang="en") == ("granted €3,000 · (entry not public), 01-03-2014",)


def test_decisions_are_listed_even_when_the_page_shows_no_entries_at_all():
    """Without any entry to name, every decision still gets its line, saying its entry is not public."""
    rows = pd.DataFrame([_decision(), _decision(besluit_id="d2", uitkomst="afgewezen", datum=dt.date(2014, 4, 2))])
    assert report.budget_decisions(rows, pd.DataFrame(), lang="en") == (
        "refused €3,000 · (entry not public), 02-04-2014", "granted €3,000 · (entry not public), 01-03-2014")


def test_without_an_outline_of_the_wijk_the_page_says_so_in_its_language(package, public):
    items, links = public
    without = dataclasses.replace(package, wijkgrenzen=package.wijkgrenzen[package.wijkgrenzen["wijk_id"] != WIJK])
    assert report.wijk_report(without, items, links, WIJK, lang="en", today=TODAY).outline_note == "no value"


def test_only_refusals_grant_nothing_and_every_line_follows_the_language(package, public):
    items, links = public
    refused = pd.DataFrame([_decision(uitkomst="afgewezen", bedrag=5000)])
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY, decisions=refused)
    assert page.budget_lines[-2:] == (("Granted", "€0"), ("Still available", "€870,000"))
    assert page.budget_source.startswith("Source: ") and "spread evenly over the 15 neighbourhoods" in page.budget_source
    assert page.outlook_title == report.t("report.outlook", "en") != "report.outlook"
    counts = {section.title: section.counts for section in page.sections}
    assert counts["What is happening"] == "2 open, 2 closed"


def test_only_open_entries_carry_the_start_of_their_description(package, public):
    items, links = public
    page = report.wijk_report(package, items, links, WIJK, today=TODAY)
    happening = next(section for section in page.sections if section.title == "Wat er gebeurt")
    closed = [entry for entry in happening.entries if not entry.open]
    assert [entry.title for entry in closed] == ["Buurtkamer van bewoners in de Professorenbuurt",
                                                 "Zeepkistavond: bewoners presenteren hun idee"]
    assert all(entry.summary == "" for entry in closed)  # they have a description, but it is not for the page
    assert happening.entries[0].summary.startswith("In de Korrewegwijk besluit niet het wijkteam zelf")


@pytest.mark.parametrize(("text", "summary"), [
    ("Eerste zin. Tweede zin.", "Eerste zin."),
    ("Eén zin zonder punt", "Eén zin zonder punt."),
    ("a" * 149 + ".", "a" * 149 + "."),  # 150 characters: fits exactly
    ("Overleg met stichting X. Daarna meer.", "Overleg met stichting X."),  # only full stops are dropped
    ("woord " * 40, ("woord " * 40).strip()[:150].rsplit(" ", 1)[0] + " …"),
    ("woorden, " * 20, ("woorden, " * 20)[:150].rsplit(" ", 1)[0].rstrip(",") + " …"),  # no comma before the …
    (None, ""),
])
def test_the_summary_is_the_first_sentence_cut_at_a_word(text, summary):
    assert report._summary(text) == summary  # noqa: SLF001


def test_the_budget_source_is_the_wijks_own(package, public):
    items, links = public
    wijken = package.wijken.copy()
    wijken["bron"] = wijken["bron"].astype("object")
    wijken.loc[WIJK, "bron"] = "Eigen bron van deze wijk"
    page = report.wijk_report(dataclasses.replace(package, wijken=wijken), items, links, WIJK, today=TODAY)
    assert page.budget_source.startswith("Bron: Eigen bron van deze wijk. ")


def test_indicative_outlines_are_called_so_on_the_page(package, public):
    items, links = public
    outlines = package.wijkgrenzen.copy()
    outlines.loc[outlines["wijk_id"] == WIJK, "status"] = "indicatief"
    indicative = dataclasses.replace(package, wijkgrenzen=outlines)
    page = report.wijk_report(indicative, items, links, WIJK, lang="en", today=TODAY)
    assert page.outline_note == report.t("value.outlines_indicative", "en") != report.t("value.outlines_indicative")


def test_a_package_with_an_unreadable_creation_date_still_gets_its_page(package, public):
    items, links = public
    odd = dataclasses.replace(package, info=dataclasses.replace(package.info, created="onbekend"))
    page = report.wijk_report(odd, items, links, WIJK, lang="en", today=TODAY)
    assert page.data_date == ("State of the data: data package 0.1.0 of –; entries updated until 20-11-2013. "
                              "Made on 01-06-2014.")


def test_a_wijk_without_entries_says_so_in_the_data_date(package, public):
    """The data line of a wijk nobody has written about yet says "geen items" / "no entries"."""
    items, _ = public
    assert report.data_date(package, items, "grunobuurt", "nl", TODAY) == (
        "Stand van de gegevens: datapakket 0.1.0 van 27-11-2026; geen items. Gemaakt op 01-06-2014.")
    assert report.data_date(package, items.iloc[:0], WIJK, "en", TODAY) == (
        "State of the data: data package 0.1.0 of 27-11-2026; no entries. Made on 01-06-2014.")


def test_the_page_carries_its_language_for_the_pdf(package, public):
    items, links = public
    assert report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY).lang == "en"
    assert report.wijk_report(package, items, links, WIJK, today=TODAY).lang == "nl"


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_text_is_not_a_fact(package, public, blank):
    items, links = public
    items = items.astype({"aanpak": "object"})
    items.loc[items["item_id"] == "korrewegwijk-wijkstemdag", "aanpak"] = blank
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY)
    facts = {entry.title: entry.facts for section in page.sections for entry in section.entries}
    assert facts["Wijkstemdag: bewoners stemmen over het wijkbudget"] == "running"


def test_a_section_shows_six_entries_and_counts_the_rest(package, public):
    items, links = public
    first = items[items["item_id"] == "korrewegwijk-wijkstemdag"]
    more = pd.concat([first.assign(item_id=f"korrewegwijk-extra-{n}", titel=f"Extra initiatief {n}")
                      for n in range(5)])
    items = pd.concat([items, more], ignore_index=True)  # 4 + 5 = 9 entries in "What is happening"
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY)
    happening = next(section for section in page.sections if section.title == "What is happening")
    assert (len(happening.entries), happening.hidden) == (report.ENTRIES_PER_SECTION, 3) == (6, 3)


def test_a_page_with_an_illustrative_key_figure_explains_the_star_in_its_language(package, public):
    items, links = public
    page = report.wijk_report(package, items, links, WIJK, lang="en", today=TODAY)
    assert page.wijk_id == WIJK
    assert any(figure.illustrative for figure in page.key_figures)
    assert page.illustrative_note == "* illustrative: example value, not official statistics."


def test_the_page_names_the_wijks_buurten_separated_by_commas(package, public):
    items, links = public
    assert report.wijk_report(package, items, links, WIJK, today=TODAY).buurten == "Indische buurt, Professorenbuurt"


def test_entries_without_a_kind_column_still_get_their_facts(package, public):
    items, links = public
    page = report.wijk_report(package, items.drop(columns="soort"), links, WIJK, lang="en", today=TODAY)
    facts = {entry.title: entry.facts for section in page.sections for entry in section.entries}
    assert facts["Wijkteam Korrewegwijk"] == "running"
    assert facts["Moestuin opgezet door bewoners in de Indische buurt"] == "running · facilitating · Indische buurt"
