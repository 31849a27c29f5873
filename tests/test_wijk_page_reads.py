"""The wijk page reads what it draws (issue 11): a page of cards per section, their links, the counts, the needs'
total and the last update, from the store's indexes. Each must be exactly what the domain rules
(domain.privacy, domain.entries) give on every entry read whole, for the public and each role, on both
databases."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from app import wijk_page_reads
from domain import entries, privacy
from domain.entries import SECTIONS
from tests.test_store_reading import statements
from tests.test_store_scale import ACTORS, PUBLIC, mixed, package, store  # noqa: F401 - fixtures

WIJKEN = ["selwerd", "beijum", "tuinwijk"]


@pytest.fixture
def linked(mixed):  # noqa: F811 - the fixture imported above
    """`mixed` with needs that carry amounts and links: to an initiative of the wijk, to one of another wijk,
    to a network entry the public may not see, and a need of every visibility."""
    live = mixed
    live.create("selwerd-doel", "selwerd", {"sectie": "gebeurt", "status": "loopt", "titel": "Buurttuin"}, [], "Mia")
    live.create("beijum-doel", "beijum", {"sectie": "gebeurt", "status": "loopt", "titel": "Moestuin"}, [], "Mia")
    live.create("selwerd-kring", "selwerd", {"sectie": "netwerk", "status": "loopt", "titel": "Kring"}, [], "Mia")
    for number, visibility in enumerate([None, "openbaar", "ingelogd", "frontlijn"]):
        live.create(f"selwerd-nodig-{number}", "selwerd",
                    {"sectie": "nodig", "status": "loopt" if number < 3 else "afgerond", "titel": f"Geld {number}",
                     "bedrag": 1000 * (number + 1), "zichtbaarheid": visibility},
                    ["selwerd-doel"], "Mia")
    live.create("selwerd-nodig-ver", "selwerd", {"sectie": "nodig", "status": "idee", "titel": "Ver weg",
                                                 "bedrag": 7}, ["beijum-doel"], "Mia")
    live.create("selwerd-kring-2", "selwerd", {"sectie": "netwerk", "status": "loopt", "titel": "Kring 2",
                                               "zichtbaarheid": "openbaar"}, ["selwerd-doel"], "Mia")
    return live


def _cards(store, package, actor, wijk_id, limits):  # noqa: F811
    """The cards as ui.state reads them: with the wijk's outline for the same actor."""
    outline, _ = wijk_page_reads.wijk_outline(store, package, actor, wijk_id)
    return wijk_page_reads.wijk_cards(store, package, actor, limits, outline)


def _whole(live, actor):
    """The domain's answer from everything: all entries and links, privacy, then the wijk's order."""
    return privacy.visible_entries(live.items(), live.links(), actor)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
@pytest.mark.parametrize("limit", [1, 2, 100])
def test_the_cards_are_the_newest_of_each_section_as_the_whole_read_orders_them(linked, package, actor,  # noqa: F811
                                                                               limit):
    opened = package.facts.entry_rules.open_statuses
    items, links = _whole(linked, actor)
    limits = {(section, flag): limit for section in SECTIONS for flag in (True, False)}
    for wijk_id in WIJKEN:
        cards = _cards(linked, package, actor, wijk_id, limits)
        ordered = entries.for_wijk(items, wijk_id, open_statuses=opened)
        for section in SECTIONS:
            for flag in (True, False):
                expected = ordered[(ordered["sectie"] == section) & (ordered["open"] == flag)]
                assert cards.counts[(section, flag)] == len(expected), (wijk_id, section, flag)
                assert list(cards.section(section, flag)["item_id"]) == list(expected["item_id"].head(limit))
        assert cards.needs_total == entries.needs_total(items, wijk_id, open_statuses=opened)
        own = items[items["wijk_id"] == wijk_id]
        if own.empty:
            assert cards.last is None
        else:
            assert cards.last["bijgewerkt_op"] == own["bijgewerkt_op"].max()
        expected_links = entries.links_index(cards.rows["item_id"], items, links)
        assert ({k: sorted(v, key=repr) for k, v in cards.links.items()}
                == {k: sorted(v, key=repr) for k, v in expected_links.items()})


