"""The store's rules at their edges: what a read returns and in which types, what a write records, which
ids match, what the database connection is set to (each test one rule, on its own SQLite file)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from nla_data import store as store_module
from nla_data.store import EntryStore, Saved

ANNA, BRAM = "Anna de Vries", "Bram Bakker"
WIJKSTEMDAG = "korrewegwijk-wijkstemdag"  # an initiative (gebeurt) in Korrewegwijk
NEED = "korrewegwijk-nodig-wijkstemdag"  # a need, linked to the wijkstemdag


@pytest.fixture
def store(package, tmp_path):
    opened = EntryStore.open(package, f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield opened
    opened.engine.dispose()


def new_entry(store: EntryStore, item_id: str, **values) -> Saved:
    values = {"sectie": "gebeurt", "titel": f"Titel van {item_id}", "status": "idee", **values}
    return store.create(item_id, "korrewegwijk", values, [], ANNA)


# --- reading: types and shapes -----------------------------------------------------------------------


def test_entries_come_back_with_the_packages_column_types(store, package):
    frame = store.items()
    assert list(frame.columns) == list(package.items.columns)
    assert str(frame["versie"].dtype) == "Int64" and str(frame["bedrag"].dtype) == "Int64"
    assert str(frame["voorbeeld"].dtype) == "boolean"
    assert str(frame["bijgewerkt_op"].dtype).startswith("datetime64")
    assert str(frame["titel"].dtype) == "string"
    dates = frame["startdatum"].dropna()
    assert len(dates) and all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in dates)
    assert frame["startdatum"].isna().any() and frame.loc[frame["startdatum"].isna(), "startdatum"].map(
        lambda v: v is None).all()


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_text_is_pandas_strings_and_a_value_that_is_not_text_becomes_its_text(storage):
    """Text columns are made in Arrow where pandas' strings are Arrow's: the same array as pandas makes, missing
    values as NA; a number SQLite kept in a text column becomes its text, as pandas makes it."""
    values = ("Wijkstemdag", None, "Café Één", "")
    with pd.option_context("mode.string_storage", storage):
        made = store_module._text(values)
        pd.testing.assert_extension_array_equal(made, pd.array(values, dtype="string"))
        assert made.dtype.storage == storage and made.dtype == pd.StringDtype()
        odd = store_module._text(("tekst", 7, None))
        pd.testing.assert_extension_array_equal(odd, pd.array(("tekst", 7, None), dtype="string"))
        assert list(odd[:2]) == ["tekst", "7"] and odd[2] is pd.NA


def test_no_entries_is_an_empty_frame_with_the_same_columns_and_types(store):
    frame = store.items("geen-wijk")
    full = store.items()
    assert frame.empty and list(frame.columns) == list(full.columns)
    assert str(frame["versie"].dtype) == "Int64" and str(frame["voorbeeld"].dtype) == "boolean"
    # moments in microseconds, with or without entries: a kept outline's rows are added to by saves
    assert frame["bijgewerkt_op"].dtype == full["bijgewerkt_op"].dtype == "datetime64[us]"
    assert str(frame["titel"].dtype) == "string"


def test_an_amount_is_a_whole_number_and_a_missing_one_is_na(store):
    new_entry(store, "korrewegwijk-met-bedrag", bedrag=2500)
    new_entry(store, "korrewegwijk-zonder-bedrag")
    frame = store.items("korrewegwijk").set_index("item_id")
    assert frame.loc["korrewegwijk-met-bedrag", "bedrag"] == 2500
    assert pd.isna(frame.loc["korrewegwijk-zonder-bedrag", "bedrag"])


def test_items_by_id_gives_each_existing_entry_once_also_beyond_one_batch(store):
    real = sorted(store.items()["item_id"])
    asked = real + [f"{real[0]}-{n:04d}" for n in range(1200)] + real[:5]  # unknown ids between the real ones
    found = store.items_by_id(asked)
    assert sorted(found["item_id"]) == real
    assert store.items_by_id([]).empty


def test_a_new_ids_prefix_matches_literally_not_as_a_pattern(store):
    for item_id in ("korrewegwijk-a_b", "korrewegwijk-axb", "korrewegwijk-a%c", "korrewegwijk-abc",
                    "korrewegwijk-a\\d"):
        new_entry(store, item_id)
    assert store.ids_starting("korrewegwijk-a_") == {"korrewegwijk-a_b"}
    assert store.ids_starting("korrewegwijk-a%") == {"korrewegwijk-a%c"}
    assert store.ids_starting("korrewegwijk-a\\") == {"korrewegwijk-a\\d"}
    assert store.ids_starting("korrewegwijk-ab") == {"korrewegwijk-abc"}
    assert store.ids_starting("geen-") == set()


def test_one_entry_has_its_links_sorted_and_an_unknown_one_is_none(store):
    item = store.item(WIJKSTEMDAG)
    assert item["item_id"] == WIJKSTEMDAG and item["koppelingen"] == []
    need = store.item(NEED)
    assert need["koppelingen"] == sorted(need["koppelingen"]) and WIJKSTEMDAG in need["koppelingen"]
    assert store.item("bestaat-niet") is None


def test_the_kinds_count_entries_per_wijk_section_status_and_visibility(store):
    items = store.items()
    kinds = store.kinds()
    assert list(kinds.columns) == ["wijk_id", "sectie", "status", "zichtbaarheid", "aantal"]
    assert str(kinds["aantal"].dtype) == "int64" and str(kinds["wijk_id"].dtype) == "string"
    assert kinds["aantal"].sum() == len(items)
    expected = items.groupby(["wijk_id", "sectie", "status"]).size()
    got = kinds.groupby(["wijk_id", "sectie", "status"])["aantal"].sum()
    assert got.sort_index().tolist() == expected.sort_index().tolist()
    public_network = kinds[(kinds["sectie"] == "netwerk") & (kinds["zichtbaarheid"] == "openbaar")]
    assert public_network["aantal"].sum() == ((items["sectie"] == "netwerk")
                                              & (items["zichtbaarheid"] == "openbaar")).sum()


def test_the_links_of_a_wijk_are_those_from_or_to_its_entries(store):
    links = store.wijk_links("korrewegwijk")
    assert list(links.columns) == ["van_item", "naar_item", "relatie"]
    own = set(store.items("korrewegwijk")["item_id"])
    assert len(links) and all(a in own or b in own for a, b in zip(links["van_item"], links["naar_item"]))
    everything = store.links()
    touching = everything[everything["van_item"].isin(own) | everything["naar_item"].isin(own)]
    assert len(links) == len(touching)
    assert store.wijk_links("geen-wijk").empty


# --- history -------------------------------------------------------------------------------------------


def test_each_seeded_entry_came_in_as_one_version_with_what_it_holds(store):
    version, = store.history(WIJKSTEMDAG)
    item = store.item(WIJKSTEMDAG)
    assert (version.version, version.action, version.by) == (1, "aangemaakt", item["bijgewerkt_door"])
    assert version.at == item["bijgewerkt_op"]
    assert version.changes["titel"] == [None, item["titel"]]
    assert all(old is None and new is not None for old, new in version.changes.values())
    assert version.snapshot["koppelingen"] == [] and version.snapshot["titel"] == item["titel"]
    need, = store.history(NEED)
    assert need.snapshot["koppelingen"] == [WIJKSTEMDAG]


def test_recent_without_a_limit_gives_fifty(store):
    assert len(store.history_frame()) > 50
    assert len(store.recent()) == 50


def test_the_history_export_has_the_packages_columns_by_entry_then_version(store):
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "een"}, None, ANNA)
    store.update(WIJKSTEMDAG, 2, {"beschrijving": "twee in het café"}, None, ANNA)
    frame = store.history_frame()
    assert list(frame.columns) == ["item_id", "versie", "tijdstip", "door", "actie", "wijzigingen", "momentopname"]
    mine = frame[frame["item_id"] == WIJKSTEMDAG]
    assert list(mine["versie"]) == [1, 2, 3]
    assert json.loads(mine["wijzigingen"].iloc[2]) == {"beschrijving": ["een", "twee in het café"]}
    assert "café" in mine["wijzigingen"].iloc[2]  # readable in the exported CSV, not `caf\u00e9`


def test_every_erasure_changes_every_wijks_revision(store):
    revisions = [(store.revision(), store.revision("selwerd"))]
    for _ in range(2):
        with store.engine.begin() as db:
            store.note_erasure(db)
        revisions.append((store.revision(), store.revision("selwerd")))
    assert [city[-1] for city, _ in revisions] == [wijk[-1] for _, wijk in revisions] == [0, 1, 2]


def test_no_ids_is_no_entries_with_every_column(store):
    frame = store.items_by_id([])
    assert frame.empty and list(frame.columns) == [c.name for c in store.items_t.columns]


def test_the_revision_counts_the_history_and_its_latest_moment(store, monkeypatch):
    """A wijk's: its history rows, the latest moment, the erasures; the city's: all history rows, the latest."""
    history = _history_rows(store)
    assert store.revision() == (len(history), history["tijdstip"].max().to_pydatetime(), 0)
    rows = history[history["wijk_id"] == "korrewegwijk"]
    wijk_count = store.revision("korrewegwijk")[0]
    assert store.revision("korrewegwijk") == (len(rows), rows["tijdstip"].max().to_pydatetime(), 0)
    monkeypatch.setattr(store_module, "now", lambda: dt.datetime(2031, 5, 6, 7, 8, 9))
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "nieuw"}, None, ANNA)
    assert store.revision() == (len(history) + 1, dt.datetime(2031, 5, 6, 7, 8, 9), 0)
    assert store.revision("korrewegwijk") == (wijk_count + 1, dt.datetime(2031, 5, 6, 7, 8, 9), 0)
    assert store.revision("geen-wijk") == (0, None, 0)
    # a save by a server whose clock is behind counts, and the latest moment stays the latest
    monkeypatch.setattr(store_module, "now", lambda: dt.datetime(2031, 5, 5, 7, 8, 9))
    store.update(WIJKSTEMDAG, 2, {"beschrijving": "later, met een klok die achterloopt"}, None, ANNA)
    assert store.revision("korrewegwijk") == (wijk_count + 2, dt.datetime(2031, 5, 6, 7, 8, 9), 0)
    assert store.revision()[0] == len(_history_rows(store))


def _history_rows(store: EntryStore) -> pd.DataFrame:
    """Every history row's wijk and moment, read from the table itself."""
    h = store.history_t.c
    with store.engine.connect() as db:
        return pd.DataFrame(db.execute(sa.select(h.wijk_id, h.tijdstip)).all(), columns=["wijk_id", "tijdstip"])


