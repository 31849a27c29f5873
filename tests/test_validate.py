"""The validator: one test per kind of defect, each on its own broken copy of the embedded package.

Every problem must name the resource, the row (line in the file, header = 1; feature number for
GeoJSON) and the field, in Dutch, so that the data manager can find and fix it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nla_data import EMBEDDED_DIR, Problem, load_package, package_dir_from_env
from nla_data.__main__ import main
from nla_data.problems import counted, said
from nla_data.validate import validate_package

ROOT = Path(__file__).resolve().parents[1]

# Phrases of the English messages of frictionless: none may reach the data manager.
ENGLISH = ("the same as", "not found", "lookup table", 'constraint "', "Row at position", "unique-error",
           "violates", "There is", "does not match")


# --- helpers to break a copy ------------------------------------------------------------------


def read_csv(pkg: Path, name: str) -> list[list[str]]:
    with open(pkg / "data" / f"{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def write_csv(pkg: Path, name: str, rows: list[list[str]]) -> None:
    with open(pkg / "data" / f"{name}.csv", "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def set_cell(pkg: Path, name: str, line: int, column: str, value: str) -> str:
    """Set one cell, addressed like a problem: line in the file (header = 1) and column name."""
    rows = read_csv(pkg, name)
    index = rows[0].index(column)
    old, rows[line - 1][index] = rows[line - 1][index], value
    write_csv(pkg, name, rows)
    return old


def read_json(pkg: Path, relative: str) -> dict:
    return json.loads((pkg / relative).read_text(encoding="utf-8"))


def write_json(pkg: Path, relative: str, data: dict) -> None:
    (pkg / relative).write_text(json.dumps(data), encoding="utf-8")


def set_geometry(pkg: Path, name: str, feature: int, geometry: dict | None) -> None:
    """Replace the geometry of feature number `feature` (1-based, as problems count them)."""
    data = read_json(pkg, f"data/{name}.geojson")
    data["features"][feature - 1]["geometry"] = geometry
    write_json(pkg, f"data/{name}.geojson", data)


BOWTIE = {"type": "Polygon", "coordinates": [[[6.55, 53.20], [6.56, 53.21], [6.56, 53.20], [6.55, 53.21],
                                              [6.55, 53.20]]]}


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def where(problem: Problem) -> tuple:
    return problem.resource, problem.row, problem.field


def assert_dutch(*problems: Problem) -> None:
    for problem in problems:
        assert not any(phrase in problem.message for phrase in ENGLISH), problem.message


# --- the embedded package -----------------------------------------------------------------------


def test_embedded_package_is_valid_and_the_cli_says_ok_on_one_line(monkeypatch, capsys):
    monkeypatch.delenv("NLA_DATA", raising=False)
    assert main(["validate"]) == 0  # no DIR, no NLA_DATA: the embedded package
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"OK: {EMBEDDED_DIR} is een geldig datapakket."]
    assert err == ""


# --- the descriptor ------------------------------------------------------------------------------


def test_missing_descriptor(broken_package):
    pkg = broken_package()
    (pkg / "datapackage.json").unlink()
    assert validate_package(pkg) == [Problem("datapackage.json", said(f"bestand ontbreekt in {pkg}",
                                                                      f"file missing from {pkg}"))]


def test_descriptor_that_is_not_json(broken_package):
    pkg = broken_package()
    (pkg / "datapackage.json").write_text('{"name": "nla", resources: [', encoding="utf-8")
    problem = only(validate_package(pkg))
    assert where(problem) == ("datapackage.json", None, None)
    assert problem.message.startswith("geen geldige JSON (")
    assert "regel 1, kolom" in problem.message  # where in the file the JSON breaks


def test_a_descriptor_that_is_not_json_says_where_in_english_too(broken_package):
    pkg = broken_package()
    (pkg / "datapackage.json").write_text('{"name": "nla",\n resources: [', encoding="utf-8")
    problem = only(validate_package(pkg))
    parser = "Expecting property name enclosed in double quotes"  # the JSON parser's own words, quoted as they are
    assert problem.text("nl") == f"geen geldige JSON (regel 2, kolom 2: {parser})"
    assert problem.text("en") == f"not valid JSON (line 2, column 2: {parser})"


def test_descriptor_that_is_json_but_not_an_object(broken_package):
    pkg = broken_package()
    (pkg / "datapackage.json").write_text("[]", encoding="utf-8")
    problem = only(validate_package(pkg))
    assert where(problem) == ("datapackage.json", None, None)
    assert problem.message.startswith("geen geldige pakketbeschrijving")


def test_resource_missing_from_the_descriptor(broken_package):
    pkg = broken_package()
    descriptor = read_json(pkg, "datapackage.json")
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "cijfers"]
    write_json(pkg, "datapackage.json", descriptor)
    missing = said("resource 'cijfers' ontbreekt in de beschrijving",
                   "resource 'cijfers' is missing from the description")
    assert validate_package(pkg) == [Problem("datapackage.json", missing)]


# --- files and columns -----------------------------------------------------------------------------


def test_missing_data_file(broken_package):
    pkg = broken_package()
    (pkg / "data" / "items.csv").unlink()
    problems = validate_package(pkg)
    assert where(problems[0]) == ("items", None, None)
    assert problems[0].message.startswith("bestand ontbreekt: ")
    # Resources that refer to items (koppelingen) may say so too; nothing else is reported.
    assert all(p.message.startswith("bestand ontbreekt") and "items.csv" in p.message for p in problems)


def test_missing_column_is_named_once(broken_package):
    pkg = broken_package()
    rows = read_csv(pkg, "wijken")
    gone = rows[0].index("zwaarte")
    write_csv(pkg, "wijken", [row[:gone] + row[gone + 1:] for row in rows])
    # One problem for the column, not a shifted value in every later column of every row.
    assert validate_package(pkg) == [Problem("wijken", said("kolom 'zwaarte' ontbreekt in het bestand",
                                                            "column 'zwaarte' is missing from the file"),
                                             None, "zwaarte")]


def test_extra_column_is_named(broken_package):
    pkg = broken_package()
    rows = read_csv(pkg, "buurten")
    write_csv(pkg, "buurten", [rows[0] + ["postcode"]] + [row + ["9700"] for row in rows[1:]])
    problem = only(validate_package(pkg))
    assert where(problem) == ("buurten", None, "postcode")
    assert problem.message == "kolom 'postcode' staat niet in het schema"


# --- values -----------------------------------------------------------------------------------------


def test_wrongly_typed_value(broken_package):
    pkg = broken_package()
    set_cell(pkg, "wijken", 3, "plafond_2011_2014", "veel")
    problem = only(validate_package(pkg))
    assert where(problem) == ("wijken", 3, "plafond_2011_2014")
    assert problem.message == "waarde 'veel' is geen geldig geheel getal"


def test_a_wrongly_typed_value_is_said_in_english_with_its_place(broken_package):
    pkg = broken_package()
    set_cell(pkg, "cijfers", 2, "illustratief", "misschien")
    problem = only(validate_package(pkg))
    assert problem.text("en") == "value 'misschien' is not a valid truth value (true/false)"
    assert problem.where("en") == "cijfers, row 2, field 'illustratief'"


@pytest.mark.parametrize(("resource", "field", "cell", "said"), [
    ("cijfers", "waarde", "veel", "waarde 'veel' is geen geldig getal"),
    ("cijfers", "illustratief", "misschien", "waarde 'misschien' is geen geldige waarheidswaarde (true/false)"),
    ("items", "startdatum", "morgen", "waarde 'morgen' is geen geldige datum (JJJJ-MM-DD)"),
    ("items", "aangemaakt_op", "gisteren",
     "waarde 'gisteren' is geen geldige datum en tijd (JJJJ-MM-DDTuu:mm:ss)")])
def test_each_wrong_type_is_named_in_dutch_that_agrees(broken_package, resource, field, cell, said):
    """With the article's agreement (het getal: geen geldig getal; de datum: geen geldige datum), never "geldig(e)"."""
    pkg = broken_package()
    set_cell(pkg, resource, 2, field, cell)
    problem = only(validate_package(pkg))
    assert where(problem) == (resource, 2, field)
    assert problem.message == said