def test_the_cards_blank_what_the_viewer_may_not_see(linked, package):  # noqa: F811
    limits = {(section, flag): 100 for section in SECTIONS for flag in (True, False)}
    public = _cards(linked, package, PUBLIC, "selwerd", limits)
    assert public.rows["bijgewerkt_door"].isna().all() and public.rows["auteur"].isna().all()
    signed_in = _cards(linked, package, ACTORS[1], "selwerd", limits)
    assert (signed_in.rows["auteur"] == "Mia").any()
    # the public sees the need's link to the initiative, not the one to the network entry it may not see
    assert "selwerd-kring" not in set(public.rows["item_id"])
    assert [link.item_id for link in public.links["selwerd-nodig-0"]] == ["selwerd-doel"]
    # a link to another wijk's entry carries its title
    assert [(link.item_id, link.title) for link in public.links["selwerd-nodig-ver"]] == [("beijum-doel", "Moestuin")]


def test_a_limit_reads_no_more_than_it_draws(linked, package):  # noqa: F811
    limits = {(section, flag): 1 for section in SECTIONS for flag in (True, False)}
    cards = _cards(linked, package, ACTORS[2], "selwerd", limits)
    assert len(cards.rows) <= len(limits)
    assert cards.counts[("nodig", True)] > 1  # … while the count is the section's


def test_one_card_with_its_links_and_open(linked, package):  # noqa: F811
    row, links = wijk_page_reads.entry_card(linked, package, PUBLIC, "selwerd-nodig-1")
    assert row["titel"] == "Geld 1" and bool(row["open"]) and pd.isna(row["auteur"])
    assert [link.title for link in links] == ["Buurttuin"]
    assert wijk_page_reads.entry_card(linked, package, PUBLIC, "selwerd-kring")[0] is None  # not for the public
    assert wijk_page_reads.entry_card(linked, package, PUBLIC, "bestaat-niet")[0] is None


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_the_outline_is_the_wijk_as_the_viewer_may_see_it_without_its_texts(linked, package, actor):  # noqa: F811
    items, links = _whole(linked, actor)
    for wijk_id in WIJKEN:
        outline, outline_links = wijk_page_reads.wijk_outline(linked, package, actor, wijk_id)
        own = items[items["wijk_id"] == wijk_id]
        assert sorted(outline["item_id"]) == sorted(own["item_id"])
        moments = outline.set_index("item_id")["bijgewerkt_op"]  # read as text, parsed by pandas: the same moments
        whole = own.set_index("item_id")["bijgewerkt_op"].reindex(moments.index)
        assert moments.notna().all() and (moments == whole).all()
        assert "beschrijving" not in outline.columns and "contact_email" not in outline.columns
        mine = set(own["item_id"])
        expected = links[links["van_item"].isin(mine) & links["naar_item"].isin(mine)]
        assert sorted(map(tuple, outline_links.to_numpy().tolist())) == sorted(map(tuple, expected.to_numpy().tolist()))


