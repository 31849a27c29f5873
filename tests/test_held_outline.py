"""The wijk's outline kept between saves (app.held_outline): after saves it is patched with the entries saved
since, and a patched outline is exactly the outline read whole, for the public and each role, on both databases.
Where the history cannot show every save (a clock far behind, an erasure, a save while it was read) it is read
whole."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from app import entry_reads, held_outline, wijk_page_reads
from nla_data import store as store_module
from tests.test_store_scale import ACTORS, PUBLIC, mixed, package, store  # noqa: F401 - fixtures

WIJK = "selwerd"
FRONTLINE = ACTORS[1]  # Anna, frontline worker in Selwerd


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def assert_as_read_whole(held: held_outline.HeldOutline, live, package, actor):  # noqa: F811
    """The held outline is the outline and links `wijk_page_reads.wijk_outline` reads now, row for row."""
    entries, links = wijk_page_reads.wijk_outline(live, package, actor, WIJK)
    pd.testing.assert_frame_equal(_sorted(held.entries, ["item_id"]), _sorted(entries, ["item_id"]))
    pd.testing.assert_frame_equal(_sorted(held.shown_links, ["van_item", "naar_item"]),
                                  _sorted(links, ["van_item", "naar_item"]))
    assert held.revision == live.revision(WIJK)


def _next(live, package, actor, before):  # noqa: F811
    return held_outline.at_revision(live, package, actor, WIJK, live.revision(WIJK), before)


def _first(live, package, actor):  # noqa: F811
    return held_outline.read(live, package, actor, WIJK, live.revision(WIJK))


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_saves_are_patched_in_and_the_outline_is_as_read_whole(mixed, package, actor):  # noqa: F811
    live = mixed
    held = _first(live, package, actor)
    assert_as_read_whole(held, live, package, actor)
    assert _next(live, package, actor, held) is held  # the same revision: nothing read

    live.create("selwerd-nieuw", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Nieuw"}, [], "Mia")
    live.create("selwerd-vraag", WIJK, {"sectie": "nodig", "status": "loopt", "titel": "Vraag", "bedrag": 500,
                                        "zichtbaarheid": "openbaar"}, ["selwerd-nieuw"], "Mia")
    held = _next(live, package, actor, held)
    assert held.patched
    assert_as_read_whole(held, live, package, actor)

    # an edit, links changed, an entry made public and one made visible to frontline workers only
    live.update("selwerd-vraag", 1, {"titel": "Vraag, herzien", "bedrag": 750}, [], "Mia")
    live.update("selwerd-nieuw", 1, {"zichtbaarheid": "openbaar"}, None, "Mia")
    live.update("selwerd-mix-002", 1, {"zichtbaarheid": "frontlijn"}, None, "Mia")
    held = _next(live, package, actor, held)
    assert held.patched
    assert_as_read_whole(held, live, package, actor)
    seen = set(held.entries["item_id"])
    assert ("selwerd-mix-002" in seen) == (actor.role in ("frontlijnwerker", "beheerder"))


def test_a_save_in_another_wijk_changes_nothing_here(mixed, package):  # noqa: F811
    held = _first(mixed, package, PUBLIC)
    mixed.create("beijum-elders", "beijum", {"sectie": "gebeurt", "status": "idee", "titel": "Elders"}, [], "Mia")
    assert _next(mixed, package, PUBLIC, held) is held


def test_a_save_stamped_more_than_a_day_before_the_latest_is_read_whole(mixed, package, monkeypatch):  # noqa: F811
    """Another server's clock far behind: its save is not in the window, so the counts disagree."""
    held = _first(mixed, package, FRONTLINE)
    latest = held.revision[1]
    monkeypatch.setattr(store_module, "now", lambda: latest - dt.timedelta(days=3))
    mixed.create("selwerd-laat", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Laat"}, [], "Mia")
    held = _next(mixed, package, FRONTLINE, held)
    assert not held.patched and "selwerd-laat" in set(held.entries["item_id"])
    assert_as_read_whole(held, mixed, package, FRONTLINE)


def test_a_save_a_few_hours_behind_the_latest_is_patched_in(mixed, package, monkeypatch):  # noqa: F811
    held = _first(mixed, package, FRONTLINE)
    monkeypatch.setattr(store_module, "now", lambda: held.revision[1] - dt.timedelta(hours=3))
    mixed.create("selwerd-wat-later", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Iets later"}, [],
                 "Mia")
    held = _next(mixed, package, FRONTLINE, held)
    assert held.patched and "selwerd-wat-later" in set(held.entries["item_id"])
    assert_as_read_whole(held, mixed, package, FRONTLINE)


def test_after_an_erasure_the_outline_is_read_whole(mixed, package):  # noqa: F811
    """An erasure rewrites and removes entries without a history row: only its count tells."""
    held = _first(mixed, package, FRONTLINE)
    with mixed.engine.begin() as db:
        db.execute(mixed.items_t.update().where(mixed.items_t.c.item_id == "selwerd-mix-000")
                   .values(titel="gewist persoon"))
        mixed.note_erasure(db)
    mixed.create("selwerd-na", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Na het wissen"}, [], "Mia")
    held = _next(mixed, package, FRONTLINE, held)
    assert not held.patched
    assert "gewist persoon" in set(held.entries["titel"])
    assert_as_read_whole(held, mixed, package, FRONTLINE)


def test_a_save_while_the_outline_was_read_makes_the_next_one_read_whole(mixed, package):  # noqa: F811
    """The revision is read before the outline: a save between them is in the outline, not in its revision."""
    revision = mixed.revision(WIJK)
    mixed.create("selwerd-tussendoor", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Tussendoor"}, [],
                 "Mia")
    held = held_outline.read(mixed, package, FRONTLINE, WIJK, revision)
    mixed.create("selwerd-daarna", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Daarna"}, [], "Mia")
    held = _next(mixed, package, FRONTLINE, held)
    assert not held.patched
    assert_as_read_whole(held, mixed, package, FRONTLINE)
    mixed.create("selwerd-weer", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Weer"}, [], "Mia")
    held = _next(mixed, package, FRONTLINE, held)  # and from there on patched again
    assert held.patched
    assert_as_read_whole(held, mixed, package, FRONTLINE)


def test_a_wijk_without_history_is_read_whole_and_then_patched(store, package):  # noqa: F811
    held = held_outline.read(store, package, FRONTLINE, "grunobuurt", store.revision("grunobuurt"))
    assert held.since is None and held.entries.empty
    store.create("grunobuurt-een", "grunobuurt", {"sectie": "gebeurt", "status": "idee", "titel": "Een"}, [], "Mia")
    again = held_outline.at_revision(store, package, FRONTLINE, "grunobuurt", store.revision("grunobuurt"), held)
    assert not again.patched and list(again.entries["item_id"]) == ["grunobuurt-een"]


def test_the_saved_since_are_the_wijks_history_rows_from_that_moment(store):  # noqa: F811
    latest = store.revision(WIJK)[1]
    store.create("selwerd-een", WIJK, {"sectie": "gebeurt", "status": "idee", "titel": "Een"}, [], "Mia")
    store.update("selwerd-een", 1, {"titel": "Een, herzien"}, None, "Mia")
    store.create("beijum-een", "beijum", {"sectie": "gebeurt", "status": "idee", "titel": "Een"}, [], "Mia")
    saved = store.saved_since(WIJK, latest + dt.timedelta(seconds=1))
    assert [item for item, _ in saved] == ["selwerd-een", "selwerd-een"]  # one per version, of this wijk only
    first, last = min(m for _, m in saved), max(m for _, m in saved)  # a second apart when the clock ticked between
    assert isinstance(last, dt.datetime) and store.saved_since(WIJK, last + dt.timedelta(seconds=1)) == []
    assert len(store.saved_since(WIJK, first)) == 2  # at the moment counts
    assert store.saved_since(WIJK, last) == [row for row in saved if row[1] == last]


def test_outline_and_links_of_some_entries_only(mixed, package):  # noqa: F811
    some = ["selwerd-mix-000", "selwerd-mix-001", "beijum-mix-045", "bestaat-niet"]
    outline = mixed.outline(WIJK, only=some)
    assert sorted(outline["item_id"]) == ["selwerd-mix-000", "selwerd-mix-001"]  # of the wijk, that exist
    whole = mixed.outline(WIJK)
    pd.testing.assert_frame_equal(_sorted(outline, ["item_id"]),
                                  _sorted(whole[whole["item_id"].isin(some)], ["item_id"]))
    many = [f"selwerd-x-{n:04d}" for n in range(1200)] + ["selwerd-mix-000"]  # more than one chunk of ids
    assert list(mixed.outline(WIJK, only=many)["item_id"]) == ["selwerd-mix-000"]
    none = mixed.outline(WIJK, scope=entry_reads.scope(package, PUBLIC), only=[])  # no ids: no rows, the same columns
    assert none.empty and list(none.columns) == list(whole.columns) and mixed.links_from_wijk(WIJK, only=[]).empty
    for actor in ACTORS:  # of the kinds the viewer may see: checked on the few rows as the SQL scope checks them
        kinds = entry_reads.scope(package, actor)
        seen = mixed.outline(WIJK, scope=kinds)
        assert 0 < len(seen) <= len(whole) and (actor.role or len(seen) < len(whole))  # the public sees less
        pd.testing.assert_frame_equal(_sorted(mixed.outline(WIJK, scope=kinds, only=list(whole["item_id"])),
                                              ["item_id"]), _sorted(seen, ["item_id"]))
    links = mixed.links_from_wijk(WIJK)
    elsewhere = "korrewegwijk-nodig-wijkstemdag"  # linked, in another wijk
    assert elsewhere in set(mixed.links()["van_item"])
    own = mixed.links_from_wijk(WIJK, only=[*links["van_item"].head(2), elsewhere])
    assert set(own["van_item"]) == set(links["van_item"].head(2))


def test_the_shelf_keeps_the_latest_per_wijk_and_view_and_forgets_the_least_used(mixed, package):  # noqa: F811
    shelf = held_outline.Shelf(size=2)
    held = _first(mixed, package, PUBLIC)
    shelf.put(WIJK, "a", held)
    shelf.put("beijum", "a", held)
    assert shelf.get(WIJK, "a") is held
    shelf.put(WIJK, "a", held)  # used again: now the most recent
    shelf.put("tuinwijk", "a", held)
    assert shelf.get("beijum", "a") is None and shelf.get(WIJK, "a") is held and shelf.get(WIJK, "b") is None


def test_saved_since_walks_the_index_on_wijk_and_moment(store):  # noqa: F811
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the plan is SQLite's")
    with store.engine.connect() as db:
        compiled = sa.select(store.history_t.c.item_id, store.history_t.c.tijdstip).where(
            store.history_t.c.wijk_id == WIJK, store.history_t.c.tijdstip >= dt.datetime(2020, 1, 1)).compile(
            db, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row) for row in db.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "ix_geschiedenis_wijk_tijdstip" in plan, plan


def test_a_patch_and_a_page_of_cards_each_read_over_one_connection(mixed, package):  # noqa: F811
    """The saves since, the rows saved and their links: one connection from the pool (issue 11: on PostgreSQL
    each read's own checkout, ping, BEGIN and ROLLBACK were most of the reload's round trips); the cards, their
    links and the far ends' titles: one more."""
    held = _first(mixed, package, FRONTLINE)
    mixed.create("selwerd-vraag", WIJK, {"sectie": "nodig", "status": "loopt", "titel": "Vraag", "bedrag": 500},
                 ["selwerd-mix-000"], "Mia")
    revision = mixed.revision(WIJK)
    taken: list = []
    sa.event.listen(mixed.engine, "checkout", lambda *_: taken.append(1))
    held = held_outline.at_revision(mixed, package, FRONTLINE, WIJK, revision, held)
    assert held.patched and len(taken) == 1
    limits = {(section, flag): 10 for section in ("gebeurt", "netwerk", "nodig") for flag in (True, False)}
    cards = wijk_page_reads.wijk_cards(mixed, package, FRONTLINE, limits, held.entries)
    assert len(taken) == 2 and cards.links  # links read, and titles of their far ends
