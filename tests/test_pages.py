"""Every page renders for every wijk (and for none) without an exception, says what it should,
and the map click opens a wijk. Streamlit's AppTest runs the real frame (dashboard.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from domain.entries import SECTIONS
from domain.texts import t
from nla_data import EMBEDDED_DIR, load_package
from tests.apptest import open_page, texts

PACKAGE = load_package(EMBEDDED_DIR).package
WIJKEN = list(PACKAGE.wijken.index)
HEADINGS = ["Wat er gebeurt", "Mensen en netwerken", "Wat er nodig is"]


def _no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("url_path", ["overzicht", "kaart"])
def test_map_page_renders_for_the_city(url_path):
    at = open_page(url_path)
    _no_exception(at)
    assert at.header[0].value == "Waar staat welke wijk?"
    said = texts(at)
    assert "Groningen (hele stad)" in said
    assert "€ 8.875.000" in said
    assert ("indicatief" in said) == (PACKAGE.info.boundaries == "indicatief")  # the data says which


@pytest.mark.parametrize("wijk_id", WIJKEN)
def test_map_page_renders_for_every_wijk(wijk_id):
    at = open_page("kaart", wijk=wijk_id)
    _no_exception(at)
    said = texts(at)
    assert PACKAGE.wijken.loc[wijk_id, "naam"] in [s.value for s in at.subheader]
    assert "Open wijkperspectief" in [link.label for link in at.get("page_link")] or "Open wijkperspectief" in said


@pytest.mark.parametrize("wijk_id", WIJKEN)
def test_wijk_page_renders_for_every_wijk(wijk_id):
    at = open_page("wijk", wijk=wijk_id)
    _no_exception(at)
    assert at.header[0].value == PACKAGE.wijken.loc[wijk_id, "naam"]
    subheaders = [s.value for s in at.subheader]
    for heading in HEADINGS:
        assert heading in subheaders
    said = texts(at)
    assert "€ " in said  # the budget box
    assert "illustratief" in said  # illustrative figures are marked


def test_wijk_page_with_no_entries_invites_instead_of_blank():
    at = open_page("wijk", wijk="tuinwijk")
    _no_exception(at)
    infos = [i.value for i in at.info]
    for section in SECTIONS:  # to the public: nothing public (what is for signed-in users it may not see)
        assert f"{t('section.none.openbaar')} {t(f'section.purpose.{section}')}" in infos


def test_wijk_page_lists_entries_open_first_with_their_details():
    at = open_page("wijk", wijk="korrewegwijk")
    said = texts(at)
    assert "Wijkstemdag" in said
    assert "badge[:material/handshake: stimuleren]" in said  # the approach chip
    assert "laatst bevestigd op" in said
    assert "Gesloten (2)" in [e.label for e in at.expander]


def test_wijk_page_without_wijk_offers_the_list():
    at = open_page("wijk")
    _no_exception(at)
    assert at.header[0].value == "Kies een wijk"
    assert len(at.get("page_link")) >= 15


@pytest.mark.parametrize("asked", ["atlantis", "<script>alert(1)</script>", "x" * 300])
def test_unknown_wijk_gives_a_friendly_message_and_the_list(asked):
    at = open_page("wijk", wijk=asked)
    _no_exception(at)
    assert "Er is geen wijk met de naam" in at.warning[0].value
    assert len(at.get("page_link")) >= 15


def test_wijk_param_is_forgiving_about_case_and_spaces():
    at = open_page("wijk", wijk="De Wijert")
    _no_exception(at)
    assert at.header[0].value == "De Wijert"


def test_clicking_a_wijk_on_the_map_opens_its_perspective():
    at = open_page("kaart")
    at.session_state["kaart_map"] = {"selection": {"points": [{"location": "selwerd", "curve_number": 1}],
                                                   "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    _no_exception(at)
    assert at.header[0].value == "Selwerd"
    assert at.query_params["wijk"] in ("selwerd", ["selwerd"])


def test_map_controls_follow_and_write_the_url():
    at = open_page("kaart", indicator="woz_gemiddeld", jaar="2012")
    _no_exception(at)
    assert at.selectbox(key="kaart_indicator").value == "woz_gemiddeld"
    assert at.selectbox(key="kaart_jaar").value == 2012
    at.selectbox(key="kaart_indicator").select("inwoners").run()
    _no_exception(at)
    assert at.query_params["indicator"] in ("inwoners", ["inwoners"])
    assert at.query_params["jaar"] in ("2015", ["2015"])  # 2012 has no inhabitants figure: the latest year is taken


def test_map_in_class_mode():
    at = open_page("kaart", kleur="klasse")
    _no_exception(at)
    figure = at.get("plotly_chart")[0].proto.spec
    assert "groot, zwaar" in figure


def test_english_switch_translates_the_frame_and_pages():
    at = open_page("wijk", wijk="selwerd")
    at.session_state["lang"] = "en"
    at.run()
    _no_exception(at)
    subheaders = [s.value for s in at.subheader]
    assert "What is happening" in subheaders
    assert "Neighbourhood budget" in subheaders
    assert "Last updated" in texts(at)


def _a_package_with_a_word_for_a_number(tmp_path, monkeypatch) -> Path:
    """A copy of the package, used by the app, whose wijken.csv has "veel" in row 4's plafond_2011_2014."""
    copy = tmp_path / "pakket"
    shutil.copytree(EMBEDDED_DIR / "data", copy / "data")
    shutil.copy(EMBEDDED_DIR / "datapackage.json", copy)
    wijken = copy / "data" / "wijken.csv"
    lines = wijken.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",900000,", ",veel,", 1)
    wijken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("NLA_DATA", str(copy))
    return copy


