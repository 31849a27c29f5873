"""What the wijk page reads, without reading the whole wijk (issue 11: the page at any number of entries): the
cards it draws, a page per section, with their links and how many there are; the wijk's outline (what entries
there are, not what they say) for its network picture and the forms' link choices. Privacy is decided here,
through domain.privacy, as in app.entry_reads.

ui.state caches these per wijk revision and per what the user may see; bench/wijk_page_bench.py times them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.entry_reads import NO_LINKS, scope
from domain import entries, privacy
from domain.examples import still_examples
from domain.permissions import Actor
from nla_data.package import NlaPackage
from nla_data.store import EntryStore

Limits = dict[tuple[str, bool], int]  # (section, open) -> how many of its newest cards are drawn


@dataclass(frozen=True)
class WijkCards:
    """A page of the wijk's cards as the user may see them."""

    rows: pd.DataFrame  # the cards per (section, open) in the limits' order, newest first; `open`, `voorbeeld`
    counts: dict[tuple[str, bool], int]  # (section, open) -> how many entries of the wijk the user may see
    links: dict[str, list[entries.Link]]  # per card its links to entries the user may see (domain.entries.links_index)
    last: pd.Series | None  # the entry updated last (the header's "last updated"), None without entries
    needs_total: int  # the open needs' amounts, in euros

    def section(self, section: str, opened: bool) -> pd.DataFrame:
        return self.rows[(self.rows["sectie"] == section) & (self.rows["open"] == opened)]


def wijk_cards(store: EntryStore, package: NlaPackage, actor: Actor, limits: Limits, outline: pd.DataFrame
               ) -> WijkCards:
    """The cards the wijk page draws for `actor`: per (section, open) the newest entries up to its limit (every
    (section, open) of the page must be in `limits`, with at least 1: the last update is the newest of them).
    `outline` is the wijk's as `wijk_outline` gives it to the same actor: which cards, the counts and the total come
    from it."""
    page = entries.outline_page(outline, package.facts.entry_rules.open_statuses, limits)
    # which cards, from the outline the actor may see; then those entries read by their key. A query per section
    # walked its index past every entry the actor may not see (the public and a wijk's 2,222 network entries): on
    # PostgreSQL at 100,000 entries the cards' read 8.6 → 2.3 ms (bench/README.md, fifteenth round)
    with store.reading():  # the cards, their links and the far ends' titles over one connection
        cards = _with_open(store.items_by_id([item_id for item_id, _ in page.chosen]), page.chosen)
        rows, linked = with_links(store, package, actor, cards)
    return WijkCards(rows=rows, counts=page.counts, links=linked,
                     last=None if rows.empty else rows.iloc[_newest(rows)], needs_total=page.needs_total)


def _with_open(rows: pd.DataFrame, chosen: list[tuple[str, bool]]) -> pd.DataFrame:
    """`rows` (entries read by id, in the order of `chosen`: id, open) with `open`; one whose entry is gone since the
    outline was read (erased) is not among them."""
    flags = dict(chosen)
    return rows.assign(open=np.array([flags[item_id] for item_id in rows["item_id"].to_numpy(object)], dtype=bool))


def _newest(rows: pd.DataFrame) -> int:
    """The position of the entry updated last, the first when sorted newest first, then by id (as `newest` orders
    them; moments unknown last): picked in plain Python, as sorting the page of cards took 1.4 ms (issue 11)."""
    moments, ids = rows["bijgewerkt_op"].tolist(), rows["item_id"].tolist()
    known = [moment for moment in moments if not pd.isna(moment)]
    latest = max(known) if known else None
    tied = [at for at, moment in enumerate(moments) if (moment == latest if known else pd.isna(moment))]
    return min(tied, key=lambda at: ids[at])


def with_links(store: EntryStore, package: NlaPackage, actor: Actor, rows: pd.DataFrame
               ) -> tuple[pd.DataFrame, dict[str, list[entries.Link]]]:
    """`rows` (entries as the store gives them) as `actor` may see them, with `voorbeeld` as domain.examples has
    it, and per entry its links to entries `actor` may see, with their titles: read for these entries only, in one
    statement with the far ends' titles (issue 11: a statement fewer on every cold read of a wijk page)."""
    rows = rows.assign(voorbeeld=still_examples(rows, package.items))
    rows, _ = privacy.visible_entries(rows, NO_LINKS, actor)
    ids = rows["item_id"].to_numpy(object)
    links, titles = store.links_with_titles(ids, scope(package, actor)) if len(ids) else ([], {})
    titles.update(zip(ids, rows["titel"].to_numpy(object)))
    return rows.reset_index(drop=True), entries.index_links(ids, titles, links)


def entry_card(store: EntryStore, package: NlaPackage, actor: Actor, item_id: str
               ) -> tuple[pd.Series | None, list[entries.Link]]:
    """One entry as `actor` may see it, with `open` and its links (None when there is no such entry they may see)."""
    with store.reading():
        rows, linked = with_links(store, package, actor, store.items_by_id([item_id]))
    if rows.empty:
        return None, []
    rows = rows.assign(open=rows["status"].isin(list(package.facts.entry_rules.open_statuses)))
    return rows.iloc[0], linked.get(item_id, [])


def wijk_outline(store: EntryStore, package: NlaPackage, actor: Actor, wijk_id: str
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The wijk's entries `actor` may see, as `EntryStore.outline` has them (no descriptions), and the links
    between them: the network picture and the forms' link choices need no more."""
    # the kinds privacy lets the actor see, in the query; an outline holds no personal data to blank
    with store.reading():
        outline, links = store.outline(wijk_id, scope=scope(package, actor)), store.links_from_wijk(wijk_id)
    return outline, links_between(outline, links)


def links_between(outline: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The links whose both ends are entries of `outline`."""
    shown = set(outline["item_id"].to_numpy(object))
    ends = zip(links["van_item"].to_numpy(object), links["naar_item"].to_numpy(object))
    return links[np.array([a in shown and b in shown for a, b in ends], dtype=bool)].reset_index(drop=True)