def test_an_older_database_without_revision_rows_has_its_history_counted_once_on_opening(store, package):
    counted = {wijk: store.revision(wijk) for wijk in package.wijken.index}
    city = store.revision()
    with store.engine.begin() as db:
        db.execute(sa.text("DROP TABLE wijk_revisies"))  # as a database made before the table
    EntryStore.open(package, str(store.engine.url)).engine.dispose()
    assert {wijk: store.revision(wijk) for wijk in package.wijken.index} == counted
    assert store.revision() == city
    history = _history_rows(store)
    assert city[0] == len(history) and counted["beijum"][0] == int((history["wijk_id"] == "beijum").sum()) > 0
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "na het openen"}, None, ANNA)  # saves count on from there
    EntryStore.open(package, str(store.engine.url)).engine.dispose()  # opened again: not counted twice
    assert store.revision() == (city[0] + 1, store.revision()[1], 0)


def test_a_snapshot_of_a_version_and_its_values_typed_back(store):
    store.update(WIJKSTEMDAG, 1, {"startdatum": dt.date(2026, 3, 4), "bevestigd_op": dt.datetime(2026, 3, 5, 6, 7)},
                 None, ANNA)
    snapshot = store.snapshot_of(WIJKSTEMDAG, 2)
    assert snapshot["startdatum"] == "2026-03-04" and snapshot["bevestigd_op"] == "2026-03-05T06:07:00"
    typed = store.typed_snapshot(snapshot)
    assert typed["startdatum"] == dt.date(2026, 3, 4)
    assert typed["bevestigd_op"] == dt.datetime(2026, 3, 5, 6, 7)
    assert typed["titel"] == snapshot["titel"] and typed["koppelingen"] == []
    assert store.typed_snapshot({"koppelingen": ["x"], "bedrag": None}) == {"koppelingen": ["x"], "bedrag": None}
    assert store.snapshot_of(WIJKSTEMDAG, 9) is None


