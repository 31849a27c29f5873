"""The entry store: versions, history, conflicts, idempotent saves, links, restore, concurrent writers.

Every test works on its own database, filled from the embedded package on first open: once on SQLite, once on
PostgreSQL (tests/databases.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import editing_by_name as editing
from domain.validation import EDITABLE
from nla_data.store import Conflict, EntryStore, Missing, Saved

ROOT = Path(__file__).resolve().parents[1]
ANNA, BRAM = "Anna de Vries", "Bram Bakker"
WIJKSTEMDAG = "korrewegwijk-wijkstemdag"  # an initiative in Korrewegwijk
MOESTUIN = "korrewegwijk-moestuin-indische-buurt"  # another one
NEED = "korrewegwijk-nodig-wijkstemdag"  # a need, linked to the wijkstemdag


@pytest.fixture
def store(package, database_url):
    opened = EntryStore.open(package, database_url)
    yield opened
    opened.engine.dispose()


def context(store: EntryStore, package, wijk_id: str = "korrewegwijk"):
    return editing.wijk_context(store.items(), package.buurten, wijk_id)


def form(item: dict, **changes) -> dict:
    """What the edit form sends: the entry as it is, with some fields changed."""
    return {**{k: item[k] for k in EDITABLE}, "links": item["koppelingen"], **changes}


def history_rows(store: EntryStore) -> int:
    return len(store.history_frame())


# --- create, update, versions --------------------------------------------------------------------


def test_create_then_edit_then_confirm_makes_versions(store, package):
    taken = set(store.items()["item_id"])
    created = editing.add_entry(store, context(store, package), "gebeurt",
                                {"titel": "Buurtmoestuin achter het MFC", "status": "idee", "aanpak": "faciliteren"},
                                ANNA, "req-1", taken)
    assert created == Saved("korrewegwijk-buurtmoestuin-achter-het-mfc", 1)
    item = store.item(created.item_id)
    assert (item["versie"], item["auteur"], item["bijgewerkt_door"], item["voorbeeld"]) == (1, ANNA, ANNA, False)
    assert item["aangemaakt_op"] == item["bijgewerkt_op"] and item["aangemaakt_op"].microsecond == 0

    edited = editing.edit_entry(store, context(store, package), created.item_id, 1,
                                form(item, beschrijving="Met de school op de hoek.", status="loopt"), BRAM, "req-2")
    assert edited == Saved(created.item_id, 2)
    item = store.item(created.item_id)
    assert (item["versie"], item["auteur"], item["bijgewerkt_door"]) == (2, ANNA, BRAM)
    assert (item["beschrijving"], item["status"]) == ("Met de school op de hoek.", "loopt")

    confirmed = editing.confirm(store, created.item_id, 2, ANNA, "req-3")
    assert confirmed == Saved(created.item_id, 3)
    item = store.item(created.item_id)
    assert item["bevestigd_door"] == ANNA and item["bevestigd_op"] is not None

    versions = store.history(created.item_id)
    assert [(v.version, v.action, v.by) for v in versions] == [
        (3, "bevestigd", ANNA), (2, "bewerkt", BRAM), (1, "aangemaakt", ANNA)]
    assert versions[-1].changes["titel"] == [None, "Buurtmoestuin achter het MFC"]
    assert versions[0].snapshot["status"] == "loopt" and versions[0].snapshot["bevestigd_door"] == ANNA


def test_history_diff_has_old_and_new_values_of_the_changed_fields_only(store, package):
    item = store.item(WIJKSTEMDAG)
    old = item["beschrijving"]
    saved = editing.edit_entry(store, context(store, package), WIJKSTEMDAG, item["versie"],
                               form(item, beschrijving="Nieuwe tekst", status="gepland"), ANNA, "req-diff")
    assert isinstance(saved, Saved)
    latest = store.history(WIJKSTEMDAG)[0]
    assert latest.changes == {"beschrijving": [old, "Nieuwe tekst"], "status": ["loopt", "gepland"]}
    assert (latest.by, latest.action, latest.version) == (ANNA, "bewerkt", item["versie"] + 1)


def test_seeded_entries_each_have_one_version(store, package):
    frame = store.history_frame()
    assert len(frame) == len(package.items) > 0
    assert set(frame["item_id"]) == set(package.items["item_id"])
    assert set(frame["actie"]) == {"aangemaakt"}


# --- conflicts and repeated submissions ------------------------------------------------------------


def test_second_editor_from_a_stale_version_gets_a_conflict_and_the_first_text_stays(store, package):
    item = store.item(WIJKSTEMDAG)
    base = item["versie"]  # both opened the form at this version
    first = editing.edit_entry(store, context(store, package), WIJKSTEMDAG, base,
                               form(item, beschrijving="De tekst van Anna"), ANNA, "req-anna")
    second = editing.edit_entry(store, context(store, package), WIJKSTEMDAG, base,
                                form(item, beschrijving="De tekst van Bram"), BRAM, "req-bram")
    assert first == Saved(WIJKSTEMDAG, base + 1)
    assert isinstance(second, Conflict)
    assert second.changed_by == ANNA and second.current["beschrijving"] == "De tekst van Anna"
    assert second.current["versie"] == base + 1
    now = store.item(WIJKSTEMDAG)
    assert (now["beschrijving"], now["versie"], now["bijgewerkt_door"]) == ("De tekst van Anna", base + 1, ANNA)
    assert len(store.history(WIJKSTEMDAG)) == base + 1
    assert "De tekst van Bram" not in store.history_frame()["momentopname"].str.cat()


def test_a_conflict_holds_their_version_and_the_one_the_caller_started_from(store):
    item = store.item(WIJKSTEMDAG)
    base = item["versie"]
    store.update(WIJKSTEMDAG, base, {"beschrijving": "De tekst van Anna"}, None, ANNA, "req-a")
    store.update(WIJKSTEMDAG, base + 1, {"thema": "Stemmen"}, None, ANNA, "req-b")
    late = store.update(WIJKSTEMDAG, base, {}, None, BRAM, "req-confirm", action="bevestigd")
    assert isinstance(late, Conflict) and late.current["versie"] == base + 2
    assert (late.current["beschrijving"], late.current["thema"]) == ("De tekst van Anna", "Stemmen")
    assert late.seen["versie"] == base  # not the one in between: what the caller saw
    assert {k: late.seen[k] for k in ("beschrijving", "thema", "bevestigd_op", "koppelingen")} == {
        "beschrijving": item["beschrijving"], "thema": item["thema"], "bevestigd_op": item["bevestigd_op"],
        "koppelingen": item["koppelingen"]}
    assert store.saved_request("req-confirm") is None and len(store.history(WIJKSTEMDAG)) == base + 2


def test_the_same_request_twice_is_saved_once(store, package):
    item = store.item(WIJKSTEMDAG)
    before = history_rows(store)
    raw = form(item, titel="Wijkstemdag 2014")
    first = editing.edit_entry(store, context(store, package), WIJKSTEMDAG, item["versie"], raw, ANNA, "req-twice")
    again = editing.edit_entry(store, context(store, package), WIJKSTEMDAG, item["versie"], raw, ANNA, "req-twice")
    assert first == Saved(WIJKSTEMDAG, item["versie"] + 1)
    assert again == Saved(WIJKSTEMDAG, item["versie"] + 1, repeated=True)
    assert history_rows(store) == before + 1
    assert store.item(WIJKSTEMDAG)["versie"] == item["versie"] + 1


def test_the_same_new_entry_submitted_twice_is_created_once(store, package):
    raw = {"titel": "Repair Café in de bibliotheek", "aanpak": "faciliteren"}
    first = editing.add_entry(store, context(store, package), "gebeurt", raw, ANNA, "req-new",
                              set(store.items()["item_id"]))
    # The rerun sees the first entry's id as taken and would pick '-2': the request id stops it.
    again = editing.add_entry(store, context(store, package), "gebeurt", raw, ANNA, "req-new",
                              set(store.items()["item_id"]))
    assert first == Saved("korrewegwijk-repair-cafe-in-de-bibliotheek", 1)
    assert again == Saved(first.item_id, 1, repeated=True)
    assert len(store.items()) == len(package.items) + 1
    assert (store.history_frame()["item_id"] == first.item_id).sum() == 1


def test_unknown_entries_are_missing(store, package):
    assert store.update("bestaat-niet", 1, {"titel": "Iets"}, None, ANNA) == Missing("bestaat-niet")
    assert editing.edit_entry(store, context(store, package), "bestaat-niet", 1, {"titel": "Iets"}, ANNA,
                              "req-m1") == Missing("bestaat-niet")
    assert editing.confirm(store, "bestaat-niet", 1, ANNA, "req-m2") == Missing("bestaat-niet")
    assert editing.restore(store, context(store, package), "bestaat-niet", 1, 1, ANNA, "req-m3") == Missing(
        "bestaat-niet")
    assert store.item("bestaat-niet") is None and store.history("bestaat-niet") == []
    assert history_rows(store) == len(package.items)


# --- links ---------------------------------------------------------------------------------------------


def links_of(store: EntryStore, item_id: str) -> list[tuple[str, str]]:
    rows = store.links()
    rows = rows[rows["van_item"] == item_id]
    return sorted(zip(rows["naar_item"], rows["relatie"]))


def test_links_are_replaced_on_update_and_kept_when_not_given(store, package):
    assert links_of(store, NEED) == [(WIJKSTEMDAG, "hoort-bij")]
    item = store.item(NEED)
    saved = editing.edit_entry(store, context(store, package), NEED, item["versie"], form(item, links=[MOESTUIN]),
                               ANNA, "req-link")
    assert isinstance(saved, Saved)
    assert links_of(store, NEED) == [(MOESTUIN, "hoort-bij")]
    assert store.history(NEED)[0].changes == {"koppelingen": [[WIJKSTEMDAG], [MOESTUIN]]}

    confirmed = editing.confirm(store, NEED, saved.version, BRAM, "req-link-confirm")  # links=None: kept
    assert isinstance(confirmed, Saved) and links_of(store, NEED) == [(MOESTUIN, "hoort-bij")]

    both = editing.edit_entry(store, context(store, package), NEED, confirmed.version,
                              form(store.item(NEED), links=[WIJKSTEMDAG, MOESTUIN]), ANNA, "req-link-both")
    assert isinstance(both, Saved)
    assert links_of(store, NEED) == [(MOESTUIN, "hoort-bij"), (WIJKSTEMDAG, "hoort-bij")]
    none = editing.edit_entry(store, context(store, package), NEED, both.version, form(store.item(NEED), links=[]),
                              ANNA, "req-link-none")
    assert isinstance(none, Saved) and links_of(store, NEED) == []
    assert len(store.links()) == len(package.koppelingen) - 1


# --- restore -----------------------------------------------------------------------------------------


def test_restore_makes_a_new_version_equal_to_the_old_snapshot(store, package):
    item = store.item(NEED)
    v1 = store.snapshot_of(NEED, item["versie"])
    edited = editing.edit_entry(store, context(store, package), NEED, item["versie"],
                                form(item, titel="Andere titel", beschrijving="Andere tekst", status="gestopt",
                                     bedrag="2.500", links=[MOESTUIN]), ANNA, "req-r1")
    confirmed = editing.confirm(store, NEED, edited.version, BRAM, "req-r2")
    restored = editing.restore(store, context(store, package), NEED, confirmed.version, item["versie"], ANNA,
                               "req-r3")
    assert restored == Saved(NEED, item["versie"] + 3)
    assert store.snapshot_of(NEED, restored.version) == v1
    latest = store.history(NEED)[0]
    assert (latest.action, latest.by) == ("hersteld", ANNA)
    assert latest.changes["titel"] == ["Andere titel", v1["titel"]]
    assert latest.changes["koppelingen"] == [[MOESTUIN], [WIJKSTEMDAG]]
    now = store.item(NEED)
    assert {k: now[k] for k in ("titel", "beschrijving", "status", "bedrag")} == {
        k: v1[k] for k in ("titel", "beschrijving", "status", "bedrag")}
    assert links_of(store, NEED) == [(WIJKSTEMDAG, "hoort-bij")]
    assert [v.version for v in store.history(NEED)] == [4, 3, 2, 1]  # nothing in the history was lost


# --- opening -------------------------------------------------------------------------------------------


def test_a_seed_that_loses_the_race_to_another_process_keeps_its_rows(package, new_database):
    store = EntryStore.open(package, new_database("race"))

    def seeded_at_the_same_moment(_package):  # the other process's rows landed first: our insert collides
        raise sa.exc.IntegrityError("INSERT INTO items", {}, Exception("UNIQUE constraint failed: items.item_id"))

    store._seed = seeded_at_the_same_moment
    assert store.seed_if_empty(package) is False
    assert len(store.items()) == len(package.items)
    store.engine.dispose()


def test_the_package_is_copied_in_once(package, new_database):
    url = new_database("twice")
    first = EntryStore.open(package, url)
    saved = first.update(WIJKSTEMDAG, 1, {"titel": "Wijkstemdag, nu jaarlijks"}, None, ANNA)
    second = EntryStore.open(package, url)
    assert (len(second.items()), len(second.links()), history_rows(second)) == (
        len(package.items), len(package.koppelingen), len(package.items) + 1)
    assert second.item(WIJKSTEMDAG)["versie"] == saved.version == 2
    assert second.seed_if_empty(package) is False
    first.engine.dispose()
    second.engine.dispose()


def test_opening_at_the_same_moment_fills_once_and_never_fails(package, new_database):
    """Two processes starting on a new database (app and command line): no crash, no duplicates."""
    for attempt in range(3):
        url = new_database(f"race-{attempt}")
        barrier, errors, opened = threading.Barrier(4), [], []

        def open_it(url=url, barrier=barrier, errors=errors, opened=opened):
            barrier.wait()
            try:
                opened.append(EntryStore.open(package, url))
            except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
                errors.append(f"{type(error).__name__}: {error}")

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert (len(opened[0].items()), len(opened[0].links()), history_rows(opened[0])) == (
            len(package.items), len(package.koppelingen), len(package.items))
        for each in opened:
            each.engine.dispose()


# --- concurrent writers ------------------------------------------------------------------------------


def test_two_threads_from_the_same_version_one_saves_one_conflicts(package, new_database):
    url = new_database("threads")
    stores = [EntryStore.open(package, url), EntryStore.open(package, url)]  # two connection pools
    for round_ in range(20):
        base = stores[0].item(WIJKSTEMDAG)["versie"]
        barrier, results = threading.Barrier(2), {}

        def write(who, store, base=base, barrier=barrier, results=results, round_=round_):
            barrier.wait()
            results[who] = store.update(WIJKSTEMDAG, base, {"beschrijving": f"{who} {round_}"}, None, who,
                                        f"{who}-{round_}")

        threads = [threading.Thread(target=write, args=(who, store)) for who, store in zip((ANNA, BRAM), stores)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        kinds = sorted(type(result).__name__ for result in results.values())
        assert kinds == ["Conflict", "Saved"], (round_, results)
        winner = next(who for who, result in results.items() if isinstance(result, Saved))
        item = stores[1].item(WIJKSTEMDAG)
        assert (item["versie"], item["beschrijving"]) == (base + 1, f"{winner} {round_}")
    assert len(stores[0].history(WIJKSTEMDAG)) == 21
    for store in stores:
        store.engine.dispose()


def test_saves_into_one_wijk_at_the_same_moment_through_two_servers_each_count_in_its_revision(package, new_database):
    """The wijk's revision row is one counter that every save raises in its own transaction: six writers at once
    (new entries and edits, two connection pools) lose no count, and the wijk's revision is its history rows."""
    url = new_database("counted")
    stores = [EntryStore.open(package, url), EntryStore.open(package, url)]
    wijk = stores[0].item(WIJKSTEMDAG)["wijk_id"]
    before, city = stores[0].revision(wijk), stores[0].revision()
    barrier, results = threading.Barrier(6), []

    def write(number: int, store: EntryStore) -> None:
        barrier.wait()
        for step in range(3):
            results.append(store.create(f"{wijk}-tegelijk-{number}-{step}", wijk,
                                        {"sectie": "gebeurt", "status": "idee", "titel": f"Tegelijk {number}"}, [],
                                        ANNA))

    threads = [threading.Thread(target=write, args=(n, stores[n % 2])) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(r).__name__ for r in results) == ["Saved"] * 18
    history = stores[1].history_t.c
    with stores[1].engine.connect() as db:
        rows = db.execute(sa.select(sa.func.count()).where(history.wijk_id == wijk)).scalar()
    assert stores[1].revision(wijk)[0] == before[0] + 18 == rows
    assert stores[1].revision()[0] == city[0] + 18
    for store in stores:
        store.engine.dispose()


