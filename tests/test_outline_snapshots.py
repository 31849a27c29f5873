"""A wijk's outline kept in the database (nla_data.outline_snapshots, app.held_outline.kept): a server that holds no
outline reads the kept one instead of the wijk's rows, patches the saves since, and narrows it to what the user may
see; what it gives is exactly the outline read whole, for the public and each role, on both databases. An erasure
leaves no kept outline behind, and none read before it is written after it."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pyarrow as pa
import pytest
import sqlalchemy as sa

from app import held_outline, wijk_page_reads
from nla_data import outline_snapshots
from nla_data.outline_snapshots import Snapshot, to_frame
from app.entry_reads import scope
from nla_data import store as store_module
from nla_data.store import EntryStore, of_kinds
from tests.test_held_outline import WIJK, assert_as_read_whole
from tests.test_store_reading import checkouts, statements
from tests.test_store_scale import ACTORS, PUBLIC, mixed, package, store  # noqa: F401 - fixtures

FRONTLINE = ACTORS[1]


def _cold(live, package, actor):  # noqa: F811
    """What a server that holds no outline for the view gets (ui.state: nothing on its shelf)."""
    return held_outline.at_revision(live, package, actor, WIJK, live.revision(WIJK), None)


def _kept_revision(live):
    kept = live.kept_outline(WIJK)
    return None if kept is None else kept.revision


def _no_whole_read(live, monkeypatch):
    """From here on the wijk's outline may only be read for some entries (the saves since), never whole."""
    outline = live.outline

    def some_only(wijk_id, scope=None, only=None):
        assert only is not None, "the outline was read whole"
        return outline(wijk_id, scope=scope, only=only)

    monkeypatch.setattr(live, "outline", some_only)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_a_cold_read_keeps_the_outline_and_the_next_one_reads_it_for_every_view(  # noqa: F811
        mixed, package, actor, monkeypatch):  # noqa: F811
    assert mixed.kept_outline(WIJK) is None
    first = _cold(mixed, package, PUBLIC)  # read whole, and kept with every kind in it
    assert_as_read_whole(first, mixed, package, PUBLIC)
    kept = mixed.kept_outline(WIJK)
    assert kept.revision == mixed.revision(WIJK)
    pd.testing.assert_frame_equal(to_frame(kept.entries), mixed.outline(WIJK))  # all kinds, the dtypes too
    pd.testing.assert_frame_equal(to_frame(kept.links), mixed.links_from_wijk(WIJK))

    with monkeypatch.context() as patch:
        _no_whole_read(mixed, patch)
        held = _cold(mixed, package, actor)
    assert_as_read_whole(held, mixed, package, actor)  # privacy as the query has it
    assert not held.patched