# --- writing -------------------------------------------------------------------------------------------


def test_a_new_entry_is_version_one_no_example_and_its_changes_leave_out_the_empty_fields(store, monkeypatch):
    monkeypatch.setattr(store_module, "now", lambda: dt.datetime(2030, 1, 2, 3, 4, 5))
    saved = store.create("korrewegwijk-nieuw", "korrewegwijk",
                         {"sectie": "nodig", "titel": "Nieuw", "status": "idee", "bron": "", "onbekend": "x"},
                         [WIJKSTEMDAG], ANNA, "req-nieuw")
    assert saved == Saved("korrewegwijk-nieuw", 1)
    item = store.item("korrewegwijk-nieuw")
    assert (item["versie"], item["voorbeeld"], item["bron"], item["auteur"], item["bijgewerkt_door"]) == (
        1, False, None, ANNA, ANNA)
    assert item["aangemaakt_op"] == item["bijgewerkt_op"] == dt.datetime(2030, 1, 2, 3, 4, 5)
    assert item["koppelingen"] == [WIJKSTEMDAG]
    links = store.links()
    assert links[links["van_item"] == "korrewegwijk-nieuw"]["relatie"].tolist() == ["hoort-bij"]
    version, = store.history("korrewegwijk-nieuw")
    assert version.changes == {"sectie": [None, "nodig"], "titel": [None, "Nieuw"], "status": [None, "idee"],
                               "koppelingen": [None, [WIJKSTEMDAG]]}
    assert version.at == dt.datetime(2030, 1, 2, 3, 4, 5) and version.by == ANNA


def test_a_new_entry_without_links_has_none_and_no_links_change(store):
    new_entry(store, "korrewegwijk-los")
    assert store.item("korrewegwijk-los")["koppelingen"] == []
    assert "koppelingen" not in store.history("korrewegwijk-los")[0].changes


def test_a_source_given_is_kept(store):
    new_entry(store, "korrewegwijk-met-bron", bron="Wijkkrant 2026")
    assert store.item("korrewegwijk-met-bron")["bron"] == "Wijkkrant 2026"


def test_an_update_records_its_action_who_and_only_the_changed_fields(store, monkeypatch):
    monkeypatch.setattr(store_module, "now", lambda: dt.datetime(2030, 2, 3, 4, 5, 6))
    titel = store.item(WIJKSTEMDAG)["titel"]
    saved = store.update(WIJKSTEMDAG, 1, {"titel": titel, "status": "afgerond", "onbekend": 1}, None, BRAM,
                         "req-sluit", action="gesloten")
    assert saved == Saved(WIJKSTEMDAG, 2)
    item = store.item(WIJKSTEMDAG)
    assert (item["versie"], item["status"], item["bijgewerkt_door"], item["bijgewerkt_op"]) == (
        2, "afgerond", BRAM, dt.datetime(2030, 2, 3, 4, 5, 6))
    latest = store.history(WIJKSTEMDAG)[0]
    assert (latest.version, latest.action, latest.by) == (2, "gesloten", BRAM)
    assert latest.changes == {"status": ["loopt", "afgerond"]}


def test_links_given_twice_are_stored_once_with_the_sections_relation(store):
    store.update(NEED, 1, {}, [WIJKSTEMDAG, WIJKSTEMDAG, "korrewegwijk-moestuin-indische-buurt"], ANNA)
    assert store.item(NEED)["koppelingen"] == ["korrewegwijk-moestuin-indische-buurt", WIJKSTEMDAG]
    links = store.links()
    assert links[links["van_item"] == NEED]["relatie"].tolist() == ["hoort-bij", "hoort-bij"]
    assert store.history(NEED)[0].changes == {
        "koppelingen": [[WIJKSTEMDAG], ["korrewegwijk-moestuin-indische-buurt", WIJKSTEMDAG]]}


def test_the_same_links_again_write_no_links_change(store):
    store.update(NEED, 1, {"beschrijving": "anders"}, [WIJKSTEMDAG], ANNA)
    assert store.item(NEED)["koppelingen"] == [WIJKSTEMDAG]
    assert "koppelingen" not in store.history(NEED)[0].changes


def test_all_links_removed(store):
    store.update(NEED, 1, {}, [], ANNA)
    assert store.item(NEED)["koppelingen"] == []
    assert store.links().query("van_item == @NEED").empty


def test_a_link_from_a_section_that_does_not_link_is_refused_and_nothing_is_written(store):
    before = len(store.history_frame())
    with pytest.raises(ValueError, match="de sectie 'gebeurt' koppelt niet"):
        store.update(WIJKSTEMDAG, 1, {}, [NEED], ANNA)
    assert store.item(WIJKSTEMDAG)["versie"] == 1 and len(store.history_frame()) == before


def test_no_request_id_is_never_a_repeat(store):
    assert store.saved_request(None) is None and store.saved_request("") is None
    assert store.update(WIJKSTEMDAG, 1, {"beschrijving": "a"}, None, ANNA, None) == Saved(WIJKSTEMDAG, 2)
    assert store.update(WIJKSTEMDAG, 2, {"beschrijving": "b"}, None, ANNA, None) == Saved(WIJKSTEMDAG, 3)
    assert store.update(WIJKSTEMDAG, 3, {"beschrijving": "c"}, None, ANNA, "") == Saved(WIJKSTEMDAG, 4)
    assert store.saved_request("nooit-gezien") is None


