"""A package is untrusted input: hostile paths, huge files, malformed descriptors and huge cells are
refused with a Dutch problem, never with a traceback, a hang or gigabytes of memory.

The command line runs in a child process with a memory ceiling and a timeout, so that a regression
(reading /dev/zero, waiting on a FIFO) fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nla_data import load_package
from nla_data.__main__ import main
from nla_data.problems import MAX_MESSAGE, MAX_QUOTE, Problem, counted, quote, said
from nla_data.schema import MAX_DESCRIPTOR_BYTES, MAX_RESOURCE_BYTES
from nla_data.validate import validate_package

ROOT = Path(__file__).resolve().parents[1]
MEMORY_CEILING = 3 << 30  # the whole validation needs about 250 MB; reading /dev/zero would need all of it


def _ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def run_validate(folder: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NLA_DATA"}
    return subprocess.run([sys.executable, "-m", "nla_data", "validate", str(folder)], cwd=ROOT, env=env,
                          capture_output=True, encoding="utf-8", errors="replace", timeout=120,
                          preexec_fn=_ceiling)


def assert_refused(result: subprocess.CompletedProcess, *phrases: str) -> list[str]:
    """Exit 1, the Dutch problem list on stderr, every phrase in it, no traceback anywhere."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 1, output[-3000:]
    lines = result.stderr.splitlines()
    assert lines and lines[0].endswith(":") and ("probleem in" in lines[0] or "problemen in" in lines[0]), lines[:5]
    assert all(line.startswith("- ") for line in lines[1:]), lines[:5]
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr[-3000:]
    return lines


def descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(pkg: Path, data) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(data), encoding="utf-8")


def set_path(pkg: Path, name: str, path) -> None:
    data = descriptor(pkg)
    next(r for r in data["resources"] if r["name"] == name)["path"] = path
    write_descriptor(pkg, data)


# --- 1. resource paths: only regular files inside the package, of a sane size ---------------------


def _outside(pkg: Path, name: str) -> str:
    source = pkg / "data" / ("cijfers.csv" if name == "cijfers" else "wijkgrenzen.geojson")
    shutil.copy2(source, pkg.parent / f"buiten-{source.name}")  # readable and valid: only the place is wrong
    return f"../buiten-{source.name}"


def _symlink_outside(pkg: Path, name: str) -> str:
    target = pkg.parent / _outside(pkg, name).removeprefix("../")
    link = pkg / "data" / f"koppeling{target.suffix}"
    link.symlink_to(target)
    return f"data/{link.name}"


def _fifo(pkg: Path, name: str) -> str:
    os.mkfifo(pkg / "data" / "pijp.csv")
    return "data/pijp.csv"


PATHS = {
    "../ buiten de map": (_outside, "ligt buiten de pakketmap"),
    "absoluut /etc/passwd": (lambda pkg, name: "/etc/passwd", "ligt buiten de pakketmap"),
    "thuismap ~": (lambda pkg, name: "~/cijfers.csv", "ligt buiten de pakketmap"),
    "symbolische koppeling naar buiten": (_symlink_outside, "buiten de pakketmap"),
    "/dev/zero": (lambda pkg, name: "/dev/zero", "ligt buiten de pakketmap"),
    "koppeling naar /dev/zero": (lambda pkg, name: (pkg / "data" / f"nul-{name}").symlink_to("/dev/zero")
                                 or f"data/nul-{name}", "buiten de pakketmap"),
    "FIFO": (_fifo, "geen gewoon bestand"),
    "map": (lambda pkg, name: "data", "geen gewoon bestand"),
    "http-adres": (lambda pkg, name: "http://example.org/cijfers.csv", "internetadres"),
    "file-adres": (lambda pkg, name: "file:///etc/passwd", "internetadres"),
}


@pytest.mark.parametrize("case", list(PATHS))
def test_a_resource_path_outside_the_package_or_not_a_file_is_refused_before_reading(case, broken_package):
    """The same defect in a GeoJSON resource (read by our own code) and a CSV resource (read by Frictionless)."""
    make, phrase = PATHS[case]
    pkg = broken_package()
    for name in ("wijkgrenzen", "cijfers"):
        path = make(pkg, name) if not (case == "FIFO" and name == "cijfers") else "data/pijp.csv"
        set_path(pkg, name, path)
    lines = assert_refused(run_validate(pkg), phrase)
    for name in ("wijkgrenzen", "cijfers"):
        assert any(line.startswith(f"- {name}") and phrase in line for line in lines), lines