def test_value_outside_the_enum(broken_package):
    pkg = broken_package()
    set_cell(pkg, "wijken", 4, "grootte", "middel")
    problem = only(validate_package(pkg))
    assert where(problem) == ("wijken", 4, "grootte")
    assert problem.message.startswith("waarde 'middel' voldoet niet aan de regel: toegestaan zijn")
    assert "'groot'" in problem.message and "'klein'" in problem.message
    assert_dutch(problem)


def test_cbs_sentinel_is_not_a_value(broken_package):
    pkg = broken_package()
    set_cell(pkg, "cijfers", 10, "waarde", "-99999999")
    problem = only(validate_package(pkg))
    assert where(problem) == ("cijfers", 10, "waarde")
    assert "-99999999" in problem.message and "CBS" in problem.message and "geheim" in problem.message
    assert "laat de cel leeg" in problem.message


# --- keys and references ---------------------------------------------------------------------------


def test_unknown_wijk_in_buurten(broken_package):
    pkg = broken_package()
    assert set_cell(pkg, "buurten", 15, "wijk_id", "atlantis") == "grunobuurt"
    problem = only(validate_package(pkg))
    assert where(problem) == ("buurten", 15, "wijk_id")
    assert problem.message.startswith("verwijst naar iets dat niet bestaat")
    assert '"atlantis"' in problem.message and '"wijken"' in problem.message
    assert_dutch(problem)