def test_a_repeated_request_says_which_version_it_saved(store):
    store.update(WIJKSTEMDAG, 1, {"beschrijving": "a"}, None, ANNA, "req-a")
    assert store.saved_request("req-a") == Saved(WIJKSTEMDAG, 2, repeated=True)
    assert store.update(WIJKSTEMDAG, 2, {"beschrijving": "b"}, None, ANNA, "req-a") == Saved(
        WIJKSTEMDAG, 2, repeated=True)


# --- values in and out of JSON --------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), (pd.NA, None), (float("nan"), None), (pd.NaT, None),
    (pd.Timestamp("2026-01-02 03:04:05"), "2026-01-02T03:04:05"),
    (dt.datetime(2026, 1, 2, 3, 4), "2026-01-02T03:04:00"), (dt.date(2026, 1, 2), "2026-01-02"),
    (pd.array([7], dtype="Int64")[0], 7), (1.5, 1.5), ("tekst", "tekst"), (0, 0)])
def test_values_are_stored_as_plain_json(value, expected):
    converted = store_module._jsonable(value)
    assert converted == expected and type(converted) is type(expected)


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("datetime", "2026-01-02T03:04:05", dt.datetime(2026, 1, 2, 3, 4, 5)),
    ("date", "2026-01-02", dt.date(2026, 1, 2)), ("string", "2026-01-02", "2026-01-02"),
    ("integer", 5, 5), ("date", None, None)])
def test_json_values_are_typed_back_by_their_field(kind, value, expected):
    assert store_module._from_json(kind, value) == expected
    assert type(store_module._from_json(kind, value)) is type(expected)


# --- the connection --------------------------------------------------------------------------------------


def test_sqlite_waits_for_a_lock_and_postgresql_checks_its_connections():
    assert store_module._engine_options("sqlite:///x.sqlite") == {
        "connect_args": {"timeout": 30, "check_same_thread": False}}
    # READ COMMITTED: a writer that waited for a row lock then reads the winner's rows (see nla_data.store)
    # prepare_threshold None: every statement planned for its own wijk and kinds, as when each read rolled back
    assert store_module._engine_options("postgresql+psycopg://u@h/db") == {
        "pool_pre_ping": True, "isolation_level": "READ COMMITTED", "connect_args": {"prepare_threshold": None}}


def test_a_sqlite_store_writes_ahead_syncs_fully_and_checks_foreign_keys(store):
    with store.engine.connect() as db:
        assert db.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.execute(sa.text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert db.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_the_schema_version_is_recorded_once(store, package):
    EntryStore.open(package, str(store.engine.url)).engine.dispose()
    with store.engine.connect() as db:
        assert db.execute(sa.text("SELECT versie FROM schema_versie")).scalars().all() == [store_module.SCHEMA_VERSION]


# --- the tables ------------------------------------------------------------------------------------------


def test_the_tables_keys_required_columns_and_indexes(package, tmp_path):
    # opened here, not by a fixture: mutmut maps the code a test body runs to it (tables, indexes, seeding)
    store = EntryStore.open(package, f"sqlite:///{tmp_path / 'tabellen.sqlite'}")
    assert store.seed_if_empty(package) is False  # filled once, on opening
    inspector = sa.inspect(store.engine)
    items = {c["name"]: c for c in inspector.get_columns("items")}
    assert inspector.get_pk_constraint("items")["constrained_columns"] == ["item_id"]
    assert not items["wijk_id"]["nullable"] and not items["titel"]["nullable"]
    assert items["beschrijving"]["nullable"] and items["bedrag"]["nullable"]
    assert str(items["item_id"]["type"]) == "VARCHAR(120)" and str(items["wijk_id"]["type"]) == "VARCHAR(120)"
    assert str(items["bedrag"]["type"]) == "INTEGER" and str(items["bijgewerkt_op"]["type"]) == "DATETIME"
    assert str(items["startdatum"]["type"]) == "DATE" and str(items["voorbeeld"]["type"]) == "BOOLEAN"
    assert str(items["titel"]["type"]) == "TEXT"
    indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("items")}
    assert indexes["ix_items_status_kind"] == ["status", "wijk_id", "sectie", "zichtbaarheid", "bijgewerkt_op",
                                               "bevestigd_op", "titel", "item_id"]
    assert inspector.get_pk_constraint("koppelingen")["constrained_columns"] == ["van_item", "naar_item"]
    links = {c["name"]: c for c in inspector.get_columns("koppelingen")}
    assert not links["relatie"]["nullable"] and str(links["relatie"]["type"]) == "VARCHAR(40)"
    assert inspector.get_pk_constraint("geschiedenis")["constrained_columns"] == ["item_id", "versie"]
    history = {c["name"]: c for c in inspector.get_columns("geschiedenis")}
    assert [n for n, c in history.items() if c["nullable"]] == ["request_id"]
    assert str(history["actie"]["type"]) == "VARCHAR(40)" and str(history["request_id"]["type"]) == f"VARCHAR({store_module.REQUEST_ID_LENGTH})"
    unique = {i["name"]: i for i in inspector.get_indexes("geschiedenis")}
    assert any(i["column_names"] == ["request_id"] and i["unique"] for i in unique.values()) or any(
        u["column_names"] == ["request_id"] for u in inspector.get_unique_constraints("geschiedenis"))
    assert unique["ix_geschiedenis_wijk_id"]["column_names"] == ["wijk_id"]
    with store.engine.connect() as db:
        made = dict(db.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())
    # Bij te werken's order: per wijk by the last sign of life (an expression: the later of edit and confirmation)
    assert "ix_items_wijk_laatst_gezien ON items (wijk_id, (CASE" in made["ix_items_wijk_laatst_gezien"]
    store.engine.dispose()


