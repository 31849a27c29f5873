"""The budget decisions and the kansen en bedreigingen in the package export (nla_data.records): written
from the database with their histories, without who recorded them in a public export, taken over by a
fresh database opened on the export, and refused with resource, row and field when a file is broken."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from app import decisions as app_decisions
from app import outlook as app_outlook
from domain.permissions import Actor
from nla_data import EMBEDDED_DIR, load_package, records
from nla_data.database import open_database
from nla_data.decisions import DecisionStore
from nla_data.export import export_package
from nla_data.outlook import OutlookStore
from nla_data.personal import ERASED, HIDDEN, PersonQuery, erase_person, find_person
from nla_data.store import Saved
from nla_data.validate import validate_package

ROOT = Path(__file__).resolve().parents[1]
WIJK = "korrewegwijk"
NEED = "korrewegwijk-nodig-wijkstemdag"
FATIMA = Actor("fatima", "Fatima de Vries", "frontlijnwerker", frozenset({WIJK}))
RECORDS = ["besluiten", "besluiten_geschiedenis", "kansen", "kansen_geschiedenis"]
CRITERIA = {"bewoners-actief": "ja", "draagvlak": "ja", "past-in-wijkperspectief": "ja", "geen-regulier-beleid": "nee"}


def record_some(store, package) -> dict:
    """One grant, one refusal, a kans and a bedreiging, the kans revised once: every kind of row."""
    decisions, outlook = DecisionStore(store.engine), OutlookStore(store.engine)
    today = dt.date(2014, 6, 1)
    saved = {}
    for outcome, amount, why in (("toegekend", "3.500", 'Bewoners "doen" het zelf, met komma\'s'),
                                 ("afgewezen", "0", "=Regulier beleid van de gemeente")):
        result = app_decisions.record(decisions, package.wijken, store.items(), package.facts.criteria, WIJK, {
            "item_id": NEED, "uitkomst": outcome, "bedrag": amount, "datum": dt.date(2014, 3, 12),
            "besloten_door": "Wijkteam Korrewegwijk", "motivering": why, "criteria": CRITERIA,
            "boven_budget": False}, FATIMA, f"req-{outcome}")
        assert isinstance(result, Saved), result
        saved[outcome] = result
    for kind, text in (("kans", "Leegstaande school als buurthuis"), ("bedreiging", "Winkelcentrum loopt leeg")):
        result = app_outlook.record(outlook, package.facts.outlook, WIJK, {"soort": kind, "tekst": text,
                                                                           "datum": dt.date(2014, 5, 1)},
                                    FATIMA, f"req-{kind}", today)
        assert isinstance(result, Saved), result
        saved[kind] = result
    revised = app_outlook.revise(outlook, package.facts.outlook, saved["kans"].item_id, 1,
                                 {"soort": "kans", "tekst": "Leegstaande school wordt buurthuis",
                                  "datum": dt.date(2014, 5, 1)}, FATIMA, "req-revise", today)
    assert isinstance(revised, Saved), revised
    return saved


def rows(package_dir: Path, name: str) -> list[dict]:
    with open(package_dir / "data" / f"{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, package):
    tmp = tmp_path_factory.mktemp("records")
    first = open_database(package, f"sqlite:///{tmp / 'first.sqlite'}")
    saved = record_some(first, package)
    full, public = tmp / "full", tmp / "public"
    assert export_package(EMBEDDED_DIR, full, first, include_personal=True) == []
    assert export_package(EMBEDDED_DIR, public, first) == []
    yield {"tmp": tmp, "first": first, "full": full, "public": public, "saved": saved}
    first.engine.dispose()


def test_the_embedded_package_declares_the_records_empty():
    descriptor = json.loads((EMBEDDED_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert records.declared(descriptor) == RECORDS
    for name in RECORDS:  # no invented decisions or kansen: only the header
        assert len((EMBEDDED_DIR / "data" / f"{name}.csv").read_text(encoding="utf-8").splitlines()) == 1, name


def test_the_export_holds_every_decision_and_line_with_its_history(exported):
    full = exported["full"]
    decided = {row["uitkomst"]: row for row in rows(full, "besluiten")}
    assert set(decided) == {"toegekend", "afgewezen"}
    granted = decided["toegekend"]
    assert (granted["bedrag"], granted["datum"], granted["boven_budget"]) == ("3500", "2014-03-12", "false")
    assert granted["motivering"] == 'Bewoners "doen" het zelf, met komma\'s'
    assert json.loads(granted["criteria"]) == {"bewoners-actief": True, "draagvlak": True,
                                               "past-in-wijkperspectief": True, "geen-regulier-beleid": False}
    assert decided["afgewezen"]["motivering"] == "'=Regulier beleid van de gemeente"  # not a formula
    assert granted["vastgelegd_door"] == "Fatima de Vries"
    assert len(rows(full, "besluiten_geschiedenis")) == 2
    lines = {row["soort"]: row for row in rows(full, "kansen")}
    assert lines["kans"]["tekst"] == "Leegstaande school wordt buurthuis" and lines["kans"]["versie"] == "2"
    assert lines["bedreiging"]["status"] == "open"
    history = [row for row in rows(full, "kansen_geschiedenis") if row["kans_id"] == lines["kans"]["kans_id"]]
    assert [row["versie"] for row in history] == ["1", "2"]
    assert json.loads(history[1]["wijzigingen"])["tekst"] == ["Leegstaande school als buurthuis",
                                                             "Leegstaande school wordt buurthuis"]
    assert "request_id" not in rows(full, "kansen_geschiedenis")[0]  # a form's id is not data


def test_a_public_export_hides_who_recorded_them_but_not_who_decided(exported):
    public = exported["public"]
    for name, field in (("besluiten", "vastgelegd_door"), ("kansen", "vastgelegd_door"),
                        ("besluiten_geschiedenis", "door"), ("kansen_geschiedenis", "door")):
        assert {row[field] for row in rows(public, name)} == {HIDDEN}, name
        assert "Fatima" not in (public / "data" / f"{name}.csv").read_text(encoding="utf-8"), name
    assert {row["besloten_door"] for row in rows(public, "besluiten")} == {"Wijkteam Korrewegwijk"}


def test_a_fresh_database_on_the_export_has_the_same_decisions_and_outlook(exported):
    loaded = load_package(exported["full"])
    assert loaded.ok, [str(p) for p in loaded.problems]
    second = open_database(loaded.package, f"sqlite:///{exported['tmp'] / 'second.sqlite'}")
    first = exported["first"]
    try:
        for store_of, key in ((DecisionStore, "besluit_id"), (OutlookStore, "kans_id")):
            before = store_of(first.engine).frame().sort_values(key).reset_index(drop=True)
            after = store_of(second.engine).frame().sort_values(key).reset_index(drop=True)
            pd.testing.assert_frame_equal(before, after)
        kans = exported["saved"]["kans"].item_id
        assert [(v.version, v.action) for v in OutlookStore(second.engine).history(kans)] == [
            (v.version, v.action) for v in OutlookStore(first.engine).history(kans)]
        # Opening again copies nothing twice.
        assert records.seed_if_empty(second.engine, loaded.package.path) == []
        assert len(DecisionStore(second.engine).frame()) == 2
        # And exporting that database gives the same files, byte for byte.
        again = exported["tmp"] / "again"
        assert export_package(exported["full"], again, second, include_personal=True) == []
        for name in RECORDS:
            assert (again / "data" / f"{name}.csv").read_bytes() == (exported["full"] / "data" / f"{name}.csv"
                                                                      ).read_bytes(), name
    finally:
        second.engine.dispose()


def test_a_database_that_has_decisions_takes_none_from_the_package(exported, package):
    """The package is a starting point: once the database has its own decisions, they are the truth."""
    loaded = load_package(exported["full"])
    url = f"sqlite:///{exported['tmp'] / 'own.sqlite'}"
    own = open_database(package, url)  # the embedded package: no decisions to take over
    try:
        record_some(own, package)
        assert records.seed_if_empty(own.engine, loaded.package.path) == []
        assert len(DecisionStore(own.engine).frame()) == 2 and len(OutlookStore(own.engine).frame()) == 2
    finally:
        own.engine.dispose()


def test_the_command_line_says_how_many_it_exported(exported, tmp_path):
    loaded = load_package(exported["full"])
    database = tmp_path / "cli.sqlite"
    open_database(loaded.package, f"sqlite:///{database}").engine.dispose()
    done = subprocess.run([sys.executable, "-m", "nla_data", "export", str(tmp_path / "out"), "--from",
                           str(exported["full"]), "--database", f"sqlite:///{database}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "met 2 besluiten en 2 kansen en bedreigingen, elk met de geschiedenis" in done.stdout


def test_a_package_without_the_records_still_exports_without_them(tmp_path, package, broken_package):
    source = broken_package()
    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in RECORDS]
    (source / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    for name in RECORDS:
        (source / "data" / f"{name}.csv").unlink()
    assert validate_package(source) == []
    store = open_database(load_package(source).package, f"sqlite:///{tmp_path / 'old.sqlite'}")
    try:
        record_some(store, package)
        assert export_package(source, tmp_path / "out", store) == []
        assert not any((tmp_path / "out" / "data" / f"{name}.csv").exists() for name in RECORDS)
    finally:
        store.engine.dispose()


@pytest.mark.parametrize(("name", "field", "value", "says"), [
    ("besluiten", "wijk_id", "atlantis", "atlantis"),
    ("besluiten", "uitkomst", "misschien", "misschien"),
    ("besluiten", "bedrag", "-5", "bedrag"),
    ("kansen", "soort", "zorg", "zorg"),
    ("kansen_geschiedenis", "tijdstip", "gisteren", "tijdstip"),
])
def test_a_broken_record_file_is_named_with_row_and_field(exported, tmp_path, name, field, value, says):
    broken = tmp_path / "broken"
    shutil.copytree(exported["full"], broken)
    table = rows(broken, name)
    table[0][field] = value
    with open(broken / "data" / f"{name}.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    problems = [str(p) for p in validate_package(broken)]
    assert any(name in p and says in p and ("rij 2" in p or "regel 2" in p) for p in problems), problems
    assert not load_package(broken).ok  # nothing is read, so nothing is copied into a database


def test_who_recorded_decisions_and_kansen_is_found_and_erased_but_who_decided_stays(package, tmp_path):
    store = open_database(package, f"sqlite:///{tmp_path / 'avg.sqlite'}")
    try:
        record_some(store, package)
        fatima = PersonQuery(name="fatima de vries")
        found = find_person(store, fatima)
        # 2 decisions + their 2 versions, 2 lines + their 3 versions
        assert sorted(r["bron"] for r in found.vastgelegd) == sorted(
            ["besluiten"] * 2 + ["besluiten_geschiedenis"] * 2 + ["kansen"] * 2 + ["kansen_geschiedenis"] * 3)
        assert not found.empty and "Leegstaande school wordt buurthuis" in found.as_json()

        erasure = erase_person(store, fatima, "beheer", tmp_path / "audit.jsonl")
        assert erasure.history_rows_changed >= 9
        assert find_person(store, fatima).vastgelegd == []
        decisions, outlook = DecisionStore(store.engine).frame(), OutlookStore(store.engine).frame()
        assert set(decisions["vastgelegd_door"]) == set(outlook["vastgelegd_door"]) == {ERASED}
        assert set(decisions["besloten_door"]) == {"Wijkteam Korrewegwijk"}  # the public decision keeps its maker
        kans = outlook.loc[outlook["soort"] == "kans", "kans_id"].iloc[0]
        assert {v.by for v in OutlookStore(store.engine).history(kans)} == {ERASED}
    finally:
        store.engine.dispose()