def test_unknown_wijk_in_items(broken_package):
    pkg = broken_package()
    set_cell(pkg, "items", 3, "wijk_id", "atlantis")
    problem = only(validate_package(pkg))
    assert where(problem) == ("items", 3, "wijk_id")
    assert problem.message.startswith("verwijst naar iets dat niet bestaat")
    assert '"atlantis"' in problem.message
    assert_dutch(problem)


def test_an_unknown_reference_is_said_in_english_too(broken_package):
    pkg = broken_package()
    set_cell(pkg, "buurten", 15, "wijk_id", "atlantis")
    problem = only(validate_package(pkg))
    assert problem.text("en") == ('refers to something that does not exist '
                                  '("wijk_id": value "atlantis" not found in "wijken" as "wijk_id")')
    assert problem.where("en") == "buurten, row 15, field 'wijk_id'"


def test_duplicate_wijk(broken_package):
    pkg = broken_package()
    rows = read_csv(pkg, "wijken")
    write_csv(pkg, "wijken", rows + [rows[2]])  # line 3 (paddepoel) again, as line 17
    # Said once, although it breaks both the unique constraint and the primary key.
    assert validate_package(pkg) == [Problem("wijken", said("dubbele sleutel: dezelfde als in rij 3",
                                                          "duplicate key: the same as in row 3"), 17, "wijk_id")]


def test_duplicate_item(broken_package):
    pkg = broken_package()
    rows = read_csv(pkg, "items")
    write_csv(pkg, "items", rows + [rows[4]])  # line 5 again, as the last line
    last = len(rows) + 1
    assert validate_package(pkg) == [Problem("items", said("dubbele sleutel: dezelfde als in rij 5",
                                                         "duplicate key: the same as in row 5"), last, "item_id")]


def test_duplicate_composite_key_names_all_key_fields(broken_package):
    pkg = broken_package()
    rows = read_csv(pkg, "cijfers")
    write_csv(pkg, "cijfers", rows + [rows[9]])
    problem = only(validate_package(pkg))
    assert where(problem) == ("cijfers", len(rows) + 1, "gebied_type, gebied_id, jaar, indicator")
    assert problem.message == "dubbele sleutel: dezelfde als in rij 10"


# --- rules across tables (checked after the schema) -------------------------------------------------