def test_an_empty_database_is_filled_from_the_package_once(package, tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    schema = store_module.resource_descriptor(store_module.read_descriptor(package.path), "items")["schema"]
    store = EntryStore(engine, schema, package.facts.relations)
    store.migrate()
    assert store.seed_if_empty(package) is True and len(store.items()) == len(package.items)
    assert store.seed_if_empty(package) is False and len(store.items()) == len(package.items)
    engine.dispose()


def test_a_field_without_a_type_is_text(package):
    schema = store_module.resource_descriptor(store_module.read_descriptor(package.path), "items")["schema"]
    schema = {**schema, "fields": [*schema["fields"], {"name": "notitie"}]}  # Table Schema: a string by default
    store = EntryStore(sa.create_engine("sqlite://"), schema)
    assert store.types["notitie"] == "string" and isinstance(store.items_t.c.notitie.type, sa.Text)


# --- opening ---------------------------------------------------------------------------------------------


def test_a_package_with_history_brings_it_in_and_the_other_entries_get_one_version(package, tmp_path):
    known = pd.DataFrame({
        "item_id": [WIJKSTEMDAG, WIJKSTEMDAG], "versie": [1, 2],
        "tijdstip": pd.to_datetime(["2013-09-01 10:00", "2013-10-01 11:00"]), "door": ["Anna", "Bram"],
        "actie": ["aangemaakt", "bewerkt"], "wijzigingen": ['{"titel": [null, "A"]}', '{"titel": ["A", "B"]}'],
        "momentopname": ['{"titel": "A"}', '{"titel": "B"}']})
    with_history = dataclasses.replace(package, geschiedenis=known)
    opened = EntryStore.open(with_history, f"sqlite:///{tmp_path / 'history.sqlite'}")
    try:
        versions = opened.history(WIJKSTEMDAG)
        assert [(v.version, v.by, v.action, v.at) for v in versions] == [
            (2, "Bram", "bewerkt", dt.datetime(2013, 10, 1, 11)), (1, "Anna", "aangemaakt", dt.datetime(2013, 9, 1, 10))]
        assert versions[0].changes == {"titel": ["A", "B"]} and versions[0].snapshot == {"titel": "B"}
        assert opened.revision("korrewegwijk")[0] == len(package.items.query("wijk_id == 'korrewegwijk'")) + 1
        assert [v.action for v in opened.history(NEED)] == ["aangemaakt"]
        assert len(opened.history_frame()) == len(package.items) + 1
    finally:
        opened.engine.dispose()


def test_the_history_export_is_by_entry_then_version_whatever_order_it_came_in(package, tmp_path):
    known = pd.DataFrame({
        "item_id": [WIJKSTEMDAG, WIJKSTEMDAG], "versie": [2, 1],  # the package lists the later version first
        "tijdstip": pd.to_datetime(["2013-10-01 11:00", "2013-09-01 10:00"]), "door": ["Bram", "Anna"],
        "actie": ["bewerkt", "aangemaakt"], "wijzigingen": ['{"titel": ["A", "B"]}', '{"titel": [null, "A"]}'],
        "momentopname": ['{"titel": "B"}', '{"titel": "A"}']})
    opened = EntryStore.open(dataclasses.replace(package, geschiedenis=known), f"sqlite:///{tmp_path / 'h.sqlite'}")
    frame = opened.history_frame()
    assert list(frame.loc[frame["item_id"] == WIJKSTEMDAG, "versie"]) == [1, 2]
    assert list(frame["item_id"]) == sorted(frame["item_id"])
    opened.engine.dispose()


def test_a_package_without_entries_has_an_empty_history_with_its_columns(package, tmp_path):
    empty = dataclasses.replace(package, items=package.items.iloc[0:0], koppelingen=package.koppelingen.iloc[0:0],
                                geschiedenis=package.geschiedenis.iloc[0:0])
    opened = EntryStore.open(empty, f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    frame = opened.history_frame()
    assert frame.empty and list(frame.columns) == ["item_id", "versie", "tijdstip", "door", "actie", "wijzigingen",
                                                   "momentopname"]
    stale = opened.stale(dt.datetime(2100, 1, 1), OPEN, limit=5)
    assert stale.empty and str(stale["wijk_totaal"].dtype) == "int64"
    opened.engine.dispose()


def test_the_package_is_copied_in_only_into_an_empty_database(store, package):
    assert store.seed_if_empty(package) is False
    assert len(store.items()) == len(package.items)


def test_an_older_database_gets_the_current_schema_version_recorded(store, package):
    with store.engine.begin() as db:
        db.execute(sa.text("DELETE FROM schema_versie"))
        db.execute(sa.text("INSERT INTO schema_versie (versie) VALUES (1)"))
    EntryStore.open(package, str(store.engine.url)).engine.dispose()
    with store.engine.connect() as db:
        assert db.execute(sa.text("SELECT versie FROM schema_versie ORDER BY versie")).scalars().all() == [
            1, store_module.SCHEMA_VERSION]


def test_a_sqlite_file_in_a_folder_not_there_yet_gets_its_folder_only_its_owner_may_read(package, tmp_path):
    folder = tmp_path / "nieuw" / "data"
    opened = EntryStore.open(package, f"sqlite:///{folder / 'store.sqlite'}")
    try:
        assert len(opened.items()) == len(package.items)
        assert (folder / "store.sqlite").is_file() and folder.stat().st_mode & 0o077 == 0
    finally:
        opened.engine.dispose()


def test_creating_an_id_that_exists_is_a_conflict_with_their_version_and_writes_nothing(store):
    before = len(store.history_frame())
    result = store.create(WIJKSTEMDAG, "korrewegwijk", {"sectie": "gebeurt", "titel": "Dubbel", "status": "idee"},
                          [], BRAM, "req-dubbel")
    assert isinstance(result, store_module.Conflict)
    assert result.item_id == WIJKSTEMDAG and result.seen is None
    assert result.current["titel"] == store.item(WIJKSTEMDAG)["titel"] != "Dubbel"
    assert result.changed_by == store.item(WIJKSTEMDAG)["bijgewerkt_door"]
    assert len(store.history_frame()) == before and store.saved_request("req-dubbel") is None


# --- stale entries ---------------------------------------------------------------------------------------

OPEN = ("loopt", "gepland", "idee")


def _seen(frame: pd.DataFrame) -> pd.Series:
    confirmed, edited = pd.to_datetime(frame["bevestigd_op"]), pd.to_datetime(frame["bijgewerkt_op"])
    return confirmed.where(confirmed.notna() & (confirmed > edited), edited)


def test_stale_gives_per_wijk_the_oldest_open_entries_up_to_the_limit_and_how_many_there_are(store):
    items = store.items()
    open_rows = items[items["status"].isin(OPEN)].assign(seen=lambda f: _seen(f))
    cutoff = dt.datetime(2100, 1, 1)
    stale = store.stale(cutoff, OPEN, limit=2)
    for wijk_id, rows in open_rows.groupby("wijk_id"):
        expected = rows.sort_values(["seen", "titel", "item_id"])["item_id"].tolist()[:2]
        got = stale[stale["wijk_id"] == wijk_id]
        assert got["item_id"].tolist() == expected
        assert set(got["wijk_totaal"]) == {len(rows)}
    assert stale["wijk_id"].tolist() == sorted(stale["wijk_id"])
    assert (stale["laatst_gezien"] == _seen(stale)).all()
    assert len(store.stale(cutoff, OPEN, limit=1)) == open_rows["wijk_id"].nunique()


def test_stale_breaks_a_tie_of_moment_and_title_by_id(store, monkeypatch):
    monkeypatch.setattr(store_module, "now", lambda: dt.datetime(2000, 1, 1, 9, 0))  # before every seeded entry
    for item_id in ("korrewegwijk-gelijk-b", "korrewegwijk-gelijk-a"):  # the later id saved first
        new_entry(store, item_id, titel="Aaa, dezelfde titel")
    stale = store.stale(dt.datetime(2100, 1, 1), OPEN, limit=1, wijk_id="korrewegwijk")
    assert stale["item_id"].tolist() == ["korrewegwijk-gelijk-a"]  # as domain.freshness orders them: then by id


def test_stale_is_seen_strictly_before_the_cutoff(store):
    store.update(WIJKSTEMDAG, 1, {"bevestigd_op": dt.datetime(2030, 6, 1, 12, 0)}, None, ANNA)
    at = store.stale(dt.datetime(2030, 6, 1, 12, 0), OPEN, limit=100, wijk_id="korrewegwijk")
    after = store.stale(dt.datetime(2030, 6, 1, 12, 0, 1), OPEN, limit=100, wijk_id="korrewegwijk")
    assert WIJKSTEMDAG not in set(at["item_id"]) and WIJKSTEMDAG in set(after["item_id"])
    assert set(at["wijk_id"]) == set(after["wijk_id"]) == {"korrewegwijk"}


def test_next_stale_is_the_earliest_sign_of_life_at_or_after_the_cutoff_of_the_wijk_or_the_city(store):
    items = store.items()
    seen = items[items["status"].isin(OPEN)].assign(seen=lambda f: _seen(f))
    cutoff = seen["seen"].min()
    assert store.next_stale(cutoff, OPEN) == cutoff  # at the cut-off counts
    for wijk_id in ("korrewegwijk", "selwerd"):
        own = seen[seen["wijk_id"] == wijk_id]["seen"]
        assert store.next_stale(cutoff, OPEN, wijk_id) == own.min() != seen[seen["wijk_id"] != wijk_id]["seen"].min()
    assert store.next_stale(cutoff, OPEN, "geen-wijk") is None
    assert store.next_stale(seen["seen"].max() + dt.timedelta(seconds=1), OPEN) is None


def test_stale_leaves_out_the_excluded_and_can_be_limited_to_some(store):
    cutoff = dt.datetime(2100, 1, 1)
    everything = set(store.stale(cutoff, OPEN, limit=100, wijk_id="korrewegwijk")["item_id"])
    assert WIJKSTEMDAG in everything and len(everything) > 2
    assert set(store.stale(cutoff, OPEN, limit=100, exclude={WIJKSTEMDAG})["item_id"]) >= everything - {WIJKSTEMDAG}
    assert WIJKSTEMDAG not in set(store.stale(cutoff, OPEN, limit=100, exclude={WIJKSTEMDAG})["item_id"])
    assert store.stale(cutoff, OPEN, limit=100, only={WIJKSTEMDAG, "bestaat-niet"})["item_id"].tolist() == [WIJKSTEMDAG]
    assert store.stale(cutoff, OPEN, limit=100, only=set()).empty
    few = sorted(everything)[:3]  # of one wijk: the limit counts per wijk
    assert len(store.stale(cutoff, OPEN, limit=2, only=set(few))) == 2
    assert len(store.stale(cutoff, OPEN, limit=3, only=set(few))) == 3
    closed = store.stale(cutoff, ("afgerond",), limit=100)
    assert set(closed["status"]) == {"afgerond"}


def test_a_scope_of_kinds_limits_recent_and_stale_to_entries_of_those_kinds(store):
    items = store.items().set_index("item_id")
    kind = ("korrewegwijk", "gebeurt", None)  # initiatives without their own visibility
    of_kind = {i for i, r in items.iterrows()
               if (r["wijk_id"], r["sectie"]) == kind[:2] and pd.isna(r["zichtbaarheid"])}
    assert of_kind
    recent = store.recent(limit=500, scope={kind})
    assert {v.item_id for v in recent} == of_kind
    stale = store.stale(dt.datetime(2100, 1, 1), OPEN, limit=100, scope={kind})
    assert set(stale["item_id"]) == {i for i in of_kind if items.loc[i, "status"] in OPEN}
    public_network = ("korrewegwijk", "netwerk", "openbaar")
    assert {v.item_id for v in store.recent(limit=500, scope={public_network})} == {
        i for i, r in items.iterrows() if (r["wijk_id"], r["sectie"], r["zichtbaarheid"]) == public_network}
    assert store.recent(limit=500, scope=set()) == []


def test_without_any_link_the_links_are_an_empty_frame_with_their_columns(package, tmp_path):
    unlinked = dataclasses.replace(package, koppelingen=package.koppelingen.iloc[:0])
    opened = EntryStore.open(unlinked, f"sqlite:///{tmp_path / 'unlinked.sqlite'}")
    try:
        for links in (opened.links(), opened.wijk_links("korrewegwijk")):
            assert links.empty and list(links.columns) == ["van_item", "naar_item", "relatie"]
        assert opened.item(NEED)["koppelingen"] == []
    finally:
        opened.engine.dispose()


def test_the_same_create_request_twice_is_that_first_save(store):
    values = {"sectie": "gebeurt", "titel": "Twee keer", "status": "idee"}
    first = store.create("korrewegwijk-twee-keer", "korrewegwijk", values, [], ANNA, "req-twee")
    again = store.create("korrewegwijk-twee-keer-2", "korrewegwijk", values, [], ANNA, "req-twee")
    assert first == Saved("korrewegwijk-twee-keer", 1)
    assert again == Saved("korrewegwijk-twee-keer", 1, repeated=True)
    assert store.item("korrewegwijk-twee-keer-2") is None


@pytest.mark.parametrize(("kind", "values", "dtype"), [
    ("integer", [1, None], "Int64"), ("number", [1.5, None], "Float64"), ("boolean", [True, None], "boolean"),
    ("string", ["a", None], "string"), ("integer", [], "Int64")])
def test_a_column_read_back_gets_its_fields_type(kind, values, dtype):
    column = store_module._column(tuple(values), kind)  # as the driver's rows give them
    assert str(column.dtype) == dtype and len(column) == len(values)
    if values:
        assert column[0] == values[0] and pd.isna(column[1])


@pytest.mark.parametrize("moment", ["2013-10-02 14:30:00", dt.datetime(2013, 10, 2, 14, 30)])
def test_a_moment_read_back_as_text_or_as_datetime_is_the_same_timestamp(moment):
    column = store_module._column((moment, None), "datetime")
    assert str(column.dtype).startswith("datetime64")
    assert column[0] == pd.Timestamp(2013, 10, 2, 14, 30) and pd.isna(column[1])


def test_a_date_read_back_stays_a_date_and_a_missing_one_none():
    column = store_module._column((dt.date(2013, 10, 2), None), "date")
    assert column.dtype == object and list(column) == [dt.date(2013, 10, 2), None]


def test_an_empty_request_id_is_no_request_id_and_never_blocks_a_second_save(store):
    """The forms always send one; a caller without one may send "": two such saves are two saves."""
    values = {"sectie": "gebeurt", "titel": "Zonder verzoek-id", "status": "idee"}
    first = store.create("korrewegwijk-zonder-1", "korrewegwijk", values, [], ANNA, "")
    second = store.create("korrewegwijk-zonder-2", "korrewegwijk", values, [], ANNA, "")
    assert first == Saved("korrewegwijk-zonder-1", 1) and second == Saved("korrewegwijk-zonder-2", 1)
    edited = store.update("korrewegwijk-zonder-1", 1, {**values, "titel": "Toch met titel"}, None, ANNA, "")
    assert edited == Saved("korrewegwijk-zonder-1", 2)


def test_ids_go_to_the_database_sorted_once_each_five_hundred_at_a_time():
    ids = [f"id-{n:04d}" for n in range(1001)]
    chunks = list(store_module._chunks([*reversed(ids), ids[0]]))  # noqa: SLF001
    assert [len(chunk) for chunk in chunks] == [500, 500, 1]
    assert [item for chunk in chunks for item in chunk] == ids
    assert list(store_module._chunks([])) == []  # noqa: SLF001


def test_the_clock_is_groningens_to_the_second_without_a_zone():
    from zoneinfo import ZoneInfo

    before = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None, microsecond=0)
    moment = store_module.now()
    after = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)
    assert before <= moment <= after and moment.tzinfo is None and moment.microsecond == 0