def _lose_the_race_to(store: EntryStore, other_write) -> list:
    """Run `other_write` once, right before `store` sends its next UPDATE of an entry: as if another server
    saved between this save's read and its write (the read saw the old version, the write finds another)."""
    fired = []

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001 - SQLAlchemy's hook
        if not fired and statement.lstrip().upper().startswith("UPDATE ITEMS"):
            fired.append(statement)
            other_write()

    sa.event.listen(store.engine, "before_cursor_execute", before)
    return fired


def test_a_save_that_loses_the_race_after_its_read_is_a_conflict_with_what_it_started_from(package, new_database):
    url = new_database("lost")
    mine, theirs = EntryStore.open(package, url), EntryStore.open(package, url)
    item = mine.item(WIJKSTEMDAG)
    base = item["versie"]
    fired = _lose_the_race_to(mine, lambda: theirs.update(WIJKSTEMDAG, base, {"beschrijving": "Bram was eerder"},
                                                          None, BRAM, "bram-1"))
    late = mine.update(WIJKSTEMDAG, base, {"beschrijving": "Anna's tekst"}, None, ANNA, "anna-1")
    assert fired and isinstance(late, Conflict)
    assert (late.item_id, late.changed_by, late.current["versie"]) == (WIJKSTEMDAG, BRAM, base + 1)
    assert late.current["beschrijving"] == "Bram was eerder" and late.current["koppelingen"] == item["koppelingen"]
    assert late.seen["versie"] == base and late.seen["beschrijving"] == item["beschrijving"]
    assert mine.saved_request("anna-1") is None and mine.item(WIJKSTEMDAG)["beschrijving"] == "Bram was eerder"
    for store in (mine, theirs):
        store.engine.dispose()