def test_broken_package_shows_the_problems_not_a_traceback(tmp_path, monkeypatch):
    copy = _a_package_with_a_word_for_a_number(tmp_path, monkeypatch)
    for url_path in ("overzicht", "wijk"):
        at = open_page(url_path, wijk="selwerd")
        _no_exception(at)
        assert "Het datapakket kan niet worden geladen" in at.error[0].value
        assert any("is 1 probleem gevonden" in m.value for m in at.markdown)  # one, not "1 problemen"
        # one file: named once, above its problems
        assert "In wijken:" in [c.value.replace("\\", "") for c in at.caption]
        table = at.table[0].value.map(lambda cell: cell.replace("\\", ""))
        assert list(table.columns) == ["Rij", "Veld", "Probleem"]
        [row] = table.to_numpy().tolist()  # one problem, said as one in the sidebar
        assert row[:2] == ["4", "plafond_2011_2014"] and row[2].startswith("waarde 'veel' is geen geldig")
        assert [e.value for e in at.sidebar.error] == ["Het datapakket heeft 1 probleem: zie de hoofdpagina."]
    # a missing file is told first: no file is read before every resource's place has been checked
    (copy / "data" / "koppelingen.csv").unlink()
    at = open_page("overzicht")
    _no_exception(at)
    table = at.table[0].value.map(lambda cell: cell.replace("\\", ""))
    count = len(table)
    captions = [c.value.replace("\\", "") for c in at.caption]
    files = set(table.iloc[:, 0]) if count > 1 else {c[3:-1] for c in captions if c.startswith("In ")}
    assert "koppelingen" in files
    said = f"{count} probleem" if count == 1 else f"{count} problemen"
    assert [e.value for e in at.sidebar.error] == [f"Het datapakket heeft {said}: zie de hoofdpagina."]


def test_a_broken_package_is_explained_in_english_when_english_is_chosen(tmp_path, monkeypatch):
    """The data checks' messages said themselves in Dutch only: the English page showed "waarde 'veel' is geen
    geldig …" under a "Problem (in Dutch)" heading."""
    _a_package_with_a_word_for_a_number(tmp_path, monkeypatch)
    at = open_page("overzicht", lang="en")
    _no_exception(at)
    assert "The data package cannot be loaded" in at.error[0].value
    assert any(m.value.startswith("1 problem was found in") for m in at.markdown)
    assert "In wijken:" in [c.value.replace("\\", "") for c in at.caption]
    table = at.table[0].value.map(lambda cell: cell.replace("\\", ""))
    assert list(table.columns) == ["Row", "Field", "Problem"]
    [message] = table["Problem"]
    assert message.startswith("value 'veel' is not a valid"), message


def test_missing_package_directory_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("NLA_DATA", str(Path(tmp_path) / "bestaat-niet"))
    at = open_page("overzicht")
    _no_exception(at)
    assert "In datapackage.json:" in [c.value.replace("\\", "") for c in at.caption]