def test_given_entries_of_several_wijken_are_cut_per_wijk_in_wijk_order(store):
    cutoff = dt.datetime(2100, 1, 1)
    every = store.stale(cutoff, OPEN, limit=100)
    few = set(every[every["wijk_id"] == "selwerd"]["item_id"][:2]) | set(
        every[every["wijk_id"] == "korrewegwijk"]["item_id"][:2])
    cut = store.stale(cutoff, OPEN, limit=1, only=few)
    assert list(cut["wijk_id"]) == ["korrewegwijk", "selwerd"]  # one each, by wijk
    assert set(cut["item_id"]) <= few and list(cut["wijk_totaal"]) == [2, 2]


def test_the_seeded_history_is_readable_json(store):
    frame = store.history_frame()
    for column in ("momentopname", "wijzigingen"):  # written as the letters themselves, for the exported CSV
        assert not frame[column].str.contains("\\u00", regex=False).any(), column  # no `caf\u00e9`
        assert frame[column].map(lambda text: any(ord(ch) > 127 for ch in text)).any(), column  # the package has some


def test_a_saved_version_is_written_with_its_letters_for_the_exported_history(store):
    """What the app saves lands in the history export (CSV) as the letters themselves, not as \\u escapes."""
    saved = new_entry(store, "korrewegwijk-cafe", titel="Café Één")
    store.update(saved.item_id, 1, {"titel": "Café Één, nu elke week"}, None, ANNA)
    frame = store.history_frame()
    ours = frame[frame["item_id"] == saved.item_id]
    assert len(ours) == 2
    for column in ("momentopname", "wijzigingen"):
        assert all("Café Één" in text and "\\u00" not in text for text in ours[column]), column
    assert json.loads(ours["momentopname"].iloc[-1])["titel"] == "Café Één, nu elke week"