def _plan(store, query) -> str:  # noqa: F811
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as db:
        return " ".join(str(row[-1]) for row in db.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def test_the_page_reads_walk_indexes_without_statistics(store, package):  # noqa: F811
    """The outline reads the new index alone; the cards go by their primary key; the links by the primary key per
    id of the wijk. On a database without ANALYZE (a join of the links with both ends' wijk paired every entry with
    every other there: 16 s at 10,000 entries). SQLite's plans."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the plan is SQLite's")
    cards = sa.select(store.items_t).where(store.items_t.c.item_id.in_(["selwerd-a", "selwerd-b"]))
    plan = _plan(store, cards)
    assert "SCAN" not in plan and "sqlite_autoindex_items_1 (item_id=?)" in plan, plan
    c = store.items_t.c
    outline = sa.select(c.item_id, c.titel, c.status, c.versie, c.bedrag).where(c.wijk_id == "selwerd")
    assert "COVERING INDEX ix_items_wijk_sectie_nieuwst" in _plan(store, outline)
    links = store.links_t
    own = sa.select(c.item_id).where(c.wijk_id == "selwerd")
    plan = _plan(store, sa.select(links).where(links.c.van_item.in_(own)))
    assert "SCAN" not in plan and "sqlite_autoindex_koppelingen_1 (van_item=?)" in plan, plan


def test_ties_in_the_moment_are_ordered_by_id(store, package):  # noqa: F811
    moment = dt.datetime(2020, 1, 1)
    for item_id in ["tuinwijk-c", "tuinwijk-a", "tuinwijk-b"]:
        store.create(item_id, "tuinwijk", {"sectie": "gebeurt", "status": "loopt", "titel": item_id}, [], "Mia")
    with store.engine.begin() as db:
        db.execute(store.items_t.update().where(store.items_t.c.wijk_id == "tuinwijk").values(bijgewerkt_op=moment))
    cards = _cards(store, package, PUBLIC, "tuinwijk", {("gebeurt", True): 2})
    assert list(cards.rows["item_id"]) == ["tuinwijk-a", "tuinwijk-b"]


def test_on_postgresql_the_kinds_a_user_may_see_are_one_parameter_whatever_their_number(store, package):  # noqa: F811
    """The outline's query names the kinds the user may see (a hundred for a city's public): as an IN of values that
    was a statement of 30 KB, parsed again by psycopg on every read. PostgreSQL gets them as one array, so the
    statement is as long for 1 kind as for 500; SQLite, without arrays, binds each."""
    statements = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: statements.append(statement))
    few = {("selwerd", "gebeurt", None)}
    many = few | {(f"wijk-{n}", "gebeurt", "openbaar") for n in range(500)}
    store.create("selwerd-plein", "selwerd", {"sectie": "gebeurt", "status": "loopt", "titel": "Plein"}, [], "Mia")
    statements.clear()
    read = [sorted(store.outline("selwerd", scope=scope)["item_id"]) for scope in (few, many)]
    assert read[0] == read[1] and "selwerd-plein" in read[0]
    outline_few, outline_many = statements
    if store.engine.dialect.name == "postgresql":
        assert len(outline_many) == len(outline_few) and "ANY" in outline_few
    else:
        assert len(outline_many) > len(outline_few) + 1000


def test_on_postgresql_the_ids_of_a_page_of_cards_are_one_parameter_whatever_their_number(store):  # noqa: F811
    """The cards, and their links with the far ends' titles, are read by id: PostgreSQL gets the ids as one array (the
    links of 42 cards: 0.9 ms as an IN, 0.5 ms as an array), SQLite an IN of them."""
    statements = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: statements.append(statement))
    few, many = ["selwerd-a"], [f"selwerd-{n}" for n in range(40)]
    for ids in (few, many):
        store.items_by_id(ids), store.links_with_titles(ids, {("selwerd", "gebeurt", None)})
    first, second = statements[:2], statements[2:]
    if store.engine.dialect.name == "postgresql":
        assert [len(s) for s in first] == [len(s) for s in second] and all("ANY" in s for s in first)
    else:
        assert all(len(b) > len(a) for a, b in zip(first, second, strict=True))


def test_the_outline_is_read_from_its_index_alone_also_for_the_kinds_a_user_may_see(store, package):  # noqa: F811
    """The wijk's outline (counts, the needs' total, the network), as `outline` asks it with and without the kinds
    a user may see: every column it reads, the visibility too, is in ix_items_wijk_sectie_nieuwst, so no entry
    with its long texts is read. SQLite's plan."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the plan is SQLite's")
    asked = []

    def keep(conn, cursor, statement, parameters, *rest):
        asked.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", keep)
    try:
        store.outline("selwerd")
        store.outline("selwerd", scope={("selwerd", "gebeurt", None), ("selwerd", "netwerk", "openbaar")})
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", keep)
    assert len(asked) == 2
    with store.engine.connect() as db:
        for statement, parameters in asked:
            plan = " ".join(str(row[-1]) for row in db.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            assert "USING COVERING INDEX ix_items_wijk_sectie_nieuwst" in plan, plan


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.role or "publiek")
def test_the_cards_are_read_by_id_and_only_those_drawn(linked, package, actor, monkeypatch):  # noqa: F811
    """Which cards, from the outline the viewer may see; then one read of exactly those entries by their key: no
    query walks a section past what the viewer may not see (a wijk's network entries for the public)."""
    asked = []
    by_id = type(linked).items_by_id
    monkeypatch.setattr(type(linked), "items_by_id", lambda self, ids: asked.append(list(ids)) or by_id(self, ids))
    limits = {(section, flag): 2 for section in SECTIONS for flag in (True, False)}
    for wijk_id in package.wijken.index:
        cards = _cards(linked, package, actor, wijk_id, limits)
        assert asked.pop() == list(cards.rows["item_id"]), wijk_id
        assert not asked


