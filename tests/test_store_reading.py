"""A page's reads over one connection (EntryStore.reading, issue 11): they take one connection from the pool, each
statement still sees what another server committed before it, no transaction is left open between them, and a
connection the server dropped is replaced before it is read from. On both databases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app import held_outline, wijk_page_reads
from domain.entries import SECTIONS
from tests.test_store_scale import ACTORS, package, store  # noqa: F401 - fixtures
from nla_data.store import EntryStore

WIJK = "selwerd"
MANAGER = ACTORS[2]  # sees every entry: what is read is the point here, not privacy (tests/test_held_outline.py)
LIMITS = {(section, flag): 10 for section in SECTIONS for flag in (True, False)}
NEW = {"sectie": "gebeurt", "status": "idee", "titel": "Van de andere server"}


def checkouts(store: EntryStore) -> list:  # noqa: F811
    """The connections taken from `store`'s pool from now on (one item each)."""
    taken: list = []
    sa.event.listen(store.engine, "checkout", lambda *_: taken.append(1))
    return taken


def statements(store: EntryStore) -> list[str]:  # noqa: F811
    """The statements `store` runs from now on."""
    run: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda _db, _cursor, statement, *_: run.append(statement))
    return run


def test_the_reads_inside_reading_share_one_connection_and_give_it_back(store):  # noqa: F811
    taken = checkouts(store)
    with store.reading():
        store.revision(WIJK)
        store.outline(WIJK)
        store.links_from_wijk(WIJK)
        with store.reading():  # nested: the outer one's connection
            store.items_by_id(["selwerd-001"])
            store.kinds()
    assert len(taken) == 1
    store.kinds()
    store.kinds()
    assert len(taken) == 3  # outside it each read takes its own
    assert store.engine.pool.checkedout() == 0


def test_a_block_whose_reads_were_all_cached_takes_no_connection(store):  # noqa: F811
    """`reading()` takes its connection at the first read: a page run whose reads were all cached asks the pool for
    none, and one that reads takes one and gives it back, also when the block fails."""
    taken = checkouts(store)
    with store.reading():
        pass
    assert taken == []
    with pytest.raises(RuntimeError), store.reading():
        store.revision(WIJK)
        raise RuntimeError("een pagina die faalt")
    assert len(taken) == 1 and store.engine.pool.checkedout() == 0


def test_a_reload_takes_one_connection_with_the_revision_and_sees_another_servers_save(package, database_url):  # noqa: F811
    """Two servers on one database: the held outline is patched with the other's save, and the page of cards shows
    it; the revision, the patch and the cards over one connection (as ui.state.wijk_cards reads them)."""
    here, there = EntryStore.open(package, database_url), EntryStore.open(package, database_url)
    held = held_outline.read(here, package, MANAGER, WIJK, here.revision(WIJK))
    there.create("selwerd-elders", WIJK, NEW, [], "Mia")
    taken = checkouts(here)
    with here.reading():
        revision = here.revision(WIJK)
        outline = held_outline.at_revision(here, package, MANAGER, WIJK, revision, held)
        cards = wijk_page_reads.wijk_cards(here, package, MANAGER, LIMITS, outline.entries)
    assert len(taken) == 1
    assert outline.patched and "selwerd-elders" in set(outline.entries["item_id"])
    assert "selwerd-elders" in set(cards.section("gebeurt", True)["item_id"])


def test_inside_reading_each_read_sees_what_was_saved_before_it(package, database_url):  # noqa: F811
    """No snapshot is held from the first read: a save by another server, or by this one, between two reads is
    seen by the second (as when each read had a transaction of its own, READ COMMITTED)."""
    here, there = EntryStore.open(package, database_url), EntryStore.open(package, database_url)
    with here.reading():
        before = here.revision(WIJK)
        there.create("selwerd-elders", WIJK, NEW, [], "Mia")
        assert here.revision(WIJK)[0] == before[0] + 1
        assert "selwerd-elders" in set(here.outline(WIJK)["item_id"])
        here.create("selwerd-hier", WIJK, {**NEW, "titel": "Van deze server"}, [], "Mia")  # a write: its own
        assert here.revision(WIJK)[0] == before[0] + 2
        assert "selwerd-hier" in set(here.outline(WIJK)["item_id"])


def test_a_wijks_revision_and_the_citys_are_one_statement_each_of_one_row_per_wijk(store):  # noqa: F811
    run = statements(store)
    store.revision(WIJK)
    store.revision()
    assert len(run) == 2
    assert all("FROM wijk_revisies" in sql and "geschiedenis" not in sql for sql in run)  # not a count of history


def _other_sessions(database_url: str, sql: str) -> list:
    """`sql` on a connection of its own (outside every pool) to the test's PostgreSQL database, with the other
    client sessions of that database to look at: `{others}` in it is their condition."""
    others = ("datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as db:
            return db.execute(sa.text(sql.format(others=others))).all()
    finally:
        engine.dispose()


def test_a_read_leaves_no_transaction_open_on_postgresql(store, database_url):  # noqa: F811
    """Between the reads of a page the connection is idle, not idle in a transaction: no snapshot kept, nothing
    that holds back VACUUM or waits on a lock."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("pg_stat_activity is PostgreSQL's")
    with store.reading():
        store.outline(WIJK)
        states = {state for (state,) in _other_sessions(database_url, "SELECT state FROM pg_stat_activity WHERE "
                                                                      "{others}")}
    assert states == {"idle"}


def test_a_connection_the_server_dropped_is_replaced_before_a_page_reads(store, database_url):  # noqa: F811
    """pool_pre_ping: the pooled connection the server ended (a restart, a fail-over) is not what a page reads on."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("only a server drops connections")
    with store.reading():
        expected = store.revision(WIJK)
    ended = _other_sessions(database_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE {others}")
    assert ended and all(done for (done,) in ended)
    with store.reading():
        assert store.revision(WIJK) == expected
        assert len(store.outline(WIJK))


def test_the_wijk_page_reads_its_revision_outline_and_cards_over_one_connection(package, database_url,  # noqa: F811
                                                                                  monkeypatch):
    """ui.state.wijk_cards on a server that holds nothing for the wijk (another server kept its outline): the
    revision, the outline and the cards over one connection from the pool (they were two: the revision took its
    own). A later run finds the cards cached and reads only the revision; the same run again reads nothing, and takes
    no connection."""
    from ui import auth, state

    there = EntryStore.open(package, database_url)
    held_outline.at_revision(there, package, MANAGER, WIJK, there.revision(WIJK), None)  # read whole, and kept
    monkeypatch.setenv("NLA_DATABASE_URL", database_url)  # a new database: nothing of it is cached here
    monkeypatch.setattr(auth, "actor", lambda: MANAGER)
    state.begin_run()
    taken, run = checkouts(state.store()), statements(state.store())
    cards = state.wijk_cards(WIJK, LIMITS)
    assert len(taken) == 1 and any("items" in sql for sql in run)
    assert cards.counts[("gebeurt", True)] > 0

    state.begin_run()  # the next run: the cards come from the cache, only the revision is read
    run.clear()
    assert state.wijk_cards(WIJK, LIMITS) is cards
    assert len(taken) == 2 and len(run) == 1 and "wijk_revisies" in run[0]
    assert state.wijk_cards(WIJK, LIMITS) is cards  # the same run: nothing read, no connection taken
    assert len(taken) == 2 and len(run) == 1