def test_the_same_request_saved_by_a_twin_in_between_is_that_save(package, new_database):
    """A double click that reached two servers: the twin saved first; this one reports the twin's save."""
    url = new_database("twin")
    mine, twin = EntryStore.open(package, url), EntryStore.open(package, url)
    base = mine.item(WIJKSTEMDAG)["versie"]
    _lose_the_race_to(mine, lambda: twin.update(WIJKSTEMDAG, base, {"beschrijving": "Eén keer"}, None, ANNA, "req"))
    result = mine.update(WIJKSTEMDAG, base, {"beschrijving": "Eén keer"}, None, ANNA, "req")
    assert result == Saved(WIJKSTEMDAG, base + 1, repeated=True)
    assert len(mine.history(WIJKSTEMDAG)) == base + 1
    for store in (mine, twin):
        store.engine.dispose()


def test_an_entry_erased_between_the_read_and_the_write_is_missing(package, new_database):
    url = new_database("erased")
    mine, other = EntryStore.open(package, url), EntryStore.open(package, url)
    base = mine.item(WIJKSTEMDAG)["versie"]

    def erase():
        with other.engine.begin() as db:
            db.execute(other.links_t.delete().where((other.links_t.c.van_item == WIJKSTEMDAG)
                                                    | (other.links_t.c.naar_item == WIJKSTEMDAG)))
            db.execute(other.items_t.delete().where(other.items_t.c.item_id == WIJKSTEMDAG))

    _lose_the_race_to(mine, erase)
    assert mine.update(WIJKSTEMDAG, base, {"beschrijving": "Te laat"}, None, ANNA, "late") == Missing(WIJKSTEMDAG)
    for store in (mine, other):
        store.engine.dispose()