def test_the_cards_links_come_with_the_far_ends_titles_in_one_statement(linked, package):  # noqa: F811
    """The cards by their key, then their links with the far ends' titles: two statements for the page of cards. A
    need's link to an initiative of its wijk and to one of another wijk carry their titles; the public sees no link
    to a need it may not see, a frontline worker of the wijk sees them all."""
    outline, _ = wijk_page_reads.wijk_outline(linked, package, PUBLIC, "selwerd")
    run = statements(linked)
    cards = wijk_page_reads.wijk_cards(linked, package, PUBLIC, {("nodig", True): 100, ("nodig", False): 100}, outline)
    assert len(run) == 2 and "koppelingen" in run[1]
    assert "selwerd-doel" not in set(cards.rows["item_id"])  # a far end, not a card
    assert [(link.item_id, link.title) for link in cards.links["selwerd-nodig-0"]] == [("selwerd-doel", "Buurttuin")]
    assert [(link.item_id, link.title) for link in cards.links["selwerd-nodig-ver"]] == [("beijum-doel", "Moestuin")]

    limits = {(section, flag): 100 for section in SECTIONS for flag in (True, False)}
    public = _cards(linked, package, PUBLIC, "selwerd", limits)  # not the needs for the signed-in or frontline only
    assert {(link.item_id, link.title) for link in public.links["selwerd-doel"]} == {
        ("selwerd-nodig-0", "Geld 0"), ("selwerd-nodig-1", "Geld 1"), ("selwerd-kring-2", "Kring 2")}
    worker = _cards(linked, package, ACTORS[1], "selwerd", limits)
    assert {link.item_id for link in worker.links["selwerd-doel"]} == {
        "selwerd-nodig-0", "selwerd-nodig-1", "selwerd-nodig-2", "selwerd-nodig-3", "selwerd-kring-2"}


def test_a_card_erased_after_the_outline_was_read_is_left_out(linked, package):  # noqa: F811
    limits = {(section, flag): 100 for section in SECTIONS for flag in (True, False)}
    signed_in = ACTORS[1]
    outline, _ = wijk_page_reads.wijk_outline(linked, package, signed_in, "selwerd")
    with linked.engine.begin() as db:
        db.execute(linked.items_t.delete().where(linked.items_t.c.item_id == "selwerd-kring"))
    cards = wijk_page_reads.wijk_cards(linked, package, signed_in, limits, outline)
    assert "selwerd-kring" in set(outline["item_id"]) and "selwerd-kring" not in set(cards.rows["item_id"])
    opened = list(package.facts.entry_rules.open_statuses)
    assert len(cards.rows) == len(outline) - 1 and cards.rows["open"].dtype == bool
    assert (cards.rows["open"] == cards.rows["status"].isin(opened)).all()


def test_a_wijk_without_entries_has_no_cards_and_open_is_a_flag(store, package):  # noqa: F811
    limits = {(section, flag): 10 for section in SECTIONS for flag in (True, False)}
    cards = _cards(store, package, PUBLIC, "grunobuurt", limits)
    assert cards.rows.empty and cards.rows["open"].dtype == bool and "titel" in cards.rows.columns
    assert cards.last is None and cards.needs_total == 0 and set(cards.counts.values()) == {0}


def test_the_last_update_is_the_newest_card_then_the_first_by_id_and_an_unknown_moment_last():
    rows = pd.DataFrame({"item_id": pd.array(["c", "b", "a", "d"], dtype="string"),
                         "bijgewerkt_op": pd.to_datetime(["2024-01-01", "2024-03-01", None, "2024-03-01"])})
    assert wijk_page_reads._newest(rows) == 1  # noqa: SLF001 - "b" and "d" tie, "a" has no moment
    unknown = rows.assign(bijgewerkt_op=pd.NaT)
    assert wijk_page_reads._newest(unknown) == 2  # noqa: SLF001 - none known: the first by id