def test_path_checks_in_process_name_the_resource_and_the_path(broken_package):
    pkg = broken_package()
    set_path(pkg, "buurtgrenzen", "../../etc/passwd")
    problems = validate_package(pkg)
    assert [(p.resource, p.field) for p in problems] == [("buurtgrenzen", "path")]
    assert "'../../etc/passwd'" in problems[0].message and "ligt buiten de pakketmap" in problems[0].message
    assert problems[0].text("en") == ("path '../../etc/passwd' is outside the package folder; use a path inside the "
                                      "folder, such as data/cijfers.csv")


def test_a_resource_file_over_the_size_limit_is_refused_with_size_and_limit(broken_package):
    pkg = broken_package()
    big = pkg / "data" / "cijfers.csv"
    with open(big, "r+b") as file:  # sparse: no disk space is used
        file.truncate(MAX_RESOURCE_BYTES + 1024 * 1024)
    problems = validate_package(pkg)
    assert [(p.resource, p.field) for p in problems] == [("cijfers", None)]
    assert "'data/cijfers.csv' is te groot" in problems[0].message
    assert "201 MB" in problems[0].message and "200 MB" in problems[0].message, problems[0].message
    assert problems[0].text("en") == "file 'data/cijfers.csv' is too big (201 MB; at most 200 MB)"


def test_a_descriptor_over_the_size_limit_is_refused_unread(broken_package):
    pkg = broken_package()
    data = descriptor(pkg)
    data["description"] = "x" * MAX_DESCRIPTOR_BYTES
    write_descriptor(pkg, data)
    problems = validate_package(pkg)
    assert len(problems) == 1 and problems[0].resource == "datapackage.json"
    assert "te groot" in problems[0].message and "5 MB" in problems[0].message


def test_a_descriptor_that_is_a_fifo_is_refused(broken_package):
    pkg = broken_package()
    (pkg / "datapackage.json").unlink()
    os.mkfifo(pkg / "datapackage.json")
    assert_refused(run_validate(pkg), "datapackage.json: ", "geen gewoon bestand")


# --- 2. malformed descriptors: a problem list, never a traceback ----------------------------------


def _edit(change):
    """A case that edits the embedded descriptor (a dict) in place."""
    def make(pkg: Path) -> bytes:
        data = descriptor(pkg)
        change(data)
        return json.dumps(data).encode("utf-8")
    return make


def _res(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if isinstance(r, dict) and r.get("name") == name)


def _fields(data: dict, name: str = "cijfers") -> list:
    return _res(data, name)["schema"]["fields"]


def _raw(content: bytes):
    return lambda pkg: content


def _nested(depth: int):
    """The real descriptor with one extra member nested `depth` levels deep."""
    def make(pkg: Path) -> bytes:
        real = (pkg / "datapackage.json").read_bytes().rstrip()
        return real[:-1] + b', "x-extra": ' + b"[" * depth + b"]" * depth + b"}"
    return make


def _set(container_of, key, value):
    def change(data):
        container_of(data)[key] = value
    return change


def _delete(container_of, key):
    def change(data):
        del container_of(data)[key]
    return change