def test_a_new_entry_created_by_a_twin_in_between_is_that_save(package, new_database):
    """A double click on "Opslaan" of a new entry that reached two servers: the twin inserted it first."""
    url = new_database("twin-new")
    mine, twin = EntryStore.open(package, url), EntryStore.open(package, url)
    values, new_id = {"sectie": "gebeurt", "titel": "Tweeling", "status": "idee"}, "korrewegwijk-tweeling"
    fired = []

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001 - SQLAlchemy's hook
        if not fired and statement.lstrip().upper().startswith("INSERT INTO ITEMS"):
            fired.append(twin.create(new_id, "korrewegwijk", values, [], ANNA, "req-tweeling"))

    sa.event.listen(mine.engine, "before_cursor_execute", before)
    result = mine.create(new_id, "korrewegwijk", values, [], ANNA, "req-tweeling")
    assert fired == [Saved(new_id, 1)]
    assert result == Saved(new_id, 1, repeated=True)
    assert (mine.history_frame()["item_id"] == new_id).sum() == 1
    for store in (mine, twin):
        store.engine.dispose()


def _writes(store: EntryStore) -> list[str]:
    """The INSERT, UPDATE and DELETE statements `store` sends from now on."""
    sent: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001 - SQLAlchemy's hook
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            sent.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", before)
    return sent