def test_area_of_the_wrong_type_in_cijfers(broken_package):
    pkg = broken_package()
    assert read_csv(pkg, "cijfers")[2][0] == "wijk"
    set_cell(pkg, "cijfers", 3, "gebied_id", "BU00141000")  # a buurt, not a wijk
    assert validate_package(pkg) == [
        Problem("cijfers", said("onbekend gebied 'BU00141000' voor gebied_type 'wijk'",
                                "unknown area 'BU00141000' for gebied_type 'wijk'"), 3, "gebied_id")]


def test_link_across_two_wijken(broken_package):
    pkg = broken_package()
    assert set_cell(pkg, "koppelingen", 2, "naar_item", "selwerd-wijkbedrijf") == "korrewegwijk-wijkstemdag"
    problem = only(validate_package(pkg))
    assert where(problem) == ("koppelingen", 2, "naar_item")
    assert problem.message == ("'korrewegwijk-nodig-wijkstemdag' (korrewegwijk) en 'selwerd-wijkbedrijf' (selwerd) "
                               "liggen in verschillende wijken")


def test_english_themes_must_be_as_many_as_the_dutch(broken_package):
    pkg = broken_package()
    assert set_cell(pkg, "wijken", 5, "themas_en", "Work and enterprise") == "Work and enterprise;Care and well-being"
    problem = only(validate_package(pkg))
    assert where(problem) == ("wijken", 5, "themas_en")
    assert problem.message == "themas_en geeft 1 thema's, themas 2: geef ze een op een, in dezelfde volgorde"


def test_english_themes_may_be_left_out(broken_package):
    """An empty `themas_en` is no defect: the app shows the Dutch themes."""
    pkg = broken_package()
    set_cell(pkg, "wijken", 5, "themas_en", "")
    assert validate_package(pkg) == []


def test_link_with_the_wrong_relation_for_its_sections(broken_package):
    pkg = broken_package()
    assert set_cell(pkg, "koppelingen", 2, "relatie", "neemt-deel-aan") == "hoort-bij"
    problem = only(validate_package(pkg))
    assert where(problem) == ("koppelingen", 2, "relatie")
    assert problem.message == "relatie 'neemt-deel-aan' hoort tussen secties netwerk → gebeurt, niet nodig → gebeurt"


def test_item_in_a_buurt_of_another_wijk(broken_package):
    pkg = broken_package()
    assert set_cell(pkg, "items", 3, "buurtcode", "BU00141000") == "BU00140301"  # Selwerd, not Korrewegwijk
    assert validate_package(pkg) == [
        Problem("items", said("buurt 'BU00141000' hoort niet bij wijk 'korrewegwijk'",
                              "buurt 'BU00141000' does not belong to neighbourhood 'korrewegwijk'"), 3, "buurtcode")]


# --- boundaries (GeoJSON) ------------------------------------------------------------------------


def test_invalid_geometry(broken_package):
    pkg = broken_package()
    set_geometry(pkg, "wijkgrenzen", 3, BOWTIE)
    problem = only(validate_package(pkg))
    assert where(problem) == ("wijkgrenzen", 3, "geometry")
    assert problem.message.startswith("ongeldige geometrie: Self-intersection")


@pytest.mark.parametrize("geometry", [{"type": "Polygon", "coordinates": []}, None], ids=["empty", "null"])
def test_empty_geometry(broken_package, geometry):
    pkg = broken_package()
    set_geometry(pkg, "wijkgrenzen", 3, geometry)  # feature 3 is de-hoogte
    assert validate_package(pkg) == [
        Problem("wijkgrenzen", said("geometrie is leeg", "geometry is empty"), 3, "geometry"),
        Problem("wijkgrenzen", said("wijk 'de-hoogte' heeft geen grens", "neighbourhood 'de-hoogte' has no boundary"),
                None, "wijk_id"),
    ]


def test_point_instead_of_a_polygon(broken_package):
    pkg = broken_package()
    set_geometry(pkg, "buurtgrenzen", 5, {"type": "Point", "coordinates": [6.56, 53.22]})
    assert validate_package(pkg) == [
        Problem("buurtgrenzen", said("geometrie is een Point, verwacht een (Multi)Polygon",
                                     "geometry is a Point, expected a (Multi)Polygon"), 5, "geometry")]