MALFORMED = {
    "leeg bestand": _raw(b""),
    "alleen witruimte": _raw(b"  \n\t "),
    "geen JSON": _raw(b"dit is geen json"),
    "afgebroken JSON": lambda pkg: (pkg / "datapackage.json").read_bytes()[:500],
    "ongeldige UTF-8": _raw(b'{"name": "\xff\xfe\xfa", "resources": []}'),
    "UTF-8 met BOM": lambda pkg: b"\xef\xbb\xbf" + (pkg / "datapackage.json").read_bytes(),
    "UTF-16": lambda pkg: (pkg / "datapackage.json").read_text(encoding="utf-8").encode("utf-16"),
    "JSON-lijst": _raw(b"[]"),
    "JSON-tekst": _raw(b'"datapackage"'),
    "JSON null": _raw(b"null"),
    "JSON-getal": _raw(b"42"),
    "NaN": _raw(b'{"name": "x", "resources": NaN}'),
    "leeg object": _raw(b"{}"),
    "resources is een object": _edit(_set(lambda d: d, "resources", {"wijken": {}})),
    "resources is tekst": _edit(_set(lambda d: d, "resources", "wijken")),
    "resources is leeg": _edit(_set(lambda d: d, "resources", [])),
    "een resource is tekst": lambda pkg: _edit(lambda d: d["resources"].append("cijfers"))(pkg),
    "een resource is null": lambda pkg: _edit(lambda d: d["resources"].insert(0, None))(pkg),
    "een resource is een lijst": lambda pkg: _edit(lambda d: d["resources"].append(["x"]))(pkg),
    "resource zonder naam": _edit(_delete(lambda d: _res(d, "cijfers"), "name")),
    "resource zonder pad": _edit(_delete(lambda d: _res(d, "cijfers"), "path")),
    "naam is een getal": _edit(_set(lambda d: _res(d, "cijfers"), "name", 7)),
    "pad is een getal": _edit(_set(lambda d: _res(d, "cijfers"), "path", 12)),
    "pad is een lijst": _edit(_set(lambda d: _res(d, "cijfers"), "path", ["data/cijfers.csv", "data/x.csv"])),
    "pad is null": _edit(_set(lambda d: _res(d, "wijkgrenzen"), "path", None)),
    "pad is leeg": _edit(_set(lambda d: _res(d, "wijkgrenzen"), "path", "")),
    "pad van een megabyte": _edit(_set(lambda d: _res(d, "wijkgrenzen"), "path", "data/" + "x" * 1_000_000)),
    "schema is tekst (een verwijzing)": _edit(_set(lambda d: _res(d, "cijfers"), "schema", "schema.json")),
    "schema is een lijst": _edit(_set(lambda d: _res(d, "cijfers"), "schema", [])),
    "fields is een object": _edit(_set(lambda d: _res(d, "cijfers")["schema"], "fields", {"jaar": "integer"})),
    "fields ontbreekt": _edit(_delete(lambda d: _res(d, "cijfers")["schema"], "fields")),
    "veld zonder naam": _edit(lambda d: _fields(d)[2].pop("name")),
    "veld is tekst": _edit(lambda d: _fields(d).append("jaar")),
    "veldnaam is een getal": _edit(_set(lambda d: _fields(d)[2], "name", 2015)),
    "onbekend veldtype": _edit(_set(lambda d: _fields(d)[2], "type", "getal")),
    "veldtype van een megabyte": _edit(_set(lambda d: _fields(d)[2], "type", "g" * 1_000_000)),
    "veldtype is een lijst": _edit(_set(lambda d: _fields(d)[2], "type", ["integer"])),
    "constraints is een lijst": _edit(_set(lambda d: _fields(d)[2], "constraints", ["required"])),
    "enum is tekst": _edit(_set(lambda d: _fields(d)[0]["constraints"], "enum", "wijk")),
    "dubbele veldnaam": _edit(lambda d: _fields(d).append(dict(_fields(d)[2]))),
    "primaryKey is een getal": _edit(_set(lambda d: _res(d, "cijfers")["schema"], "primaryKey", 3)),
    "primaryKey noemt een onbekend veld": _edit(_set(lambda d: _res(d, "cijfers")["schema"], "primaryKey",
                                                     ["bestaat_niet"])),
    "foreignKeys is een object": _edit(_set(lambda d: _res(d, "cijfers")["schema"], "foreignKeys", {"a": 1})),
    "foreignKey zonder reference": _edit(lambda d: _res(d, "cijfers")["schema"]["foreignKeys"][0].pop("reference")),
    "foreignKey reference is tekst": _edit(_set(lambda d: _res(d, "cijfers")["schema"]["foreignKeys"][0],
                                                "reference", "indicatoren")),
    "foreignKey naar onbekende resource": _edit(_set(
        lambda d: _res(d, "cijfers")["schema"]["foreignKeys"][0]["reference"], "resource", "bestaat-niet")),
    "foreignKey naar onbekend veld": _edit(_set(
        lambda d: _res(d, "cijfers")["schema"]["foreignKeys"][0]["reference"], "fields", ["bestaat_niet"])),
    "foreignKey met ongelijk aantal velden": _edit(_set(
        lambda d: _res(d, "cijfers")["schema"]["foreignKeys"][0]["reference"], "fields", ["indicator", "label_nl"])),
    "foreignKey van onbekend veld": _edit(_set(lambda d: _res(d, "cijfers")["schema"]["foreignKeys"][0],
                                               "fields", ["bestaat_niet"])),
    "dubbele resourcenaam": _edit(lambda d: d["resources"].append(dict(_res(d, "cijfers")))),
    "resourcenaam van een megabyte": _edit(_set(lambda d: _res(d, "koppelingen"), "name", "k" * 1_000_000)),
    "diep genest (100.000 niveaus)": _nested(100_000),
    "genest (900 niveaus)": _nested(900),
    "profiel op internet": _edit(_set(lambda d: d, "profile", "https://example.org/profile.json")),
    "resourceprofiel op internet": _edit(_set(lambda d: _res(d, "cijfers"), "profile",
                                              "https://example.org/resource.json")),
    "dialect is tekst (een verwijzing)": _edit(_set(lambda d: _res(d, "cijfers"), "dialect", "dialect.json")),
    "onbekende tekstcodering": _edit(_set(lambda d: _res(d, "cijfers"), "encoding", "klingon")),
    "wijkperspectief is tekst": _edit(_set(lambda d: d, "wijkperspectief", "officieel")),
    "gemeentecode is een lijst": _edit(_set(lambda d: d["wijkperspectief"], "gemeentecode", ["GM0014"])),
}