def test_a_repeated_request_is_answered_from_the_history_without_trying_to_write(store):
    """A double click must not lean on the database refusing the second write: no write is even tried."""
    values = {"sectie": "gebeurt", "titel": "Eén keer", "status": "idee"}
    store.create("korrewegwijk-een-keer", "korrewegwijk", values, [], ANNA, "req-create")
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "Eén keer"}, None, ANNA, "req-update")
    sent = _writes(store)
    assert store.create("korrewegwijk-een-keer-2", "korrewegwijk", values, [], ANNA, "req-create").repeated
    assert store.update(WIJKSTEMDAG, 1, {"beschrijving": "Eén keer"}, None, ANNA, "req-update").repeated
    assert sent == []


def test_a_conflict_shows_the_version_seen_of_this_entry_not_of_another_with_the_same_number(store):
    ids = list(store.history_frame().sort_values(["item_id", "versie"])["item_id"])
    last = ids[-1]  # every entry has a version 1: the seen one must be this entry's
    item = store.item(last)
    assert store.update(last, item["versie"], {"beschrijving": "Nieuw"}, None, BRAM, "req-b") == Saved(
        last, item["versie"] + 1)
    late = store.update(last, item["versie"], {"beschrijving": "Ook nieuw"}, None, ANNA, "req-a")
    assert isinstance(late, Conflict)
    assert (late.seen["versie"], late.seen["titel"], late.seen["beschrijving"]) == (
        item["versie"], item["titel"], item["beschrijving"])


