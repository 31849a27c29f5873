"""Export: the live state (entries and their whole history) back out as a standard data package.

Round trip: change entries in a database opened on the embedded package, export, validate, open a
second database on the export and find the same entries, links and history; exporting that one
gives the same CSVs byte for byte.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests import editing_by_name as editing
from domain.validation import EDITABLE
from nla_data import EMBEDDED_DIR, load_package
from nla_data.__main__ import main
from nla_data.export import export_package, row_counts
from nla_data.store import EntryStore, Saved

ROOT = Path(__file__).resolve().parents[1]
FROM_STORE = ["items", "koppelingen", "geschiedenis"]
ANNA, BRAM = "Anna de Vries", "Bram Bakker"
TRICKY = ('Eerste regel, met komma\'s en "aanhalingstekens"\nTweede regel; € 12 — café, Ĳssel\r'
          "na een losse carriage return\n\n=SUM(A1) <b>vet</b> NA")


def open_store(package, path: Path) -> EntryStore:
    return EntryStore.open(package, f"sqlite:///{path}")


def form(item: dict) -> dict:
    """What the edit form would send for an entry as it is now."""
    return {**{k: item[k] for k in EDITABLE}, "links": item["koppelingen"]}


def context(store: EntryStore, package, wijk_id: str):
    return editing.wijk_context(store.items(), package.buurten, wijk_id)


def make_changes(store: EntryStore, package) -> None:
    """Every kind of save: create (with links), edit, confirm, close, reopen, restore."""
    taken = set(store.items()["item_id"])
    ctx = context(store, package, "beijum")
    initiative = next(i for i, (section, _) in ctx.entries.items() if section == "gebeurt")
    need = editing.add_entry(store, ctx, "nodig", {
        "titel": 'Buurtkas "Samen" voor <script>alert(1)</script>', "beschrijving": TRICKY, "status": "gepland",
        "soort_hulp": "geld", "bedrag": "€ 1.500,-", "startdatum": "18-09-2013", "straat": "NA",
        "links": [initiative]}, ANNA, "req-create-need", taken)
    assert isinstance(need, Saved), need
    ctx = context(store, package, "beijum")
    network = editing.add_entry(store, ctx, "netwerk", {"titel": "NULL", "rol": "Buurtvader, ook 's avonds",
                                                         "links": [initiative]}, BRAM, "req-create-net", taken)
    assert isinstance(network, Saved), network

    item_id = "korrewegwijk-wijkstemdag"
    item = store.item(item_id)
    ctx = context(store, package, "korrewegwijk")
    edited = editing.edit_entry(store, ctx, item_id, item["versie"], {**form(item), "beschrijving": TRICKY,
                                                                      "status": "gepland"}, ANNA, "req-edit")
    assert isinstance(edited, Saved), edited
    confirmed = editing.confirm(store, item_id, edited.version, BRAM, "req-confirm")
    closed = editing.close(store, item_id, confirmed.version, "afgerond", ANNA, "req-close")
    reopened = editing.reopen(store, item_id, closed.version, BRAM, "req-reopen")
    restored = editing.restore(store, context(store, package, "korrewegwijk"), item_id, reopened.version, 1, ANNA,
                               "req-restore")
    assert isinstance(restored, Saved) and restored.version == item["versie"] + 5, restored
    # A need linked to another initiative: the old link row goes, the new one comes.
    ctx = context(store, package, "beijum")
    other = next(i for i, (section, _) in ctx.entries.items() if section == "gebeurt" and i != initiative)
    need_item = store.item(need.item_id)
    relinked = editing.edit_entry(store, ctx, need.item_id, need_item["versie"], {**form(need_item), "links": [other]},
                                  BRAM, "req-relink")
    assert isinstance(relinked, Saved), relinked


def sorted_frame(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def assert_same_state(first: EntryStore, second: EntryStore) -> None:
    pd.testing.assert_frame_equal(sorted_frame(first.items(), ["item_id"]), sorted_frame(second.items(), ["item_id"]))
    pd.testing.assert_frame_equal(sorted_frame(first.links(), ["van_item", "naar_item"]),
                                  sorted_frame(second.links(), ["van_item", "naar_item"]))
    pd.testing.assert_frame_equal(sorted_frame(first.history_frame(), ["item_id", "versie"]),
                                  sorted_frame(second.history_frame(), ["item_id", "versie"]))


def csv_bytes(package_dir: Path) -> dict[str, bytes]:
    return {name: (package_dir / "data" / f"{name}.csv").read_bytes() for name in FROM_STORE}


# --- the round trip --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, package):
    """One database with changes, its export, and a second database opened on that export."""
    tmp = tmp_path_factory.mktemp("export")
    first = open_store(package, tmp / "first.sqlite")
    make_changes(first, package)
    out = tmp / "out"
    problems = export_package(EMBEDDED_DIR, out, first, include_personal=True)
    assert problems == [], [str(p) for p in problems]
    loaded = load_package(out)
    assert loaded.ok, [str(p) for p in loaded.problems]
    second = open_store(loaded.package, tmp / "second.sqlite")
    yield {"tmp": tmp, "first": first, "out": out, "loaded": loaded, "second": second}
    first.engine.dispose()
    second.engine.dispose()


def test_export_is_a_valid_package_for_the_command_line(round_trip):
    done = subprocess.run([sys.executable, "-m", "nla_data", "validate", str(round_trip["out"])], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK:")


def test_export_holds_the_live_state_and_every_version(round_trip, package):
    first, pkg = round_trip["first"], round_trip["loaded"].package
    assert len(pkg.items) == len(first.items()) == len(package.items) + 2
    assert len(pkg.koppelingen) == len(first.links()) == len(package.koppelingen) + 2
    # one first version per entry of the package, 2 new entries, 5 saves of the wijkstemdag, 1 relink
    assert len(pkg.geschiedenis) == len(first.history_frame()) == len(package.items) + 2 + 5 + 1
    assert sorted(pkg.geschiedenis.loc[pkg.geschiedenis["item_id"] == "korrewegwijk-wijkstemdag", "actie"]) == sorted(
        ["aangemaakt", "bewerkt", "bevestigd", "gesloten", "heropend", "hersteld"])
    need = pkg.items[pkg.items["titel"].str.startswith("Buurtkas")].iloc[0]
    assert need["beschrijving"] == TRICKY and need["bedrag"] == 1500 and str(need["startdatum"]) == "2013-09-18"
    assert need["straat"] == "NA"
    assert pkg.items.loc[pkg.items["titel"] == "NULL", "rol"].iloc[0] == "Buurtvader, ook 's avonds"


def test_a_database_opened_on_the_export_has_the_same_items_links_and_history(round_trip):
    assert_same_state(round_trip["first"], round_trip["second"])


def test_exporting_the_second_database_gives_the_same_csvs_byte_for_byte(round_trip):
    again = round_trip["tmp"] / "again"
    problems = export_package(round_trip["out"], again, round_trip["second"], include_personal=True)
    assert problems == [], [str(p) for p in problems]
    assert csv_bytes(again) == csv_bytes(round_trip["out"])


def test_export_copies_the_other_resources_and_updates_version_and_date(round_trip):
    out = round_trip["out"]
    source = json.loads((EMBEDDED_DIR / "datapackage.json").read_text(encoding="utf-8"))
    exported = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    others = [r["path"] for r in source["resources"] if r["name"] not in FROM_STORE]
    assert len(others) >= 6
    for path in others:
        assert (out / path).read_bytes() == (EMBEDDED_DIR / path).read_bytes(), path
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
        ["datapackage.json", *others, *(f"data/{name}.csv" for name in FROM_STORE)])
    major, minor, patch = (int(part) for part in source["version"].split("."))
    assert exported["version"] == f"{major}.{minor}.{patch + 1}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", exported["created"])
    assert exported["created"] > source["created"]
    assert {k: v for k, v in exported.items() if k not in ("version", "created")} == {
        k: v for k, v in source.items() if k not in ("version", "created")}
    assert not any(p.name.startswith(".") for p in out.parent.iterdir()), "a temporary folder was left behind"


def test_csv_format_is_the_package_format(round_trip):
    """UTF-8, comma, header in schema order, true/false, ISO dates and datetimes to the second, \n line ends."""
    out, pkg = round_trip["out"], round_trip["loaded"].package
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    patterns = {"boolean": r"true|false", "integer": r"-?\d+", "date": r"\d{4}-\d\d-\d\d",
                "datetime": r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"}
    for name in FROM_STORE:
        raw = (out / "data" / f"{name}.csv").read_bytes()
        assert b"\r\n" not in raw and raw.endswith(b"\n")
        fields = next(r for r in descriptor["resources"] if r["name"] == name)["schema"]["fields"]
        with open(out / "data" / f"{name}.csv", encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        assert rows[0] == [f["name"] for f in fields]
        assert len(rows) - 1 == len(getattr(pkg, name))
        for row in rows[1:]:
            assert len(row) == len(fields)
            for cell, field in zip(row, fields):
                pattern = patterns.get(field.get("type"))
                assert cell == "" or pattern is None or re.fullmatch(pattern, cell), (name, field["name"], cell)


def test_an_unchanged_database_exports_the_embedded_items_and_links_byte_for_byte(package, tmp_path):
    store = open_store(package, tmp_path / "fresh.sqlite")
    assert export_package(EMBEDDED_DIR, tmp_path / "out", store, include_personal=True) == []
    for name in ("items", "koppelingen"):
        assert (tmp_path / "out" / "data" / f"{name}.csv").read_bytes() == (
            EMBEDDED_DIR / "data" / f"{name}.csv").read_bytes(), name
    store.engine.dispose()


# --- where it may write -----------------------------------------------------------------------------


def test_refuses_a_non_empty_folder_unless_forced(package, tmp_path):
    store = open_store(package, tmp_path / "db.sqlite")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    problems = export_package(EMBEDDED_DIR, out, store)
    assert len(problems) == 1 and "niet leeg" in problems[0].message and "--force" in problems[0].message
    assert problems[0].text("en") == "the folder is not empty; choose an empty or new folder, or replace it with --force"
    assert [p.name for p in out.iterdir()] == ["notes.txt"]

    assert export_package(EMBEDDED_DIR, out, store, force=True) == []
    assert not (out / "notes.txt").exists() and (out / "datapackage.json").is_file()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "the old or temporary folder remains"
    store.engine.dispose()


def test_an_empty_folder_is_fine(package, tmp_path):
    store = open_store(package, tmp_path / "db.sqlite")
    (tmp_path / "out").mkdir()
    assert export_package(EMBEDDED_DIR, tmp_path / "out", store) == []
    assert (tmp_path / "out" / "data" / "items.csv").is_file()
    store.engine.dispose()


def test_never_over_the_source_package_or_the_database(package, tmp_path):
    (tmp_path / "out").mkdir()
    store = open_store(package, tmp_path / "out" / "db.sqlite")
    source, database = EMBEDDED_DIR.resolve(), (tmp_path / "out" / "db.sqlite").resolve()
    for target, dutch, english in (
            (EMBEDDED_DIR, f"het bronpakket {source}", f"this is (a folder above) the source package {source}"),
            (EMBEDDED_DIR.parent, f"het bronpakket {source}", f"this is (a folder above) the source package {source}"),
            (tmp_path / "out", f"de database {database} staat in deze map",
             f"the database {database} is in this folder; export to another folder"),
            (tmp_path, f"de database {database} staat in deze map",
             f"the database {database} is in this folder; export to another folder")):
        [problem] = export_package(EMBEDDED_DIR, target, store, force=True)
        assert dutch in problem.message and english in problem.text("en"), (target, problem.text("en"))
    assert (tmp_path / "out" / "db.sqlite").is_file()
    store.engine.dispose()


def test_an_invalid_result_leaves_the_folder_as_it_was(package, tmp_path):
    store = open_store(package, tmp_path / "db.sqlite")
    # The store trusts its input (validation is one layer up): an over-long title gets in directly.
    item = store.item("korrewegwijk-wijkstemdag")
    assert isinstance(store.update(item["item_id"], item["versie"], {"titel": "x" * 200}, None, ANNA), Saved)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    problems = export_package(EMBEDDED_DIR, out, store, force=True)
    assert problems and all(p.resource == "items" for p in problems) and problems[0].field == "titel"
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    store.engine.dispose()


# --- the command ------------------------------------------------------------------------------------


def test_command_line_with_environment_variables(tmp_path, package):
    out = tmp_path / "out"
    embedded_db = (EMBEDDED_DIR / "wijkperspectief.sqlite").exists()
    env = {**os.environ, "NLA_DATA": str(EMBEDDED_DIR), "NLA_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    done = subprocess.run([sys.executable, "-m", "nla_data", "export", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # by default without personal data: the example person entries, their links and history stay out
    persons = set(package.items.loc[package.items["soort"] == "persoon", "item_id"])
    items = len(package.items) - len(persons)
    links = int((~package.koppelingen["van_item"].isin(persons) & ~package.koppelingen["naar_item"].isin(persons)).sum())
    assert persons and done.stdout.strip().splitlines() == [
        f"OK: {items} items, {links} koppelingen en {items} geschiedenisregels geëxporteerd naar {out}"]
    assert (tmp_path / "db.sqlite").is_file(), "the store opens (and fills) the database named in the environment"
    assert (EMBEDDED_DIR / "wijkperspectief.sqlite").exists() == embedded_db, "no database next to the package"


def test_command_line_options_and_summary(package, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NLA_DATABASE_URL", raising=False)
    monkeypatch.setenv("NLA_DATA", str(tmp_path / "does-not-exist"))
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = open_store(package, tmp_path / "db.sqlite")
    make_changes(store, package)
    store.engine.dispose()
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    assert main(["export", str(out), "--from", str(EMBEDDED_DIR), "--database", url]) == 1
    assert "niet leeg" in capsys.readouterr().err
    assert main(["export", str(out), "--from", str(EMBEDDED_DIR), "--database", url, "--force",
                 "--include-personal"]) == 0
    line = capsys.readouterr().out.strip()
    items, links, history = len(package.items) + 2, len(package.koppelingen) + 2, len(package.items) + 8
    assert line == (f"OK: {items} items, {links} koppelingen en {history} geschiedenisregels geëxporteerd naar "
                    f"{out.resolve()}")
    assert row_counts(out) == {"items": items, "koppelingen": links, "geschiedenis": history, "besluiten": 0,
                               "besluiten_geschiedenis": 0, "kansen": 0, "kansen_geschiedenis": 0}
    # A source that is not a valid package: its problems, exit 1.
    assert main(["export", str(tmp_path / "other"), "--database", url]) == 1
    assert "datapackage.json" in capsys.readouterr().err


# --- text that a spreadsheet would run as a formula ------------------------------------------------


FORMULAS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def test_formula_like_text_is_neutralised_in_the_files_and_reads_back_as_typed(package, tmp_path):
    """The package's CSVs get the spreadsheet apostrophe before a text that starts with `=`, `+`, `-`,
    `@`, tab or carriage return (a data manager opens them in a spreadsheet); the package's reader takes
    it off, so the app sees the value as typed, and a 120-character title still validates (the schema
    leaves room for the apostrophe)."""
    store = open_store(package, tmp_path / "formulas.sqlite")
    ids = sorted(store.items()["item_id"])[:len(FORMULAS) + 1]
    longest = "=" + "x" * 119  # the app's maximum; in the file one longer
    items, history = store.items_t, store.history_t
    with store.engine.begin() as db:  # past the forms, as another tool or an old version could have written
        db.execute(items.update().where(items.c.item_id == ids[-1]).values(titel=longest))
        for item_id, cell in zip(ids, FORMULAS):
            db.execute(items.update().where(items.c.item_id == item_id).values(
                titel=f"{cell} in de wijk", beschrijving=cell, thema=cell, bijgewerkt_door=cell))
            db.execute(history.update().where(history.c.item_id == item_id).values(door=cell))
    problems = export_package(EMBEDDED_DIR, tmp_path / "out", store, include_personal=True)
    assert problems == [], [str(p) for p in problems]  # the schema still validates

    with open(tmp_path / "out" / "data" / "items.csv", encoding="utf-8", newline="") as file:
        written = {row["item_id"]: row for row in csv.DictReader(file)}
    with open(tmp_path / "out" / "data" / "geschiedenis.csv", encoding="utf-8", newline="") as file:
        doors = {row["item_id"]: row["door"] for row in csv.DictReader(file)}
    loaded = load_package(tmp_path / "out")
    assert loaded.ok, [str(p) for p in loaded.problems]
    read = loaded.package.items.set_index("item_id")
    for item_id, cell in zip(ids, FORMULAS):
        row = written[item_id]
        assert (row["titel"], row["beschrijving"], row["thema"], row["bijgewerkt_door"], doors[item_id]) == (
            f"'{cell} in de wijk", f"'{cell}", f"'{cell}", f"'{cell}", f"'{cell}")
        assert (read.loc[item_id, "titel"], read.loc[item_id, "beschrijving"]) == (f"{cell} in de wijk", cell)
    assert written[ids[-1]]["titel"] == "'" + longest and read.loc[ids[-1], "titel"] == longest
    store.engine.dispose()
