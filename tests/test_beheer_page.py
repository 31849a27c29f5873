"""The data manager's page: validate, export, and the CBS import from preview to apply (AppTest).

AppTest cannot upload a file, so the tests put a plan in the page's session state, exactly as the
'Bekijk wat er verandert' button does after reading the upload."""

from __future__ import annotations

import hashlib

import pytest

from nla_data.cbs_import import prepare_import
from nla_data.package import read_package
from pages.beheer import PLAN_KEY
from tests.apptest import open_page, sign_in
from tests.test_cbs_import import LONG, cbs_frame, hashes, pkg, write_geojson  # noqa: F401 - pkg is a fixture


@pytest.fixture
def copy(pkg, tmp_path, monkeypatch):  # noqa: F811
    """The app pointed at a copy of the package, with its own database."""
    monkeypatch.setenv("NLA_DATA", str(pkg))
    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/beheer.sqlite")
    return pkg


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("who", [None, "wim", "cora", "fatima"])
def test_only_a_beheerder_gets_the_page(copy, who):
    at = open_page("beheer")
    if who:
        at = sign_in(at, who)
    _no_exception(at)
    assert any("Log in als beheerder" in w.value or "beheerder" in w.value for w in at.warning)
    assert "beheer:validate" not in {b.key for b in at.button}
    assert not at.get("file_uploader")


def _beheerder():
    return sign_in(open_page("beheer"), "beheer")


@pytest.mark.parametrize(("lang", "line"), [
    ("nl", "**Wijkperspectief Groningen — Nieuw Lokaal Akkoord\\, 15 wijken**, versie 0.1.0 · grenzen: "),
    ("en", "**Wijkperspectief Groningen — Nieuw Lokaal Akkoord — 15 neighbourhoods**, version 0.1.0 · boundaries: ")])
def test_the_package_line_is_in_the_pages_language(copy, lang, line):
    """Found in English: the package's Dutch title and its raw word "officieel", where the sidebar beside it said
    "Boundaries: official"."""
    at = sign_in(open_page("beheer", lang=lang), "beheer")
    _no_exception(at)
    said = [m.value for m in at.markdown if m.value.startswith("**Wijkperspectief") and " · " in m.value]
    assert len(said) == 1 and said[0].startswith(line), said
    assert said[0].endswith({"nl": ("officieel", "indicatief"), "en": ("official", "indicative")}[lang]), said


def test_validate_and_export(copy):
    at = _beheerder()
    _no_exception(at)
    at.button(key="beheer:validate").click().run()
    assert [s.value for s in at.success] == ["Het datapakket is geldig."]
    [export] = at.get("download_button")  # one click: the zip is made when it is clicked, no "prepare" first
    assert export.proto.label == "Download het hele pakket (zip)"


def test_cbs_import_preview_then_apply(copy, tmp_path):
    before = hashes(copy)
    plan = prepare_import(write_geojson(tmp_path / "buurten.geojson", cbs_frame(LONG)), read_package(copy))
    assert plan.ok, plan.problems
    at = _beheerder()
    at.session_state[PLAN_KEY] = plan
    at.run()
    _no_exception(at)
    said = "\n".join(m.value for m in at.markdown)
    assert "buurtkaart 2015" in said
    assert hashes(copy) == before, "a preview writes nothing"
    at.button(key="beheer:apply").click().run()
    _no_exception(at)
    assert [s.value for s in at.success] == ["Geïmporteerd: CBS Wijk- en buurtkaart 2015."]
    assert hashes(copy) != before
    assert '"officieel"' in (copy / "data" / "buurtgrenzen.geojson").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "headings", "row", "note"), [
    ("nl", ["Soort gebied", "Gebied", "Indicator", "Oud", "Nieuw", "Oude bron"],
     ["wijk", "Paddepoel", "Inwoners", "9.705", "9.705"], "1 kolom niet geïmporteerd (onbekend)"),
    ("en", ["Kind of area", "Area", "Indicator", "Old", "New", "Old source"],
     ["neighbourhood", "Paddepoel", "Inhabitants", "9,705", "9,705"], "1 column not imported (unknown)")])