def test_recent_orders_by_moment_before_version_and_the_export_by_entry(store, monkeypatch):
    import datetime as dt

    from nla_data import store as store_module

    moments = iter(dt.datetime(2014, 3, 1, 12, 0, s) for s in range(10))  # one second apart
    monkeypatch.setattr(store_module, "now", lambda: next(moments))
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "Anna eerst"}, None, ANNA, "m1")
    store.update(WIJKSTEMDAG, 2, {"beschrijving": "Anna weer"}, None, ANNA, "m1b")  # version 3, earlier
    other = store.items().query("wijk_id == 'korrewegwijk' and item_id != @WIJKSTEMDAG")["item_id"].iloc[0]
    store.update(other, 1, {"beschrijving": "Bram daarna"}, None, BRAM, "m2")  # version 2, later
    assert [v.item_id for v in store.recent(limit=2)] == [other, WIJKSTEMDAG]
    frame = store.history_frame()
    assert list(frame["item_id"]) == sorted(frame["item_id"])


def test_a_conflict_says_when_they_saved(store):
    saved_at = store.update(WIJKSTEMDAG, 1, {"beschrijving": "Anna"}, None, ANNA, "c1")
    late = store.update(WIJKSTEMDAG, 1, {"beschrijving": "Bram"}, None, BRAM, "c2")
    assert isinstance(saved_at, Saved) and isinstance(late, Conflict)
    assert late.changed_at == store.item(WIJKSTEMDAG)["bijgewerkt_op"] and late.changed_at is not None


def test_recent_is_newest_first_with_a_limit_and_per_wijk(store):
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "eerst"}, None, ANNA, "r1")
    store.update(WIJKSTEMDAG, 2, {"beschrijving": "laatst"}, None, BRAM, "r3")
    newest = store.recent(limit=2)
    assert [(v.item_id, v.version, v.by, v.action) for v in newest] == [(WIJKSTEMDAG, 3, BRAM, "bewerkt"),
                                                                       (WIJKSTEMDAG, 2, ANNA, "bewerkt")]
    assert newest[0].snapshot["beschrijving"] == "laatst" and newest[0].changes["beschrijving"] == ["eerst", "laatst"]
    own = store.recent(limit=50, wijk_id="korrewegwijk")
    assert own[:2] == [v for v in store.recent(limit=50) if v.item_id.startswith("korrewegwijk")][:2]
    assert all(v.item_id.startswith("korrewegwijk") for v in own)
    assert store.recent(limit=50, wijk_id="geen-wijk") == []