def test_saves_since_the_kept_outline_are_patched_in_and_many_are_kept_again(mixed, package, monkeypatch):  # noqa: F811
    _cold(mixed, package, PUBLIC)
    before = _kept_revision(mixed)
    mixed.create("selwerd-nieuw", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Nieuw"}, [], "Mia")
    mixed.update("selwerd-mix-001", 1, {"titel": "Anders", "zichtbaarheid": "openbaar"}, None, "Mia")
    # one made visible to frontline workers only (it leaves other views), a need linked to the new entry
    mixed.update("selwerd-mix-002", 1, {"zichtbaarheid": "frontlijn"}, None, "Mia")
    mixed.create("selwerd-vraag", WIJK, {"sectie": "nodig", "status": "loopt", "titel": "Vraag", "bedrag": 500,
                                        "zichtbaarheid": "openbaar"}, ["selwerd-nieuw"], "Mia")
    for actor in ACTORS:
        with monkeypatch.context() as patch:
            _no_whole_read(mixed, patch)
            held = _cold(mixed, package, actor)
        assert held.patched
        assert_as_read_whole(held, mixed, package, actor)
    assert _kept_revision(mixed) == before  # two saves: patching them after a start is cheaper than keeping again

    for number in range(held_outline.KEEP_AGAIN_AFTER):
        mixed.create(f"selwerd-veel-{number}", WIJK, {"sectie": "netwerk", "status": "loopt", "titel": "Veel"}, [],
                     "Mia")
    held = _cold(mixed, package, FRONTLINE)
    assert held.patched
    assert_as_read_whole(held, mixed, package, FRONTLINE)
    assert _kept_revision(mixed) == mixed.revision(WIJK)


def test_a_save_in_another_wijk_leaves_the_kept_outline_as_it_is(mixed, package, monkeypatch):  # noqa: F811
    _cold(mixed, package, PUBLIC)
    mixed.create("beijum-elders", "beijum", {"sectie": "gebeurt", "status": "idee", "titel": "Elders"}, [], "Mia")
    with monkeypatch.context() as patch:
        _no_whole_read(mixed, patch)
        held = _cold(mixed, package, PUBLIC)
    assert not held.patched
    assert_as_read_whole(held, mixed, package, PUBLIC)


def test_an_erasure_removes_every_kept_outline_and_one_read_before_it_is_not_written(mixed, package):  # noqa: F811
    _cold(mixed, package, PUBLIC)
    revision = mixed.revision(WIJK)
    stale = Snapshot.of_frames(revision, None, 0, mixed.outline(WIJK), mixed.links_from_wijk(WIJK))  # read before the erasure
    with mixed.engine.begin() as db:
        db.execute(mixed.items_t.update().where(mixed.items_t.c.item_id == "selwerd-mix-000")
                   .values(titel="gewist"))
        mixed.note_erasure(db)
    assert mixed.kept_outline(WIJK) is None
    assert not mixed.keep_outline(WIJK, stale)
    with mixed.engine.connect() as db:
        assert db.execute(sa.select(sa.func.count()).select_from(mixed.outlines_t)).scalar() == 0

    held = _cold(mixed, package, FRONTLINE)  # read whole after the erasure, and kept again
    assert not held.patched and "gewist" in set(held.entries["titel"])
    assert_as_read_whole(held, mixed, package, FRONTLINE)
    assert _kept_revision(mixed) == mixed.revision(WIJK)


def test_an_older_outline_does_not_replace_a_later_one(mixed, package):  # noqa: F811
    older = Snapshot.of_frames(mixed.revision(WIJK), None, 0, mixed.outline(WIJK), mixed.links_from_wijk(WIJK))
    mixed.create("selwerd-later", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Later"}, [], "Mia")
    later = Snapshot.of_frames(mixed.revision(WIJK), None, 0, mixed.outline(WIJK), mixed.links_from_wijk(WIJK))
    assert mixed.keep_outline(WIJK, later)
    assert not mixed.keep_outline(WIJK, older)
    assert _kept_revision(mixed) == later.revision
    assert "selwerd-later" in mixed.kept_outline(WIJK).entries["item_id"].to_pylist()
    assert mixed.keep_outline(WIJK, later)  # the same revision again: kept (another server read it too)


def test_a_kept_outline_of_other_columns_is_not_used(mixed, package, monkeypatch):  # noqa: F811
    _cold(mixed, package, PUBLIC)
    with monkeypatch.context() as patch:
        patch.setattr(type(mixed), "outline_columns", property(lambda self: ["item_id", "wijk_id", "titel"]))
        assert mixed.kept_outline(WIJK) is None
    with monkeypatch.context() as patch:  # a column of another type in a newer package's schema
        patch.setitem(mixed.types, "bedrag", "number")
        assert mixed.kept_outline(WIJK) is None
    assert mixed.kept_outline(WIJK) is not None


def test_a_kept_outline_of_a_later_revision_than_asked_is_not_used(mixed, package):  # noqa: F811
    """A page that read the revision just before another server's save and kept outline: read whole, as asked."""
    asked = mixed.revision(WIJK)
    mixed.create("selwerd-net-na", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Net na"}, [], "Mia")
    _cold(mixed, package, PUBLIC)  # kept at the later revision
    held = held_outline.at_revision(mixed, package, PUBLIC, WIJK, asked, None)
    assert held.revision == asked and not held.patched
    assert _kept_revision(mixed) == mixed.revision(WIJK)  # the later one stays


def test_a_wijk_without_entries_keeps_an_empty_outline(store, package):  # noqa: F811
    held = held_outline.at_revision(store, package, PUBLIC, "grunobuurt", store.revision("grunobuurt"), None)
    assert held.entries.empty and held.shown_links.empty
    kept = store.kept_outline("grunobuurt")
    assert kept.entries.num_rows == 0 and kept.entries.column_names == store.outline_columns
    again = held_outline.at_revision(store, package, PUBLIC, "grunobuurt", store.revision("grunobuurt"), None)
    pd.testing.assert_frame_equal(again.entries, held.entries)


@pytest.mark.parametrize("kept_by", ["this version", "an earlier version"])
def test_a_kept_wijk_without_links_or_entries_takes_saved_entries_and_links(store, package, kept_by,  # noqa: F811
                                                                             monkeypatch):
    """An empty wijk's outline is kept with columns of no type (Arrow's type for an object column without values; an
    earlier version kept them so): the saves since, an entry and a need linked to it, are patched in all the same."""
    wijk = "grunobuurt"
    seconds = iter(range(100))  # the two saves a second apart, as they may fall (moments are kept to the second)
    monkeypatch.setattr(store_module, "now", lambda: dt.datetime(2026, 12, 5, 10, 0, next(seconds)))
    revision = store.revision(wijk)
    empty = Snapshot.of_frames(revision, None, 0, store.outline(wijk), store.links_from_wijk(wijk))
    if kept_by == "an earlier version":  # links of no type, moments in seconds
        entries = empty.entries
        moments = entries.schema.get_field_index("bijgewerkt_op")
        entries = entries.set_column(moments, entries.schema.field(moments).with_type(pa.timestamp("s")),
                                     entries.column(moments).cast(pa.timestamp("s")))
        empty = Snapshot(revision, None, 0, entries,
                         pa.Table.from_pandas(store.links_from_wijk(wijk), preserve_index=False))
        assert pa.types.is_null(empty.links.schema.field("van_item").type)
    assert store.keep_outline(wijk, empty)
    store.create("grunobuurt-plein", wijk, {"sectie": "gebeurt", "status": "loopt", "titel": "Plein"}, [], "Mia")
    store.create("grunobuurt-geld", wijk, {"sectie": "nodig", "status": "idee", "titel": "Geld", "bedrag": 900,
                                           "zichtbaarheid": "openbaar"}, ["grunobuurt-plein"], "Mia")
    kept = store.kept_outline(wijk)
    assert kept.revision == revision and kept.since is None  # no history then: read whole, and kept again
    # kept before both saves: its window opens at the first save's moment (the latest save's moment made this
    # test fail when the two saves fell in different seconds: the window then held one of the two)
    first_save = store.history("grunobuurt-plein")[-1].at
    store.keep_outline(wijk, Snapshot(revision, first_save, 0, kept.entries, kept.links))
    held = held_outline.at_revision(store, package, PUBLIC, wijk, store.revision(wijk), None)
    assert held.patched
    entries, links = wijk_page_reads.wijk_outline(store, package, PUBLIC, wijk)
    pd.testing.assert_frame_equal(held.entries.sort_values("item_id", ignore_index=True),
                                  entries.sort_values("item_id", ignore_index=True))
    pd.testing.assert_frame_equal(held.shown_links, links)
    assert list(zip(held.shown_links["van_item"], held.shown_links["naar_item"])) == [
        ("grunobuurt-geld", "grunobuurt-plein")]


def test_saves_that_do_not_fit_the_kept_outline_have_it_read_whole(mixed, package, monkeypatch, caplog):  # noqa: F811
    _cold(mixed, package, PUBLIC)
    mixed.create("selwerd-nieuw", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Nieuw"}, [], "Mia")

    made = outline_snapshots.to_arrow

    def misfit(frame, schema=None):  # the saves' rows into the kept table's types
        if schema is not None:
            raise pa.ArrowInvalid("een kolom van een ander type")
        return made(frame)

    monkeypatch.setattr(outline_snapshots, "to_arrow", misfit)
    held = _cold(mixed, package, FRONTLINE)
    assert not held.patched and "could not take the saves since" in caplog.text
    assert_as_read_whole(held, mixed, package, FRONTLINE)


def test_a_keep_that_waits_for_an_erasure_writes_nothing(mixed, package):  # noqa: F811
    """An erasure not yet committed when a server keeps an outline it read before: the keep waits for it (PostgreSQL:
    the erasures' row held; SQLite: its one writer) and then sees it, so no erased title is kept."""
    revision = mixed.revision(WIJK)
    stale = Snapshot.of_frames(revision, None, 0, mixed.outline(WIJK), mixed.links_from_wijk(WIJK))
    result: dict = {}
    with mixed.engine.begin() as db:
        db.execute(mixed.items_t.update().where(mixed.items_t.c.item_id == "selwerd-mix-000").values(titel="gewist"))
        mixed.note_erasure(db)
        keeper = threading.Thread(target=lambda: result.update(kept=mixed.keep_outline(WIJK, stale)))
        keeper.start()
        keeper.join(timeout=1.0)
        assert keeper.is_alive(), "the keep did not wait for the erasure"
    keeper.join(timeout=60)
    assert result == {"kept": False}
    assert mixed.kept_outline(WIJK) is None


def test_a_kept_outline_that_cannot_be_read_is_not_used(mixed, package):  # noqa: F811
    _cold(mixed, package, PUBLIC)
    with mixed.engine.begin() as db:
        db.execute(mixed.outlines_t.update().values(items=b"geen arrow"))
    assert mixed.kept_outline(WIJK) is None
    held = _cold(mixed, package, FRONTLINE)  # read whole, and kept again
    assert_as_read_whole(held, mixed, package, FRONTLINE)
    assert mixed.kept_outline(WIJK) is not None


def test_when_the_database_will_not_keep_it_the_page_reads_on(mixed, package, monkeypatch, caplog):  # noqa: F811
    def refused(*_args, **_kwargs):
        raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(outline_snapshots, "write", refused)
    held = _cold(mixed, package, FRONTLINE)
    assert_as_read_whole(held, mixed, package, FRONTLINE)
    assert mixed.kept_outline(WIJK) is None
    assert "was not kept" in caplog.text
    snapshot = Snapshot.of_frames(mixed.revision(WIJK), None, 0, mixed.outline(WIJK), mixed.links_from_wijk(WIJK))
    assert mixed.keep_outline(WIJK, snapshot) is False  # said so: the caller does not count it as kept


def test_another_server_after_its_start_reads_the_kept_outline_and_not_the_entries(package, database_url):  # noqa: F811
    """Server B starts after server A kept the outline: B's cold read is one row of `wijk_overzichten` and a look at
    the history since, over one connection; not a read of the wijk's entries or links."""
    there = EntryStore.open(package, database_url)
    _cold(there, package, PUBLIC)
    here = EntryStore.open(package, database_url)
    revision = here.revision(WIJK)
    taken, run = checkouts(here), statements(here)
    held = held_outline.at_revision(here, package, PUBLIC, WIJK, revision, None)
    assert len(taken) == 1
    assert sum("wijk_overzichten" in sql for sql in run) == 1
    assert not any("FROM items" in sql or "FROM koppelingen" in sql for sql in run), run
    assert_as_read_whole(held, here, package, PUBLIC)


def test_the_kept_outline_is_compressed_where_it_travels_over_the_network(mixed, package):  # noqa: F811
    """PostgreSQL: LZ4 (the bytes cross the network); SQLite: as it is (its file reads faster than LZ4 unpacks)."""
    _cold(mixed, package, PUBLIC)
    with mixed.engine.connect() as db:
        stream = db.execute(sa.select(mixed.outlines_t.c["items"])).scalar()
    compressed = mixed.engine.dialect.name == "postgresql"
    plain = outline_snapshots._bytes(outline_snapshots.to_arrow(mixed.outline(WIJK)))
    assert (len(stream) < len(plain)) == compressed
    pd.testing.assert_frame_equal(to_frame(mixed.kept_outline(WIJK).entries), mixed.outline(WIJK))


@pytest.mark.parametrize("compression", [None, "lz4"])
def test_a_kept_frame_comes_back_with_its_dtypes_and_missing_values(compression):
    """Objects (None where missing) stay objects; pandas' strings, integers and moments keep their dtypes and NA."""
    frame = pd.DataFrame({
        "van_item": pd.Series(["a", None, "c"], dtype=object),
        "titel": pd.array(["Tuin", pd.NA, "Plein"], dtype="string"),
        "bedrag": pd.array([1, None, 3], dtype="Int64"),
        "bijgewerkt_op": pd.to_datetime(["2013-09-18", None, "2014-01-01"]),
        "relatie": pd.Series(["hoort-bij", "hoort-bij", None], dtype=object)})
    back = _round_trip(frame, compression)
    pd.testing.assert_frame_equal(back, frame)
    assert back.loc[1, "van_item"] is None and back.loc[2, "relatie"] is None
    only_objects = frame[["van_item", "relatie"]]
    pd.testing.assert_frame_equal(_round_trip(only_objects), only_objects)


def _round_trip(frame: pd.DataFrame, compression: str | None = None) -> pd.DataFrame:
    return to_frame(outline_snapshots._table(outline_snapshots._bytes(outline_snapshots.to_arrow(frame), compression)))


def test_patching_a_kept_table_leaves_the_changed_rows_out_and_adds_their_rows_now():
    """`patched` as app.held_outline's `_patched` does it on frames: the other rows in their order, then the fresh
    ones; an entry without a row now (it left the wijk) is gone; the table's types and missing values stay."""
    kept = pd.DataFrame({"item_id": pd.array(["a", "b", "c", "d"], dtype="string"),
                         "titel": pd.array(["A", pd.NA, "C", "D"], dtype="string"),
                         "bedrag": pd.array([1, None, 3, 4], dtype="Int64")})
    fresh = pd.DataFrame({"item_id": pd.array(["b"], dtype="string"), "titel": pd.array(["B nu"], dtype="string"),
                          "bedrag": pd.array([None], dtype="Int64")})
    table = outline_snapshots.to_arrow(kept)
    back = to_frame(outline_snapshots.patched(table, "item_id", ["b", "c"], fresh))
    expected = pd.concat([kept[~kept["item_id"].isin(["b", "c"])], fresh], ignore_index=True)
    pd.testing.assert_frame_equal(back, expected)
    assert list(back["item_id"]) == ["a", "d", "b"]
    gone = to_frame(outline_snapshots.patched(table, "item_id", ["d"], fresh.iloc[:0]))
    pd.testing.assert_frame_equal(gone, kept.iloc[:3])
    pd.testing.assert_frame_equal(to_frame(outline_snapshots.patched(table, "item_id", [], fresh.iloc[:0])), kept)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_the_kinds_of_a_kept_table_are_those_of_its_frame(mixed, package, actor):  # noqa: F811
    """A cold read narrows the kept outline to a view in Arrow: the same rows as on the frame, and as in SQL."""
    outline = mixed.outline(WIJK)
    kinds = scope(package, actor)
    on_table = of_kinds(outline_snapshots.to_arrow(outline), kinds)
    assert on_table.tolist() == of_kinds(outline, kinds).tolist()
    assert set(outline["item_id"][on_table]) == set(mixed.outline(WIJK, scope=kinds)["item_id"])
    assert 0 < on_table.sum() <= len(outline)
    every = of_kinds(outline_snapshots.to_arrow(outline), None)  # no scope: every row, a mask Arrow can filter by
    assert every.dtype == bool and every.all() and len(every) == len(outline)
    assert outline_snapshots.to_arrow(outline).filter(every).num_rows == len(outline)
