"""The CBS import's summary in the page's language (domain.import_summary): the Beheer page's preview.
Pure functions, so mutmut runs these (pyproject.toml [tool.mutmut])."""

from __future__ import annotations

import pytest

from domain.import_summary import summary_lines

SUMMARY = {"laag": None, "jaar": 2015, "bron": "kaart.gpkg", "gemeente": "GM0014",
           "buurten_in_bestand": 13_000, "buurten_geplaatst": 12_500, "buurten_niet_geplaatst": ["BU1"] * 1_500,
           "buurten_niet_in_bestand": ["BU2", "BU3"], "wijken_officieel": [], "wijken_deels": [],
           "grenzen": "indicatief", "cijfers_nieuw": 65_000, "cijfers_gewijzigd": 1_234, "cijfers_gelijk": 7,
           "indicatoren": ["inwoners"]}


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["CBS Wijk- en buurtkaart 2015 uit kaart.gpkg, laag buurt_2015, gemeente GM0014",
            "Buurten: 13.000 in het bestand, 12.500 in het pakket, 1.500 niet te plaatsen, 2 van het pakket niet "
            "in het bestand",
            "Officiële grenzen voor 1 wijk (Paddepoel); deels: Selwerd, vinkhuizen-x; de grenzen van het pakket "
            "worden indicatief",
            "Cijfers 2015: 65.000 nieuw, 1.234 gewijzigd, 7 gelijk (Inwoners, onbekend_cijfer)"]),
    ("en", ["CBS Wijk- en buurtkaart 2015 from kaart.gpkg, layer buurt_2015, municipality GM0014",
            "Buurten: 13,000 in the file, 12,500 in the package, 1,500 cannot be placed, 2 of the package not "
            "in the file",
            "Official boundaries for 1 wijk (Paddepoel); partly: Selwerd, vinkhuizen-x; the package's boundaries "
            "become indicative",
            "Figures 2015: 65,000 new, 1,234 changed, 7 unchanged (Inhabitants, onbekend_cijfer)"])])
def test_the_import_summary_names_wijken_and_indicators_in_the_pages_language(lang, expected):
    """Seen in English: the preview's summary was Dutch, with the wijken and indicators by their ids
    ("paddepoel", "inwoners") and 'grenzen van het pakket worden: indicatief'."""
    summary = SUMMARY | {"laag": "buurt_2015", "wijken_officieel": ["paddepoel"],
                         "wijken_deels": ["selwerd", "vinkhuizen-x"], "indicatoren": ["inwoners", "onbekend_cijfer"]}
    names, labels = {"paddepoel": "Paddepoel", "selwerd": "Selwerd"}, {"inwoners": {"nl": "Inwoners",
                                                                                   "en": "Inhabitants"}[lang]}
    assert summary_lines(summary, names, labels, lang) == expected


def test_the_import_summary_of_a_file_with_every_boundary_and_no_figures():
    summary = SUMMARY | {"wijken_officieel": ["a", "b"], "grenzen": "officieel", "indicatoren": []}
    lines = summary_lines(summary, {"a": "A", "b": "B"}, {}, "nl")
    assert lines[2] == "Officiële grenzen voor 2 wijken (A, B); de grenzen van het pakket worden officieel"
    assert lines[3].endswith("(geen indicatoren)")
    assert summary_lines({}, {}, {}, "en") == []


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["CBS Wijk- en buurtkaart 2015 uit kaart.gpkg, gemeente GM0014",
            "Buurten: 13.000 in het bestand, 12.500 in het pakket, 1.500 niet te plaatsen, 2 van het pakket niet "
            "in het bestand",
            "Officiële grenzen voor 0 wijken; deels: Selwerd; de grenzen van het pakket worden indicatief",
            "Cijfers 2015: 65.000 nieuw, 1.234 gewijzigd, 7 gelijk (geen indicatoren)"]),
    ("en", ["CBS Wijk- en buurtkaart 2015 from kaart.gpkg, municipality GM0014",
            "Buurten: 13,000 in the file, 12,500 in the package, 1,500 cannot be placed, 2 of the package not "
            "in the file",
            "Official boundaries for 0 wijken; partly: Selwerd; the package's boundaries become indicative",
            "Figures 2015: 65,000 new, 1,234 changed, 7 unchanged (no indicators)"])])
def test_a_file_without_a_layer_with_no_official_wijk_and_no_figures(lang, expected):
    summary = SUMMARY | {"wijken_deels": ["selwerd"], "indicatoren": []}
    assert summary_lines(summary, {"selwerd": "Selwerd"}, {}, lang) == expected


@pytest.mark.parametrize("empty", [{}, None])
def test_no_summary_no_lines(empty):
    """A plan that could not be made has no summary: nothing to say (its problems are shown instead)."""
    assert summary_lines(empty, {}, {}, "en") == []