def test_boundary_problems_are_said_in_english_too(broken_package):
    pkg = broken_package()
    set_geometry(pkg, "wijkgrenzen", 3, None)  # feature 3 is de-hoogte
    set_geometry(pkg, "buurtgrenzen", 5, {"type": "Polygon", "coordinates": [[[233000, 582000], [233100, 582000],
                                                                             [233100, 582100], [233000, 582000]]]})
    assert [(p.where("en"), p.text("en")) for p in validate_package(pkg)] == [
        ("wijkgrenzen, row 3, field 'geometry'", "geometry is empty"),
        ("wijkgrenzen, field 'wijk_id'", "neighbourhood 'de-hoogte' has no boundary"),
        ("buurtgrenzen, row 5, field 'geometry'",
         "coordinates do not lie in the Netherlands in WGS84 (longitude/latitude); is the file in RD New "
         "(EPSG:28992)? Convert it to EPSG:4326")]


def test_crs_member_naming_rd_new(broken_package):
    pkg = broken_package()
    data = read_json(pkg, "data/wijkgrenzen.geojson")
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    write_json(pkg, "data/wijkgrenzen.geojson", data)
    problem = only(validate_package(pkg))
    assert where(problem) == ("wijkgrenzen", None, "crs")
    assert "EPSG::28992" in problem.message and "EPSG:4326" in problem.message
    assert "wordt niet ondersteund" in problem.message


def _to_rd_metres(coordinates):
    """Roughly what an RD New (EPSG:28992) export of Groningen looks like: x ~ 233000, y ~ 582000."""
    if isinstance(coordinates[0], (int, float)):
        lon, lat = coordinates
        return [round(233000 + (lon - 6.56) * 66800), round(582000 + (lat - 53.22) * 111300)]
    return [_to_rd_metres(part) for part in coordinates]


def test_coordinates_in_rd_new_metres(broken_package):
    pkg = broken_package()
    data = read_json(pkg, "data/wijkgrenzen.geojson")
    for feature in data["features"]:
        feature["geometry"]["coordinates"] = _to_rd_metres(feature["geometry"]["coordinates"])
    write_json(pkg, "data/wijkgrenzen.geojson", data)
    problems = validate_package(pkg)
    assert [where(p) for p in problems] == [("wijkgrenzen", n, "geometry") for n in range(1, 17)]
    assert all("RD New (EPSG:28992)" in p.message and "EPSG:4326" in p.message for p in problems)


def test_unknown_wijk_in_wijkgrenzen_leaves_a_wijk_without_outline(broken_package):
    pkg = broken_package()
    data = read_json(pkg, "data/wijkgrenzen.geojson")
    assert data["features"][1]["properties"]["wijk_id"] == "corpus-den-hoorn"
    data["features"][1]["properties"]["wijk_id"] = "atlantis"
    write_json(pkg, "data/wijkgrenzen.geojson", data)
    assert validate_package(pkg) == [
        Problem("wijkgrenzen", said("onbekende wijk_id 'atlantis'", "unknown wijk_id 'atlantis'"), 2, "wijk_id"),
        Problem("wijkgrenzen", said("wijk 'corpus-den-hoorn' heeft geen grens",
                                    "neighbourhood 'corpus-den-hoorn' has no boundary"), None, "wijk_id"),
    ]


def test_wijk_without_outline(broken_package):
    pkg = broken_package()
    data = read_json(pkg, "data/wijkgrenzen.geojson")
    data["features"] = [f for f in data["features"] if f["properties"]["wijk_id"] != "tuinwijk"]
    write_json(pkg, "data/wijkgrenzen.geojson", data)
    assert validate_package(pkg) == [Problem("wijkgrenzen", said("wijk 'tuinwijk' heeft geen grens",
                                                                 "neighbourhood 'tuinwijk' has no boundary"),
                                             None, "wijk_id")]