WRITER = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import sqlalchemy as sa
from nla_data.schema import read_descriptor, resource_descriptor
from nla_data.store import EntryStore, make_engine
schema = resource_descriptor(read_descriptor(Path(sys.argv[1]) / "nla_data"), "items")["schema"]
store = EntryStore(make_engine(sys.argv[2]), schema)
who = sys.argv[3]
print("ready", flush=True)
for line in sys.stdin:
    round_, base = (int(x) for x in line.split())
    result = store.update(sys.argv[4], base, {"beschrijving": f"{who} {round_}"}, None, who, f"{who}-{round_}")
    print(type(result).__name__, flush=True)
"""


def test_two_processes_from_the_same_version_one_saves_one_conflicts(package, new_database):
    url = new_database("processes")
    store = EntryStore.open(package, url)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT), url, who, WIJKSTEMDAG], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for who in (ANNA, BRAM)]
    try:
        for writer in writers:
            assert writer.stdout.readline().strip() == "ready"
        for round_ in range(15):
            base = store.item(WIJKSTEMDAG)["versie"]
            for writer in writers:  # both get the same base version at (nearly) the same moment
                writer.stdin.write(f"{round_} {base}\n")
                writer.stdin.flush()
            kinds = sorted(writer.stdout.readline().strip() for writer in writers)
            assert kinds == ["Conflict", "Saved"], round_
            assert store.item(WIJKSTEMDAG)["versie"] == base + 1
    finally:
        for writer in writers:
            writer.stdin.close()
            writer.wait(timeout=30)
    assert [v.version for v in store.history(WIJKSTEMDAG)] == list(range(16, 0, -1))
    with store.engine.connect() as db:
        ids = db.execute(sa.select(store.history_t.c.request_id).where(
            store.history_t.c.item_id == WIJKSTEMDAG, store.history_t.c.request_id.is_not(None))).scalars().all()
    assert len(ids) == 15 and len({i.split("-")[-1] for i in ids}) == 15  # one save per round
    store.engine.dispose()


def test_a_conflict_reports_the_current_links_too(store, package):
    item = store.item(NEED)
    editing.edit_entry(store, context(store, package), NEED, item["versie"], form(item, links=[MOESTUIN]), ANNA, "a")
    late = editing.edit_entry(store, context(store, package), NEED, item["versie"], form(item, titel="Later"), BRAM,
                              "b")
    assert isinstance(late, Conflict) and late.current["koppelingen"] == [MOESTUIN]
    assert json.loads(json.dumps(late.current, default=str))["titel"] == item["titel"]


def test_bad_data_is_an_error_not_a_conflict(store):
    """The store trusts its input; if a required field comes in empty anyway, that is a loud error,
    not a 'someone else changed it' (conflict) or 'it is gone' (missing) message."""
    item = store.item(WIJKSTEMDAG)
    before = history_rows(store)
    with pytest.raises(sa.exc.IntegrityError):
        store.update(WIJKSTEMDAG, item["versie"], {"status": None}, None, ANNA, "req-bad-update")
    with pytest.raises(sa.exc.IntegrityError):
        store.create("korrewegwijk-zonder-status", "korrewegwijk", {"sectie": "gebeurt", "titel": "Zonder status"}, [],
                     ANNA, "req-bad-create")
    assert store.item(WIJKSTEMDAG) == item and store.item("korrewegwijk-zonder-status") is None
    assert history_rows(store) == before


def test_a_long_entry_id_and_its_form_request_id_are_saved(store):
    """PostgreSQL enforces a column's length where SQLite does not: the ids the forms make must fit on both."""
    item_id = "korrewegwijk-" + "a" * 60 + "-2"  # domain.editing.new_item_id: wijk, 60 characters of title, suffix
    request = f"edit-{item_id}:{'f' * 32}"  # ui.editing._request_id
    created = store.create(item_id, "korrewegwijk", {"sectie": "gebeurt", "titel": "Lang", "status": "idee"}, [],
                           ANNA, f"new-korrewegwijk-gebeurt:{'e' * 32}")
    edited = store.update(item_id, 1, {"titel": "Langer"}, None, ANNA, request)
    assert (created, edited) == (Saved(item_id, 1), Saved(item_id, 2))
    assert store.update(item_id, 1, {"titel": "Langer"}, None, ANNA, request) == Saved(item_id, 2, repeated=True)
    assert store.item(item_id)["titel"] == "Langer"