NET = ("kon niet worden gecontroleerd", "kon niet worden gelezen")  # the catch-all: a bug slipped through


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_descriptor_gives_a_problem_list_never_a_traceback(case, broken_package, capsys):
    pkg = broken_package()
    (pkg / "datapackage.json").write_bytes(MALFORMED[case](pkg))
    assert main(["validate", str(pkg)]) == 1  # as `python -m nla_data validate DIR`, in this process
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == f"{counted(len(lines) - 1, 'probleem', 'problemen')} in {pkg.resolve()}:", lines[:3]
    assert len(lines) > 1 and all(line.startswith("- ") for line in lines[1:]), lines[:5]
    assert all(len(line) <= MAX_MESSAGE + 100 for line in lines), max(map(len, lines))
    assert not any(phrase in err for phrase in NET), err[:2000]
    loaded = load_package(pkg)  # loading gives the same problems, and never raises
    assert loaded.package is None and [f"- {p}" for p in loaded.problems] == lines[1:]
    # and each of them is said in English too, not in Dutch on the English page
    assert all(p.text("en") != p.text("nl") for p in loaded.problems), [p.text("en") for p in loaded.problems]


@pytest.mark.parametrize(("case", "english"), [
    ("een resource is tekst", "resource no. 15: must be an object { … }, not text"),
    ("fields ontbreekt", "resource 'cijfers', schema: 'fields' is missing"),
    ("primaryKey is een getal",
     "resource 'cijfers', schema.primaryKey: must be text or a list [ … ], not a whole number"),
    ("resources is leeg", "resources: must not be empty"),
    ("profiel op internet", "profile: 'https://example.org/profile.json' is not allowed; choose from: data-package, "
                            "tabular-data-package"),
    ("foreignKey naar onbekende resource", "resource 'cijfers': foreignKeys[1]: refers to resource 'bestaat-niet', "
                                           "which does not exist or has no schema"),
    ("NaN", "not valid JSON (NaN is not a valid JSON value)"),
    ("UTF-8 met BOM", "the file starts with a BOM (byte order mark); save it as UTF-8 without a BOM"),
    ("diep genest (100.000 niveaus)", "not a valid package description: nested too deeply (more than 32 levels)"),
])
def test_a_malformed_descriptor_is_said_in_english_where_and_what(case, english, broken_package):
    """The JSON Schema's findings, the place in the descriptor and what is wrong, in English words."""
    pkg = broken_package()
    (pkg / "datapackage.json").write_bytes(MALFORMED[case](pkg))
    assert [p.text("en") for p in validate_package(pkg)] == [english]


@pytest.mark.parametrize("case", ["geen JSON", "ongeldige UTF-8", "een resource is tekst", "pad van een megabyte",
                                  "diep genest (100.000 niveaus)", "foreignKey naar onbekende resource"])
def test_the_command_in_its_own_process_shows_no_traceback(case, broken_package):
    pkg = broken_package()
    (pkg / "datapackage.json").write_bytes(MALFORMED[case](pkg))
    result = run_validate(pkg)
    assert_refused(result)
    assert not any(phrase in result.stderr for phrase in NET), result.stderr[:2000]


def test_there_are_at_least_35_malformed_descriptors():
    assert len(MALFORMED) >= 35


# --- 3. a message quotes a cell briefly ------------------------------------------------------------


HUGE = "x" * 100_000


def _set_cell(pkg: Path, name: str, line: int, column: str, value: str) -> None:
    import csv

    path = pkg / "data" / f"{name}.csv"
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


CELLS = {
    "geen geheel getal": ("cijfers", 2, "jaar"),
    "niet in de keuzelijst": ("cijfers", 2, "gebied_type"),
    "verwijst naar niets": ("items", 2, "wijk_id"),
    "onbekend gebied": ("cijfers", 2, "gebied_id"),
}