def test_duplicate_wijk_outline(broken_package):
    pkg = broken_package()
    data = read_json(pkg, "data/wijkgrenzen.geojson")
    data["features"].append(data["features"][0])  # beijum again, as feature 17
    write_json(pkg, "data/wijkgrenzen.geojson", data)
    assert validate_package(pkg) == [
        Problem("wijkgrenzen", said("wijk_id 'beijum' komt twee keer voor (ook feature 1)",
                                    "wijk_id 'beijum' appears twice (also feature 1)"), 17, "wijk_id")]


def test_geojson_that_is_not_json(broken_package):
    pkg = broken_package()
    (pkg / "data" / "buurtgrenzen.geojson").write_text("<kml><Document/></kml>", encoding="utf-8")
    problem = only(validate_package(pkg))
    assert where(problem) == ("buurtgrenzen", None, None)
    assert problem.message.startswith("bestand is geen leesbare GeoJSON (")


# --- several defects -------------------------------------------------------------------------------


def test_every_schema_defect_is_listed_not_only_the_first(broken_package):
    pkg = broken_package()
    set_cell(pkg, "wijken", 3, "plafond_2011_2014", "veel")
    set_cell(pkg, "wijken", 4, "grootte", "middel")
    set_cell(pkg, "buurten", 15, "wijk_id", "atlantis")
    set_cell(pkg, "cijfers", 10, "waarde", "-99999999")
    set_geometry(pkg, "wijkgrenzen", 3, {"type": "Point", "coordinates": [6.56, 53.22]})
    set_geometry(pkg, "buurtgrenzen", 5, BOWTIE)
    problems = validate_package(pkg)
    assert sorted(where(p) for p in problems) == sorted([
        ("wijken", 3, "plafond_2011_2014"), ("wijken", 4, "grootte"), ("buurten", 15, "wijk_id"),
        ("cijfers", 10, "waarde"), ("wijkgrenzen", 3, "geometry"), ("buurtgrenzen", 5, "geometry"),
    ])
    assert_dutch(*problems)


def test_every_cross_table_defect_is_listed_not_only_the_first(broken_package):
    pkg = broken_package()
    set_cell(pkg, "cijfers", 3, "gebied_id", "BU00141000")
    set_cell(pkg, "items", 3, "buurtcode", "BU00141000")
    set_cell(pkg, "koppelingen", 2, "naar_item", "selwerd-wijkbedrijf")
    set_cell(pkg, "koppelingen", 3, "relatie", "neemt-deel-aan")
    problems = validate_package(pkg)
    assert [where(p) for p in problems] == [
        ("cijfers", 3, "gebied_id"), ("items", 3, "buurtcode"),
        ("koppelingen", 2, "naar_item"), ("koppelingen", 3, "relatie"),
    ]


# --- loading ------------------------------------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every file and folder under root with its mtime, size and content hash."""
    snapshot = {}
    for path in sorted(root.rglob("*")):
        stat = path.stat()
        content = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        snapshot[str(path.relative_to(root))] = (stat.st_mtime_ns, stat.st_size, content)
    return snapshot


def test_loading_never_writes(broken_package):
    valid, broken = broken_package(), broken_package()
    set_cell(broken, "wijken", 3, "plafond_2011_2014", "veel")
    set_geometry(broken, "wijkgrenzen", 3, BOWTIE)
    before = {valid: _snapshot(valid), broken: _snapshot(broken)}
    assert load_package(valid).ok
    assert not load_package(broken).ok
    assert {valid: _snapshot(valid), broken: _snapshot(broken)} == before


def test_load_broken_copy_gives_problems_and_no_package(broken_package):
    pkg = broken_package()
    set_cell(pkg, "wijken", 3, "plafond_2011_2014", "veel")
    loaded = load_package(pkg)
    assert loaded.package is None and not loaded.ok
    assert loaded.path == pkg.resolve()
    assert loaded.problems == [
        Problem("wijken", said("waarde 'veel' is geen geldig geheel getal",
                               "value 'veel' is not a valid whole number"), 3, "plafond_2011_2014")]