def test_a_nul_character_typed_in_a_form_is_stripped_before_it_reaches_the_database(store, package):
    """PostgreSQL refuses NUL in text (SQLite stores it): validation takes it out first, so a save never fails."""
    taken = set(store.items()["item_id"])
    created = editing.add_entry(store, context(store, package), "gebeurt",
                                {"titel": "Moes\x00tuin bij de school", "beschrijving": "Elke\x00 woensdag.",
                                 "status": "idee", "aanpak": "faciliteren"}, ANNA, "req-nul", taken)
    assert isinstance(created, Saved)
    item = store.item(created.item_id)
    assert (item["titel"], item["beschrijving"]) == ("Moestuin bij de school", "Elke woensdag.")


def test_a_database_from_before_a_column_gets_it_and_keeps_a_value_as_written(package, new_database):
    """An older database lacks a column the package's schema added since (here the phone number of a network
    entry): opening it adds the column, and a number written there reads back as typed, its leading zero too."""
    url = new_database("older")
    EntryStore.open(package, url).engine.dispose()
    engine = sa.create_engine(url)
    with engine.begin() as db:
        db.execute(sa.text("ALTER TABLE items DROP COLUMN contact_telefoon"))
    engine.dispose()
    store = EntryStore.open(package, url)
    try:
        assert "contact_telefoon" in {c["name"] for c in sa.inspect(store.engine).get_columns("items")}
        values = {"sectie": "netwerk", "titel": "Buurtkring", "status": "loopt", "contact_telefoon": "0501234567"}
        assert store.create("korrewegwijk-buurtkring", "korrewegwijk", values, [], ANNA) == Saved(
            "korrewegwijk-buurtkring", 1)
        assert store.item("korrewegwijk-buurtkring")["contact_telefoon"] == "0501234567"
        own = store.items("korrewegwijk").set_index("item_id")
        assert own.loc["korrewegwijk-buurtkring", "contact_telefoon"] == "0501234567"
    finally:
        store.engine.dispose()


def test_opening_a_database_that_is_no_file_makes_no_folder(package, backend, database_url, tmp_path, monkeypatch):
    """Only a SQLite file named as sqlite:///… gets its folder made: a PostgreSQL server, SQLite in memory or a
    file named with its driver leave the working directory as it was (no folder named after the URL)."""
    here = tmp_path / "werkmap"
    here.mkdir()
    monkeypatch.chdir(here)
    urls = [database_url] if backend == "postgresql" else [
        "sqlite://", "sqlite:///:memory:", f"sqlite+pysqlite:///{tmp_path / 'met-driver.sqlite'}"]
    for url in urls:
        store = EntryStore.open(package, url)
        assert len(store.items()) == len(package.items)
        store.engine.dispose()
    assert list(here.iterdir()) == []


def test_versions_saved_at_the_same_moment_are_recent_newest_version_first(package, new_database):
    """An imported history may hold two versions of an entry at the same moment, the later listed first: Recent
    shows the later version first all the same."""
    import dataclasses
    import datetime as dt

    import pandas as pd

    moment = "2013-10-01 11:00"
    known = pd.DataFrame({
        "item_id": [WIJKSTEMDAG] * 3, "versie": [3, 2, 1],
        "tijdstip": pd.to_datetime([moment, moment, "2013-09-01 10:00"]), "door": ["Bram", "Anna", "Anna"],
        "actie": ["bewerkt", "bewerkt", "aangemaakt"],
        "wijzigingen": ['{"titel": ["B", "C"]}', '{"titel": ["A", "B"]}', '{"titel": [null, "A"]}'],
        "momentopname": ['{"titel": "C"}', '{"titel": "B"}', '{"titel": "A"}']})
    store = EntryStore.open(dataclasses.replace(package, geschiedenis=known), new_database("same-moment"))
    try:
        for wijk_id in (None, "korrewegwijk"):
            ours = [v for v in store.recent(limit=len(package.items) + 3, wijk_id=wijk_id) if v.item_id == WIJKSTEMDAG]
            assert [(v.version, v.by, v.at) for v in ours] == [(3, "Bram", dt.datetime(2013, 10, 1, 11)),
                                                               (2, "Anna", dt.datetime(2013, 10, 1, 11)),
                                                               (1, "Anna", dt.datetime(2013, 9, 1, 10))]
    finally:
        store.engine.dispose()