def test_a_database_a_later_version_made_keeps_its_version(store, package):
    """An older app opening a database a newer one has already moved on records no version of its own."""
    later = store_module.SCHEMA_VERSION + 1
    with store.engine.begin() as db:
        db.execute(sa.text("DELETE FROM schema_versie"))
        db.execute(sa.text("INSERT INTO schema_versie (versie) VALUES (:v)"), {"v": later})
    EntryStore.open(package, str(store.engine.url)).engine.dispose()
    with store.engine.connect() as db:
        assert db.execute(sa.text("SELECT versie FROM schema_versie")).scalars().all() == [later]


def test_the_links_of_given_entries_come_with_the_titles_of_their_other_ends_of_the_kinds_in_scope(store):
    """From and to the wijkstemdag: a need and two network entries link to it. Each link once, sorted, with the title
    of its other end; with a scope only the links whose other end is of its kinds."""
    items = store.items().set_index("item_id")
    every = store.links()
    touching = every[(every["van_item"] == WIJKSTEMDAG) | (every["naar_item"] == WIJKSTEMDAG)]
    expected = sorted(map(tuple, touching.to_numpy().tolist()))
    ends = set(touching["van_item"]) - {WIJKSTEMDAG}
    assert len(expected) == 3 and NEED in ends

    links, titles = store.links_with_titles([WIJKSTEMDAG, "bestaat-niet"])
    assert links == expected
    assert titles == {end: items.loc[end, "titel"] for end in ends}

    need_kind = tuple(None if pd.isna(v) else v for v in items.loc[NEED, ["wijk_id", "sectie", "zichtbaarheid"]])
    links, titles = store.links_with_titles([WIJKSTEMDAG], scope={need_kind})
    assert links == [(NEED, WIJKSTEMDAG, "hoort-bij")] and titles == {NEED: items.loc[NEED, "titel"]}
    # both ends given: the link once, each end's title
    links, titles = store.links_with_titles([WIJKSTEMDAG, NEED])
    assert links.count((NEED, WIJKSTEMDAG, "hoort-bij")) == 1 and {WIJKSTEMDAG, NEED} <= titles.keys()
    assert store.links_with_titles([WIJKSTEMDAG], scope=set()) == ([], {})
    assert store.links_with_titles([]) == ([], {})