@pytest.mark.parametrize("case", list(CELLS))
def test_a_problem_quotes_at_most_200_characters_of_a_huge_cell(case, broken_package):
    name, line, column = CELLS[case]
    pkg = broken_package()
    _set_cell(pkg, name, line, column, HUGE)
    problems = validate_package(pkg)
    mine = [p for p in problems if p.resource == name and p.row == line]
    assert mine, [str(p) for p in problems][:5]
    for problem in problems:
        assert len(str(problem)) <= MAX_MESSAGE + 100, len(str(problem))
        assert "x" * (MAX_QUOTE + 1) not in str(problem)
    assert any("xxx…" in p.message for p in mine), [str(p)[:300] for p in mine]


def test_a_huge_key_in_a_geojson_is_quoted_briefly(broken_package):
    pkg = broken_package()
    path = pkg / "data" / "wijkgrenzen.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["wijk_id"] = HUGE
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = [p for p in validate_package(pkg) if p.resource == "wijkgrenzen" and p.row == 1]
    assert problems and all(len(str(p)) < 400 and "…" in p.message for p in problems), problems


def test_quote_and_the_problem_itself_cap_their_length():
    assert quote("kort") == "'kort'"
    assert quote(HUGE) == "'" + "x" * MAX_QUOTE + "…'"
    problem = Problem("r" * 1000, said("m" * 100_000, "e" * 100_000), 3, "f" * 1000)
    assert len(problem.message) == MAX_MESSAGE and problem.message.endswith("…")
    assert len(problem.text("en")) == MAX_MESSAGE and problem.text("en").endswith("…")
    assert len(problem.resource) <= MAX_QUOTE + 1 and len(problem.field) <= MAX_QUOTE + 1


# --- 8. no database password in any message ------------------------------------------------------


@pytest.mark.parametrize("url", ["postgresql://user:geheim123@127.0.0.1:1/db",  # no driver, no server
                                 "postgresql://user:geheim123@127.0.0.1:poort/db"])  # not even a URL
def test_the_database_password_never_reaches_the_output(url, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("NLA_DATA", "NLA_DATABASE_URL")}
    result = subprocess.run([sys.executable, "-m", "nla_data", "export", str(tmp_path / "uit"), "--database", url],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "geheim123" not in result.stdout + result.stderr
    assert "- database: " in result.stderr and "***" in result.stderr, result.stderr


# --- the GeoJSON files are untrusted too ----------------------------------------------------------


def _geojson(change):
    def make(pkg: Path) -> None:
        path = pkg / "data" / "wijkgrenzen.geojson"
        data = json.loads(path.read_text(encoding="utf-8"))
        data = change(data) or data
        path.write_text(json.dumps(data) if not isinstance(data, bytes) else data.decode(), encoding="utf-8")
    return make


def _feature(number: int, **changes):
    def change(data):
        data["features"][number].update(changes)
    return change


GEOJSON = {
    "een JSON-lijst": (_geojson(lambda d: d["features"]), "geen GeoJSON FeatureCollection"),
    "een feature is tekst": (_geojson(lambda d: d["features"].append("feature")), "geen GeoJSON-feature"),
    "properties is een lijst": (_geojson(_feature(0, properties=["wijk_id"])), "geen GeoJSON-feature"),
    "sleutel is een getal": (_geojson(lambda d: d["features"][0]["properties"].update(wijk_id=7)), "moet tekst zijn"),
    "sleutel is een lijst": (_geojson(lambda d: d["features"][0]["properties"].update(wijk_id=["a"])),
                             "moet tekst zijn"),
    "geometrie is tekst": (_geojson(_feature(0, geometry="vierkant")), "geometrie is niet te lezen"),
    "crs zonder properties": (_geojson(lambda d: d.update(crs={"type": "name"})), None),
    "crs-naam is een lijst": (_geojson(lambda d: d.update(crs={"properties": {"name": ["EPSG:4326"]}})),
                              "wordt niet ondersteund"),
    "diep genest": (lambda pkg: (pkg / "data" / "wijkgrenzen.geojson").write_text("[" * 100_000 + "]" * 100_000),
                    "te diep genest"),
}


@pytest.mark.parametrize("case", list(GEOJSON))
def test_a_malformed_geojson_gives_problems_never_a_traceback(case, broken_package):
    make, phrase = GEOJSON[case]
    pkg = broken_package()
    make(pkg)
    problems = validate_package(pkg)
    assert not any(any(net in p.message for net in NET) for p in problems), problems
    if phrase is None:  # harmless: valid
        assert problems == []
    else:
        assert any(p.resource == "wijkgrenzen" and phrase in p.message for p in problems), problems
    assert all(p.text("en") != p.text("nl") for p in problems), [p.text("en") for p in problems]