def test_the_preview_says_in_words_what_changes(copy, tmp_path, lang, headings, row, note):
    """Seen in Chromium: the preview's table of changes had the package's column names (gebied_type, oud_bron),
    codes for areas and indicators and numbers such as 4325; a note said '1 kolom(men)'."""
    plan = prepare_import(write_geojson(tmp_path / "buurten.geojson", cbs_frame(LONG)), read_package(copy))
    at = sign_in(open_page("beheer", lang=lang), "beheer")
    at.session_state[PLAN_KEY] = plan
    at.run()
    _no_exception(at)
    table = next(frame.value for frame in at.dataframe if list(frame.value.columns) == headings)
    assert row in table.iloc[:, :5].to_numpy().tolist()
    new_for_2015 = table[(table.iloc[:, 1] == "Paddepoel") & (table.iloc[:, 0] == row[0])].iloc[:, 3]
    assert "–" in set(new_for_2015)  # a figure new for the year has no old value
    buurt = table[table.iloc[:, 0] == ("buurt" if lang == "nl" else "sub-neighbourhood")].iloc[0, 1]
    assert buurt.endswith(")") and " (BU" in buurt  # the buurt's name with its code
    notes = at.table[0].value.map(lambda cell: cell.replace("\\", ""))  # the file's notes
    assert "In buurten.geojson:" in [c.value.replace("\\", "") for c in at.caption]
    # the checks' messages in the page's language (they were Dutch in both, under "Problem (in Dutch)")
    heading = {"nl": "Probleem", "en": "Problem"}[lang]
    assert list(notes.columns) == [{"nl": "Veld", "en": "Field"}[lang], heading]
    assert any(message.startswith(note) for message in notes[heading])
    assert not any("(men)" in message for message in notes[heading])


SUMMARY = {"laag": None, "jaar": 2015, "bron": "kaart.gpkg", "gemeente": "GM0014",
           "buurten_in_bestand": 13_000, "buurten_geplaatst": 12_500, "buurten_niet_geplaatst": ["BU1"] * 1_500,
           "buurten_niet_in_bestand": [], "wijken_officieel": [], "wijken_deels": [], "grenzen": "indicatief",
           "cijfers_nieuw": 65_000, "cijfers_gewijzigd": 1_234, "cijfers_gelijk": 0, "indicatoren": ["inwoners"]}


def test_the_import_summary_writes_its_counts_the_dutch_way():
    from nla_data.cbs.plan import ImportPlan, describe

    lines = describe(ImportPlan(source="kaart.gpkg", municipality="GM0014", summary=SUMMARY))
    assert lines[1] == ("Buurten: 13.000 in het bestand, 12.500 in het pakket, 1.500 niet te plaatsen, "
                        "0 van het pakket niet in het bestand")
    assert lines[3] == "Cijfers 2015: 65.000 nieuw, 1.234 gewijzigd, 0 gelijk (inwoners)"


@pytest.mark.parametrize(("lang", "first", "named"), [
    ("nl", "CBS Wijk- en buurtkaart 2015 uit buurten.geojson, gemeente GM0014", "Paddepoel"),
    ("en", "CBS Wijk- en buurtkaart 2015 from buurten.geojson, municipality GM0014", "Paddepoel")])
def test_the_preview_summary_is_in_the_pages_language(copy, tmp_path, lang, first, named):
    plan = prepare_import(write_geojson(tmp_path / "buurten.geojson", cbs_frame(LONG)), read_package(copy))
    at = sign_in(open_page("beheer", lang=lang), "beheer")
    at.session_state[PLAN_KEY] = plan
    at.run()
    _no_exception(at)
    said = [m.value.replace("\\", "") for m in at.markdown]  # drawn literally: markdown's characters escaped
    summary = next(value for value in said if value.startswith("- CBS Wijk- en buurtkaart"))
    lines = [line.removeprefix("- ") for line in summary.split("\n")]
    assert lines[0] == first and len(lines) == 4, lines  # the notes are in their own fold, not here as well
    assert named in lines[2] and "paddepoel" not in lines[2]
    assert ("Inwoners" if lang == "nl" else "Inhabitants") in lines[3] and "(inwoners" not in lines[3]
    assert ("Let op" not in summary) and ("Figures" in lines[3]) == (lang == "en")


def test_a_file_that_cannot_be_imported_shows_why_and_offers_no_import(copy, tmp_path):
    not_a_map = tmp_path / "kaart.geojson"
    not_a_map.write_text("dit is geen kaart", encoding="utf-8")
    plan = prepare_import(not_a_map, read_package(copy))
    at = _beheerder()
    at.session_state[PLAN_KEY] = plan
    at.run()
    _no_exception(at)
    assert "niet worden geïmporteerd" in at.error[0].value
    assert not [b for b in at.button if b.key == "beheer:apply"]
    digest = hashlib.sha256((copy / "datapackage.json").read_bytes()).hexdigest()
    assert digest == hashes(copy)["datapackage.json"]
