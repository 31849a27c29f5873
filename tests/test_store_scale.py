"""The store at scale (issue 11): indexes on old databases too, a revision per wijk, the entries and links of
one wijk, and the limited queries of Bij te werken and Recent, which must give exactly the rows the domain
rules (domain.freshness, domain.privacy) give on all entries."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest
import sqlalchemy as sa

from app import entry_reads
from domain import entries, freshness, privacy
from domain.permissions import Actor
from nla_data import EMBEDDED_DIR, load_package
from nla_data.store import EntryStore

PUBLIC = Actor()
ACTORS = [PUBLIC, Actor("anna", "Anna", "frontlijnwerker", frozenset({"selwerd"})),
          Actor("bert", "Bert", "beheerder"), Actor("cor", "Cor", "corporatie", corporatie="Nijestee")]
MOMENT = dt.datetime(2026, 6, 1)  # the cut-off: 1 December 2025, midnight, one of the moments below
NO_LINKS = pd.DataFrame(columns=["van_item", "naar_item", "relatie"])


@pytest.fixture(scope="module")
def package():
    return load_package(EMBEDDED_DIR).package


@pytest.fixture
def store(package, database_url) -> EntryStore:
    return EntryStore.open(package, database_url)


@pytest.fixture
def mixed(store) -> EntryStore:
    """The package's entries plus, in three wijken, entries of every kind: open and closed, edited at times
    around the cut-off, some confirmed later (or earlier) than their last edit, of every visibility, equal
    moments and titles (the order's ties)."""
    moments = [dt.datetime(2024, 1, 1), dt.datetime(2025, 11, 30, 23, 59), dt.datetime(2025, 12, 1, 0, 0),
               dt.datetime(2025, 12, 1, 0, 1), dt.datetime(2026, 5, 1)]
    confirmations = [None, dt.datetime(2025, 6, 1), dt.datetime(2026, 3, 1), dt.datetime(2025, 12, 1)]
    rows = []
    kinds = itertools.product(["selwerd", "beijum", "tuinwijk"], ["gebeurt", "netwerk", "nodig"],
                              ["loopt", "idee", "afgerond"], [None, "", "openbaar", "ingelogd", "frontlijn"])
    for number, (wijk, section, status, visibility) in enumerate(kinds):
        rows.append({"item_id": f"{wijk}-mix-{number:03d}", "wijk_id": wijk, "sectie": section, "status": status,
                     "zichtbaarheid": visibility, "titel": f"Titel {number % 7}",
                     "bijgewerkt_op": moments[number % len(moments)],
                     "bevestigd_op": confirmations[(number // 5) % len(confirmations)]})
    for row in rows:
        store.create(row["item_id"], row["wijk_id"], {k: row[k] for k in ("sectie", "status", "zichtbaarheid",
                                                                           "titel")}, [], "Mia Mix")
    with store.engine.begin() as db:  # the moments a real history would have given them
        for row in rows:
            db.execute(store.items_t.update().where(store.items_t.c.item_id == row["item_id"]).values(
                bijgewerkt_op=row["bijgewerkt_op"], bevestigd_op=row["bevestigd_op"]))
    return store


def _expected_stale(store, package, actor, limit, wijk_id=None) -> pd.DataFrame:
    """The domain's answer: all entries, privacy, then freshness; per wijk the `limit` oldest."""
    items, _ = privacy.visible_entries(store.items(), NO_LINKS, actor)
    rows = freshness.stale_entries(items, MOMENT, 6, open_statuses=package.facts.entry_rules.open_statuses)
    if wijk_id is not None:
        rows = rows[rows["wijk_id"] == wijk_id]
    rows = rows.sort_values(["wijk_id", "laatst_gezien", "titel", "item_id"])
    totals = rows.groupby("wijk_id").size()
    return rows.groupby("wijk_id").head(limit).assign(wijk_totaal=lambda r: r["wijk_id"].map(totals))


def _scope(package, actor):
    """What the pages limit their queries to."""
    return entry_reads.scope(package, actor)


# --- indexes ---------------------------------------------------------------------------------------

def test_an_old_database_gets_the_indexes_when_opened(package, new_database):
    url = new_database("old")
    EntryStore.open(package, url).engine.dispose()
    engine = sa.create_engine(url)
    with engine.begin() as db:  # as a database made before issue 11: only the primary keys and unique keys
        for name in ("ix_items_wijk_versie", "ix_items_wijk_laatst_gezien", "ix_koppelingen_naar", "ix_geschiedenis_wijk_tijdstip",
                     "ix_geschiedenis_tijdstip", "ix_geschiedenis_wijk_id"):
            db.execute(sa.text(f"DROP INDEX {name}"))
    names = {i["name"] for i in sa.inspect(engine).get_indexes("items")}
    assert "ix_items_wijk_versie" not in names

    store = EntryStore.open(package, url)

    inspector = sa.inspect(store.engine)
    columns = {i["name"]: i["column_names"] for t in ("items", "koppelingen", "geschiedenis")
               for i in inspector.get_indexes(t)}
    assert columns["ix_items_wijk_versie"] == ["wijk_id", "item_id", "versie"]
    assert "ix_items_wijk_laatst_gezien" in _index_names(store.engine)  # on an expression: not reflected
    assert columns["ix_items_status_kind"][:4] == ["status", "wijk_id", "sectie", "zichtbaarheid"]
    assert columns["ix_koppelingen_naar"] == ["naar_item"]
    assert columns["ix_geschiedenis_wijk_tijdstip"] == ["wijk_id", "tijdstip"]
    assert columns["ix_geschiedenis_tijdstip"] == ["tijdstip"]
    assert len(store.items()) == len(package.items)  # nothing lost on the way
    EntryStore.open(package, url)  # opening again finds them there: no error


def _index_names(engine: sa.Engine) -> set[str]:
    query = ("SELECT name FROM sqlite_master WHERE type = 'index'" if engine.dialect.name == "sqlite"
             else "SELECT indexname FROM pg_indexes")
    with engine.connect() as db:
        return set(db.execute(sa.text(query)).scalars())


# --- revision per wijk -----------------------------------------------------------------------------

def test_a_save_changes_the_revision_of_its_own_wijk_only(store):
    before = {w: store.revision(w) for w in ("selwerd", "beijum", "tuinwijk")}
    city = store.revision()

    store.create("selwerd-nieuw", "selwerd", {"sectie": "gebeurt", "titel": "Nieuw", "status": "idee"}, [], "Ali")

    assert store.revision("selwerd") != before["selwerd"]
    assert store.revision("beijum") == before["beijum"]
    assert store.revision("tuinwijk") == before["tuinwijk"]
    assert store.revision() != city
    after = store.revision("selwerd")
    store.update("selwerd-nieuw", 1, {"titel": "Anders"}, None, "Ali")
    assert store.revision("selwerd") != after
    assert store.revision("beijum") == before["beijum"]


def test_the_city_revision_changes_with_every_save_whatever_the_clock_says(store, monkeypatch):
    from nla_data import store as store_module

    clock = [dt.datetime(2030, 10, 27, 2, 30)]  # in the hour a change to winter time repeats
    monkeypatch.setattr(store_module, "now", lambda: clock[0])
    seen = {store.revision()}
    for number, moment in enumerate([dt.datetime(2030, 10, 27, 2, 30),  # the same second
                                     dt.datetime(2030, 10, 27, 2, 5),  # the clock put back an hour
                                     dt.datetime(2030, 10, 26, 9, 0)]):  # another server's clock behind
        clock[0] = moment
        store.create(f"beijum-klok-{number}", "beijum", {"sectie": "gebeurt", "titel": "Klok", "status": "idee"},
                     [], "Ali")
        seen.add(store.revision())
        store.update(f"beijum-klok-{number}", 1, {"titel": "Klok 2"}, None, "Ali")
        seen.add(store.revision())
    assert len(seen) == 7  # every save a new revision


def test_the_entries_and_links_of_one_wijk_are_those_of_the_whole_city_for_it(store, package):
    target = store.items("selwerd").query("sectie == 'gebeurt'")["item_id"].iloc[0]
    store.create("beijum-over-de-grens", "beijum", {"sectie": "nodig", "titel": "Over de grens", "status": "idee"},
                 [target], "Ali")  # a link into Selwerd from another wijk
    items, links = store.items(), store.links()
    for wijk in package.wijken.index:
        own = store.items(wijk)
        assert sorted(own["item_id"]) == sorted(items.loc[items["wijk_id"] == wijk, "item_id"])
        ids = set(own["item_id"])
        expected = links[links["van_item"].isin(ids) | links["naar_item"].isin(ids)]
        got = store.wijk_links(wijk)
        assert sorted(map(tuple, got.values.tolist())) == sorted(map(tuple, expected.values.tolist()))
        outgoing = expected[expected["van_item"].isin(ids)]
        got = store.links_from_wijk(wijk)
        assert sorted(map(tuple, got.values.tolist())) == sorted(map(tuple, outgoing.values.tolist()))
    assert len(links) > 0


def test_a_new_id_is_checked_against_the_ids_of_its_wijk(store):
    store.create("selwerd-tuin", "selwerd", {"sectie": "gebeurt", "titel": "Tuin", "status": "idee"}, [], "Ali")
    store.create("selwerd_x", "beijum", {"sectie": "gebeurt", "titel": "X", "status": "idee"}, [], "Ali")
    taken = store.ids_starting("selwerd-")
    assert "selwerd-tuin" in taken
    assert "selwerd_x" not in taken  # `_` is no wildcard
    assert all(i.startswith("selwerd-") for i in taken)


# --- Bij te werken: the SQL mirrors domain.freshness ------------------------------------------------

@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_the_stale_query_gives_the_rows_of_the_domain_rule(mixed, package, actor, limit):
    expected = _expected_stale(mixed, package, actor, limit)
    got = mixed.stale(freshness.cutoff(MOMENT, 6).to_pydatetime(), package.facts.entry_rules.open_statuses,
                      limit=limit, scope=_scope(package, actor))

    assert list(got["item_id"]) == list(expected["item_id"])  # the same rows, oldest first per wijk
    assert list(got["laatst_gezien"]) == list(expected["laatst_gezien"])
    assert list(got["wijk_totaal"]) == list(expected["wijk_totaal"])
    assert len(expected) > 0


def test_the_stale_query_covers_confirmations_closed_entries_and_the_cutoff(mixed, package):
    got = mixed.stale(freshness.cutoff(MOMENT, 6).to_pydatetime(), package.facts.entry_rules.open_statuses,
                      limit=1000)
    mine = got[got["item_id"].str.contains("-mix-")]
    assert set(mine["status"]) <= {"loopt", "idee"}  # closed entries never
    assert (mine["laatst_gezien"] < pd.Timestamp(2025, 12, 1)).all()  # exactly at the cut-off is not stale
    items = mixed.items().set_index("item_id")
    confirmed_later = items[items.index.str.contains("-mix-") & items["status"].isin(["loopt", "idee"])
                            & (items["bevestigd_op"] > items["bijgewerkt_op"])
                            & (items["bevestigd_op"] >= pd.Timestamp(2025, 12, 1))]
    assert len(confirmed_later) and not set(confirmed_later.index) & set(mine["item_id"])  # a confirmation counts
    stale_edited = items.loc[list(mine["item_id"])]
    assert (stale_edited["bijgewerkt_op"] < pd.Timestamp(2025, 12, 1)).all()


def test_the_stale_query_of_one_wijk_and_without_the_examples(mixed, package):
    cutoff = freshness.cutoff(MOMENT, 6).to_pydatetime()
    opened = package.facts.entry_rules.open_statuses
    expected = _expected_stale(mixed, package, PUBLIC, 2, "selwerd")
    got = mixed.stale(cutoff, opened, limit=2, scope=_scope(package, PUBLIC), wijk_id="selwerd")
    assert list(got["item_id"]) == list(expected["item_id"])
    examples = set(package.items.loc[package.items["voorbeeld"].fillna(False).astype(bool), "item_id"])
    without = mixed.stale(cutoff, opened, limit=1000, exclude=examples)
    only = mixed.stale(cutoff, opened, limit=1000, only=examples)
    everything = mixed.stale(cutoff, opened, limit=1000)
    assert not set(without["item_id"]) & examples
    assert set(only["item_id"]) <= examples
    assert set(without["item_id"]) | set(only["item_id"]) == set(everything["item_id"])


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_bij_te_werken_counts_a_rewritten_example_with_the_real_entries(mixed, package, actor):
    examples = package.items[package.items["voorbeeld"].fillna(False).astype(bool)]
    rewritten = examples[examples["wijk_id"] == "selwerd"].iloc[0]
    current = mixed.item(rewritten["item_id"])
    mixed.update(rewritten["item_id"], current["versie"], {"titel": "In onze eigen woorden"}, None, "Ali")
    with mixed.engine.begin() as db:  # edited long ago: stale again
        db.execute(mixed.items_t.update().where(mixed.items_t.c.item_id == rewritten["item_id"]).values(
            bijgewerkt_op=dt.datetime(2020, 1, 1)))

    shown = entry_reads.stale_entries(mixed, package, actor, MOMENT, 6, limit=2)

    expected = _expected_stale(mixed, package, actor, 1000)
    real = expected[~expected["item_id"].isin(examples["item_id"]) | (expected["item_id"] == rewritten["item_id"])]
    got_real = shown[~shown["voorbeeld"]]
    assert set(got_real["item_id"]) == set(real.sort_values(["wijk_id", "laatst_gezien", "titel", "item_id"])
                                           .groupby("wijk_id").head(2)["item_id"])
    totals = real.groupby("wijk_id").size()
    assert dict(zip(got_real["wijk_id"], got_real["wijk_totaal"])) == totals.to_dict()
    assert set(shown.loc[shown["voorbeeld"], "item_id"]) == set(expected["item_id"]) & set(examples["item_id"]) - {
        rewritten["item_id"]}
    if not privacy.may_see_editors(actor):
        assert shown["bijgewerkt_door"].isna().all()  # names blanked as on every page


# --- Recent and the map's counts: privacy decides on the kinds ------------------------------------

@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_recent_in_scope_is_recent_of_what_the_actor_may_see(mixed, package, actor):
    visible, _ = privacy.visible_entries(mixed.items(), NO_LINKS, actor)
    everything = mixed.recent(limit=100_000)
    expected = [(v.item_id, v.version) for v in everything if v.item_id in set(visible["item_id"])][:40]
    got = [(v.item_id, v.version) for v in mixed.recent(limit=40, scope=_scope(package, actor))]
    assert got == expected
    assert len(got) == 40


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_the_counts_per_kind_equal_the_counts_of_the_visible_entries(mixed, package, actor):
    opened = package.facts.entry_rules.open_statuses
    visible, _ = privacy.visible_entries(mixed.items(), NO_LINKS, actor)
    kinds = mixed.kinds()
    seen = kinds[privacy.visible_mask(kinds, actor)]
    for wijk in (None, "selwerd", "beijum", "tuinwijk", "hoogkerk"):
        assert (entries.open_counts_of_kinds(seen, wijk, open_statuses=opened)
                == entries.open_counts(visible, wijk, open_statuses=opened))
    assert kinds["aantal"].sum() == len(mixed.items())


# --- the pages: one save re-reads one wijk, never the city -----------------------------------------

def test_a_save_in_one_wijk_does_not_reread_another_wijk(package, new_database, monkeypatch):
    """The wijk page reads its wijk's outline (without texts) and a page of cards, per wijk revision: a save in
    one wijk re-reads that wijk only, and nothing reads a wijk (or the city) whole."""
    from tests.apptest import open_page, texts

    url = new_database("spy")
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    writer = EntryStore.open(package, url)
    reads: list[tuple] = []
    outline, by_id, items = EntryStore.outline, EntryStore.items_by_id, EntryStore.items
    monkeypatch.setattr(EntryStore, "outline", lambda self, wijk_id, scope=None, only=None: reads.append(
        ("outline", wijk_id) if only is None else ("saved entries", wijk_id, *only)) or outline(self, wijk_id, scope, only))

    def cards(self, ids):  # the page's cards, read by id: which wijk's
        rows = by_id(self, ids)
        reads.append(("cards", *sorted(set(rows["wijk_id"]))))
        return rows

    monkeypatch.setattr(EntryStore, "items_by_id", cards)
    monkeypatch.setattr(EntryStore, "items", lambda self, wijk_id=None: reads.append(
        ("whole", wijk_id)) or items(self, wijk_id))
    at = open_page("wijk", wijk="beijum")
    assert sorted(reads) == [("cards", "beijum"), ("outline", "beijum")]

    reads.clear()
    writer.create("selwerd-spion", "selwerd", {"sectie": "gebeurt", "titel": "Spionagetuin", "status": "idee"},
                  [], "Ali")
    at.run()
    assert reads == []  # Beijum's cache is still valid after a save in Selwerd

    selwerd = open_page("wijk", wijk="selwerd")
    assert sorted(reads) == [("cards", "selwerd"), ("outline", "selwerd")]  # read again, once, with the new entry
    assert "Spionagetuin" in texts(selwerd)

    reads.clear()
    writer.create("selwerd-tweede", "selwerd", {"sectie": "gebeurt", "titel": "Tweede tuin", "status": "idee"},
                  [], "Ali")
    assert "Tweede tuin" in texts(selwerd.run())
    # Selwerd's page, nothing whole: the outline it held is patched with the entries saved in the day before its
    # latest save (app.held_outline: another server's clock may be a little behind)
    assert sorted(reads) == [("cards", "selwerd"), ("saved entries", "selwerd", "selwerd-spion", "selwerd-tweede")]


def test_bij_te_werken_and_recent_read_no_whole_city(package, new_database, monkeypatch):
    from tests.apptest import open_page, texts

    url = new_database("spy")
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    EntryStore.open(package, url)
    reads: list = []
    monkeypatch.setattr(EntryStore, "links", lambda self: reads.append("links") or NO_LINKS)
    read = EntryStore.items
    monkeypatch.setattr(EntryStore, "items", lambda self, wijk_id=None: reads.append(wijk_id) or read(self, wijk_id))

    stale = open_page("bijwerken")
    recent = open_page("recent")

    assert reads == []
    assert "Selwerd" in texts(stale)  # the examples of 2013 are listed (and stale)
    assert len(recent.table) == 1


def test_bij_te_werken_shows_the_oldest_per_wijk_and_says_how_many_more(package, new_database, monkeypatch):
    from pages.bijwerken import PER_WIJK
    from tests.apptest import open_page, texts

    url = new_database("many")
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    store = EntryStore.open(package, url)
    extra = PER_WIJK + 5
    for number in range(extra):
        store.create(f"tuinwijk-oud-{number:02d}", "tuinwijk", {"sectie": "gebeurt", "titel": f"Oud {number:02d}",
                                                              "status": "loopt"}, [], "Ali")
    with store.engine.begin() as db:  # edited in 2020, one day apart: number 0 is the oldest
        for number in range(extra):
            db.execute(store.items_t.update().where(store.items_t.c.item_id == f"tuinwijk-oud-{number:02d}")
                       .values(bijgewerkt_op=dt.datetime(2020, 1, 1) + dt.timedelta(days=number)))

    said = texts(open_page("bijwerken", wijk="tuinwijk"))

    shown = [n for n in range(extra) if f"**Oud {n:02d}**" in said]
    assert shown == list(range(PER_WIJK))  # the oldest, not the rest
    assert f"{extra} items" in said  # the wijk's count is all of them
    assert f"De {PER_WIJK} oudste van {extra} items getoond" in said


def test_after_an_erasure_the_cached_wijk_is_read_again(package, new_database, monkeypatch):
    """An erasure rewrites rows without a history row, so no revision changes: beheer forgets the cache."""
    from tests.apptest import open_page, texts
    from ui import state

    url = new_database("erase")
    monkeypatch.setenv("NLA_DATABASE_URL", url)
    store = EntryStore.open(package, url)
    store.create("beijum-wis", "beijum", {"sectie": "gebeurt", "titel": "Tuin van Jan Jansen", "status": "idee"},
                 [], "Ali")
    at = open_page("wijk", wijk="beijum")
    assert "Tuin van Jan Jansen" in texts(at)
    with store.engine.begin() as db:
        db.execute(store.items_t.update().where(store.items_t.c.item_id == "beijum-wis").values(titel="Tuin"))
    assert "Tuin van Jan Jansen" in texts(at.run())  # cached: the revision did not change

    state.forget_entries()

    assert "Tuin van Jan Jansen" not in texts(at.run())