def test_load_embedded_package(package):
    assert package.path == EMBEDDED_DIR
    assert len(package.wijken) == 15 and len(package.buurten) == 106
    assert package.wijken.index.name == "wijk_id" and package.wijken.index.is_unique
    assert list(package.wijken.index) == list(package.wijken["wijk_id"])
    assert package.wijken.loc["corpus-den-hoorn", "naam"] == "Corpus den Hoorn"
    assert list(package.indicatoren["volgorde"]) == sorted(package.indicatoren["volgorde"])
    assert package.info.boundaries == "officieel" and package.info.municipality == "GM0014"
    assert "CBS, Wijk- en buurtkaart 2015" in package.info.boundaries_note
    assert len(package.wijkgrenzen) == 16 and package.wijkgrenzen.crs.to_epsg() == 4326
    assert len(package.buurtgrenzen) == 106
    for outlines in (package.wijkgrenzen, package.buurtgrenzen):  # the CBS 2015 outlines, every one
        assert (outlines["status"] == "officieel").all()
        assert outlines["bron"].str.startswith("CBS, Wijk- en buurtkaart 2015").all()


def test_nla_data_env_var_chooses_the_package(monkeypatch, tmp_path):
    monkeypatch.setenv("NLA_DATA", str(tmp_path))
    assert package_dir_from_env() == tmp_path.resolve()
    monkeypatch.delenv("NLA_DATA")
    assert package_dir_from_env() == EMBEDDED_DIR


# --- command line ---------------------------------------------------------------------------------


def test_cli_lists_every_problem_on_stderr(broken_package, capsys):
    pkg = broken_package()
    set_cell(pkg, "wijken", 3, "plafond_2011_2014", "veel")
    set_cell(pkg, "buurten", 15, "wijk_id", "atlantis")
    set_geometry(pkg, "wijkgrenzen", 3, BOWTIE)
    assert main(["validate", str(pkg)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"3 problemen in {pkg.resolve()}:"
    assert lines[1] == "- wijken, rij 3, veld 'plafond_2011_2014': waarde 'veel' is geen geldig geheel getal"
    assert lines[2].startswith("- buurten, rij 15, veld 'wijk_id': verwijst naar iets dat niet bestaat")
    assert lines[3].startswith("- wijkgrenzen, rij 3, veld 'geometry': ongeldige geometrie: Self-intersection")
    assert len(lines) == 4


def test_cli_honours_nla_data(broken_package):
    pkg = broken_package()
    descriptor = read_json(pkg, "datapackage.json")
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in ("items", "wijkgrenzen")]
    write_json(pkg, "datapackage.json", descriptor)
    env = {**os.environ, "NLA_DATA": str(pkg)}
    result = subprocess.run([sys.executable, "-m", "nla_data", "validate"], check=False, cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"2 problemen in {pkg.resolve()}:",
        "- datapackage.json: resource 'items' ontbreekt in de beschrijving",
        "- datapackage.json: resource 'wijkgrenzen' ontbreekt in de beschrijving",
    ]


def test_the_command_line_counts_in_dutch_words():
    """One problem is "1 probleem", more are "problemen", and thousands get a dot: never "probleem/problemen"."""
    assert counted(1, "probleem", "problemen") == "1 probleem"
    assert counted(0, "probleem", "problemen") == "0 problemen"
    assert counted(2, "rij", "rijen") == "2 rijen"
    assert counted(1200, "rij", "rijen") == "1.200 rijen"


def test_a_foreign_key_with_more_fields_than_it_refers_to_says_both_counts_in_words(broken_package):
    """Two fields that refer to one: said as "2 velden verwijzen naar 1 veld", not "veld(en)"."""
    pkg = broken_package()
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    buurten = next(r for r in descriptor["resources"] if r["name"] == "buurten")
    buurten["schema"]["foreignKeys"][0]["fields"] = ["wijk_id", "naam"]
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    messages = [p.message for p in validate_package(pkg)]
    assert any("2 velden verwijzen naar 1 veld" in m for m in messages), messages
    english = [p.text("en") for p in validate_package(pkg)]
    assert "resource 'buurten': foreignKeys[1]: 2 fields refer to 1 field" in english, english