def test_the_links_from_some_of_a_wijks_entries_also_beyond_one_batch(store):
    """`only` may name more entries than one query takes (500): the links from all of them come back."""
    every = store.links_from_wijk("korrewegwijk")
    assert len(every) > 2
    others = {f"zuid-{n:03d}" for n in range(600)}  # entries that are not (or no longer) there, sorted after
    some = set(every["van_item"][:2])
    for only in (some | others, set(every["van_item"]) | others):
        got = store.links_from_wijk("korrewegwijk", only=only)
        expected = every[every["van_item"].isin(only)]
        assert sorted(map(tuple, got.to_numpy().tolist())) == sorted(map(tuple, expected.to_numpy().tolist()))


def test_given_entries_come_in_wijk_order_whichever_wijk_is_oldest(store):
    """With `only` the entries come per wijk, as without it, also when a later wijk's entry is the older."""
    cutoff = dt.datetime(2100, 1, 1)
    every = store.stale(cutoff, OPEN, limit=100)
    mine = every[every["wijk_id"] == "korrewegwijk"].iloc[0]
    theirs = every[every["wijk_id"] == "selwerd"].iloc[0]
    store.update(mine["item_id"], int(mine["versie"]), {"bevestigd_op": dt.datetime(2099, 1, 1)}, None, ANNA)
    given = {mine["item_id"], theirs["item_id"]}
    cut = store.stale(cutoff, OPEN, limit=5, only=given)
    assert list(cut["item_id"]) == [mine["item_id"], theirs["item_id"]]
    assert list(cut["laatst_gezien"]) == [dt.datetime(2099, 1, 1), theirs["laatst_gezien"]]
    whole = store.stale(cutoff, OPEN, limit=100)
    assert list(cut["item_id"]) == [i for i in whole["item_id"] if i in given]


def test_given_entries_of_one_wijk_are_cut_to_the_oldest_not_the_first_by_title(store, monkeypatch):
    """Three of one wijk, their titles in the opposite order of their age: the limit keeps the two oldest."""
    cutoff, ids = dt.datetime(2100, 1, 1), []
    for title, year in (("Aa nieuwst", 2016), ("Bb", 2015), ("Cc oudst", 2014)):
        monkeypatch.setattr(store_module, "now", lambda year=year: dt.datetime(year, 1, 1))
        ids.append(new_entry(store, f"korrewegwijk-{title[:2].lower()}", titel=title).item_id)
    cut = store.stale(cutoff, OPEN, limit=2, only=set(ids))
    assert list(cut["titel"]) == ["Cc oudst", "Bb"] and list(cut["wijk_totaal"]) == [3, 3]


# The columns a history row, a revision or the erasures' count cannot be without: the database refuses a row that
# lacks one (a version nobody did, a revision of no count), whatever code writes it.
REQUIRED = {"koppelingen": {"van_item", "naar_item", "relatie"},
            "geschiedenis": {"item_id", "versie", "wijk_id", "tijdstip", "door", "actie", "wijzigingen",
                             "momentopname"},
            "wissingen": {"id", "aantal"}, "wijk_revisies": {"wijk_id", "aantal", "tijdstip"}}


@pytest.mark.parametrize("table", sorted(REQUIRED))
def test_the_database_requires_what_a_history_row_a_link_a_revision_and_the_erasures_hold(store, table):
    columns = sa.inspect(store.engine).get_columns(table)
    assert {c["name"] for c in columns if not c["nullable"]} >= REQUIRED[table]
