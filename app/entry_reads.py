"""What the pages read of the entries, without reading the whole city: one wijk's entries, the counted kinds
of entries, and the limited queries of Bij te werken and Recent. Privacy is decided here through
domain.privacy, on the rows or on the counted kinds the queries are limited to, never left to a page.

ui.state caches these per revision; bench/store_bench.py times them against reading everything.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools

import pandas as pd

from domain import freshness, privacy
from domain.entries import SECTIONS
from domain.examples import still_examples
from domain.permissions import VISIBILITIES, Actor
from nla_data.package import NlaPackage
from nla_data.store import EntryStore, Version

NO_LINKS = pd.DataFrame(columns=["van_item", "naar_item", "relatie"])


def scope(package: NlaPackage, actor: Actor) -> frozenset[tuple]:
    """The kinds of entries (wijk, section, own visibility, None or "" for the section's default) `actor` may
    see, decided by domain.privacy on every kind there can be: no query, and an entry of a kind nobody
    foresaw (an unknown wijk or visibility) is shown to nobody."""
    return _scope(tuple(package.wijken.index), actor)


@functools.lru_cache(maxsize=64)
def _scope(wijken: tuple[str, ...], actor: Actor) -> frozenset[tuple]:
    # the same for every page run of the same user: decided once (it cost a quarter of Bij te werken's run)
    kinds = pd.DataFrame(list(itertools.product(wijken, SECTIONS, (None, "", *VISIBILITIES))),
                         columns=["wijk_id", "sectie", "zichtbaarheid"])
    return privacy.visible_kinds(kinds, actor)


def view_key(package: NlaPackage, actor: Actor) -> str:
    """Everything privacy decides for `actor` on the entries, as one digest: the kinds they may see (`scope`),
    whether they may see editors' names, the wijken whose contact details they may see. Two actors with the same
    key see the same rows with the same data blanked, so a page read cached under it may be handed to either.
    A short string: Streamlit hashes a cache's arguments on every call (the kinds themselves took ~10 ms)."""
    return _view_key(tuple(package.wijken.index), actor)


@functools.lru_cache(maxsize=64)
def _view_key(wijken: tuple[str, ...], actor: Actor) -> str:
    kinds = sorted(repr(kind) for kind in _scope(wijken, actor))
    contact = sorted(w for w in wijken if privacy.may_see_contact(actor, w))
    decided = repr((kinds, privacy.may_see_editors(actor), contact))
    return hashlib.sha256(decided.encode()).hexdigest()


def wijk_entries(store: EntryStore, package: NlaPackage, wijk_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The wijk's entries, the entries of other wijken its links reach (for their titles and whether they
    may be seen), and the links touching the wijk; `voorbeeld` as domain.examples has it."""
    with store.reading():  # one connection for the three reads
        items, links = store.items(wijk_id), store.wijk_links(wijk_id)
        others = (set(links["van_item"]) | set(links["naar_item"])) - set(items["item_id"])
        if others:
            items = pd.concat([items, store.items_by_id(others)], ignore_index=True)
    return items.assign(voorbeeld=still_examples(items, package.items)), links


def stale_entries(store: EntryStore, package: NlaPackage, actor: Actor, moment: dt.datetime, months: int, *,
                  limit: int, wijk_id: str | None = None) -> pd.DataFrame:
    """What Bij te werken shows `actor`: the stale entries they may see, per wijk the `limit` oldest, with
    `laatst_gezien`, `wijk_totaal` (without the limit) and `voorbeeld`. The package's examples are few and
    read apart, so a rewritten one counts with the real entries and the totals stay exact."""
    opened, seen = package.facts.entry_rules.open_statuses, scope(package, actor)
    seen_before = freshness.cutoff(moment, months).to_pydatetime()
    marked = set(package.items.loc[package.items["voorbeeld"].fillna(False).astype(bool), "item_id"])
    with store.reading():  # one connection for both
        others = store.stale(seen_before, opened, limit=limit, scope=seen, wijk_id=wijk_id, exclude=marked)
        examples = store.stale(seen_before, opened, limit=len(marked) + 1, scope=seen, wijk_id=wijk_id, only=marked)
    others = others.assign(voorbeeld=False)
    examples = examples.assign(voorbeeld=still_examples(examples, package.items))
    rewritten = examples[~examples["voorbeeld"]]
    # a rewritten example joins its wijk's real entries: the wijk's total grows, its limit holds
    totals = others.groupby("wijk_id")["wijk_totaal"].max().add(rewritten.groupby("wijk_id").size(), fill_value=0)
    real = (pd.concat([others, rewritten], ignore_index=True)
            .sort_values(["wijk_id", "laatst_gezien", "titel", "item_id"]).groupby("wijk_id").head(limit))
    real = real.assign(wijk_totaal=real["wijk_id"].map(totals).astype(int))
    kept = examples[examples["voorbeeld"]]
    kept = kept.assign(wijk_totaal=kept["wijk_id"].map(kept["wijk_id"].value_counts()).astype(int))
    visible, _ = privacy.visible_entries(pd.concat([real, kept], ignore_index=True), NO_LINKS, actor)
    return visible


def recent_versions(store: EntryStore, package: NlaPackage, actor: Actor, limit: int,
                    wijk_id: str | None = None) -> tuple[list[Version], pd.DataFrame]:
    """The latest `limit` versions of entries `actor` may see, and those entries (for their title and wijk)."""
    with store.reading():  # one connection for both
        versions = store.recent(limit=limit, wijk_id=wijk_id, scope=scope(package, actor))
        found = store.items_by_id({v.item_id for v in versions})
    items, _ = privacy.visible_entries(found, NO_LINKS, actor)
    shown = set(items["item_id"])
    return [v for v in versions if v.item_id in shown], items
