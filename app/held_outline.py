"""A wijk's outline kept between saves (issue 11: reload after one save < 50 ms at any number of entries).

The wijk page's outline (app.wijk_page_reads.wijk_outline: every entry of the wijk without what it says, and
the links from them) is read whole the first time. After a save it is not read whole again: the entries saved
since are read and patched in. Which entries those are, the history says: every save writes a history row
with the wijk and the moment. The wijk's revision (`EntryStore.revision`) is how many history rows the wijk has,
the latest moment, and how many erasures there were.

A save is stamped with its server's clock, so a save may come in a little before the latest moment another
server wrote (store.CLOCKS_AGREE_WITHIN_DAYS). So the outline remembers a window: from a day before its latest
moment, and how many history rows fell in it when it was read. The next revision is patched only when every
history row added since is in that window (the window grew by exactly as many rows as the wijk's history);
otherwise, and after an erasure (which rewrites and removes entries without a history row), it is read whole.
A save that lands while the outline is read makes the counts disagree next time, so it is read whole then:
never a missed save, at worst a whole read.

A server that holds no outline for a view (after a start, or when it let it go) does not read it whole either:
the database keeps each wijk's outline of all kinds with its revision and window (nla_data.outline_snapshots), which
is patched the same way and then narrowed to the kinds the user may see. What was read whole, or patched with
many saves, is kept again for the next cold read, on any server.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd

from app.entry_reads import scope
from app.wijk_page_reads import links_between
from domain.permissions import Actor
from nla_data import outline_snapshots
from nla_data.outline_snapshots import Snapshot
from nla_data.package import NlaPackage
from nla_data.store import CLOCKS_AGREE_WITHIN_DAYS, EntryStore, Scope, of_kinds

# A kept outline patched with this many saves or more is kept again: patching it is a read per save after every start
KEEP_AGAIN_AFTER = 50


@dataclass(frozen=True)
class HeldOutline:
    """The outline of one wijk for one view (what privacy lets a user see) at `revision`."""

    revision: tuple  # EntryStore.revision(wijk): (history rows, latest moment, erasures)
    since: dt.datetime | None  # the window's start: a day before the latest moment (None without history)
    in_window: int  # how many of the wijk's history rows were at or after `since`
    entries: pd.DataFrame  # EntryStore.outline of the kinds the user may see
    links: pd.DataFrame  # the links from the wijk's entries, whatever the user may see of their far ends
    patched: bool = False  # made from the outline before it and the entries saved since (for tests, benches)

    @functools.cached_property
    def shown_links(self) -> pd.DataFrame:
        """The links between entries of `entries`: what the page uses (worked out once, and only for a view: the
        outline of all kinds a cold read narrows does not need them)."""
        return links_between(self.entries, self.links)

    @property
    def shown(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self.entries, self.shown_links


def read(store: EntryStore, package: NlaPackage, actor: Actor, wijk_id: str, revision: tuple) -> HeldOutline:
    """The wijk's outline read whole, held at `revision` (read before it)."""
    return _read(store, scope(package, actor), wijk_id, revision)


def at_revision(store: EntryStore, package: NlaPackage, actor: Actor, wijk_id: str, revision: tuple,
                before: HeldOutline | None) -> HeldOutline:
    """The wijk's outline at `revision`: `before` when it is of that revision, `before` with the entries saved
    since patched in when the history shows every one of them, else read whole. Without `before`, from the outline
    the database keeps (`kept`)."""
    if before is None:
        return kept(store, package, actor, wijk_id, revision)
    return _at_revision(store, scope(package, actor), wijk_id, revision, before)


def kept(store: EntryStore, package: NlaPackage, actor: Actor, wijk_id: str, revision: tuple) -> HeldOutline:
    """The wijk's outline at `revision` for a server that holds none for this view: the database's outline of all
    kinds brought to `revision` (patched, or read whole when it cannot be), kept again when that was a whole read or
    many saves, and then only the kinds `actor` may see."""
    kinds = scope(package, actor)
    with store.reading():
        snapshot = store.kept_outline(wijk_id)
        current = None if snapshot is None else _brought_to(store, wijk_id, revision, snapshot)
        whole = _read(store, None, wijk_id, revision) if current is None else None
    if whole is not None:  # none kept, or one that cannot be patched: read whole, and kept for the next cold read
        store.keep_outline(wijk_id, Snapshot.of_frames(whole.revision, whole.since, whole.in_window, whole.entries,
                                                       whole.links))
        return for_view(whole, kinds)
    if current.revision[0] - snapshot.revision[0] >= KEEP_AGAIN_AFTER:
        store.keep_outline(wijk_id, current)
    # narrowed in Arrow, then only the rows the view keeps made frames (issue 11: a busy wijk's cold page read)
    entries = current.entries.filter(of_kinds(current.entries, kinds))
    return _held(current.revision, current.since, current.in_window, outline_snapshots.to_frame(entries),
                 outline_snapshots.to_frame(current.links), patched=current is not snapshot)


def for_view(whole: HeldOutline, kinds: Scope | None) -> HeldOutline:
    """`whole` (of all kinds) with only the entries of `kinds`, and the links between those."""
    entries = whole.entries[of_kinds(whole.entries, kinds)].reset_index(drop=True)
    return _held(whole.revision, whole.since, whole.in_window, entries, whole.links, patched=whole.patched)


@dataclass(frozen=True)
class _Saves:
    """What was saved in a wijk since an outline was read: the entries' rows now, their links, the new window."""

    changed: list[str]  # the saved entries' ids
    entries: pd.DataFrame  # their rows now (of the kinds asked; an entry that left them has none)
    links: pd.DataFrame  # the links from them now
    since: dt.datetime
    in_window: int


def _saves_since(store: EntryStore, kinds: Scope | None, wijk_id: str, revision: tuple, before) -> _Saves | None:
    """The saves that lead from `before` (an outline held or kept: its revision and window) to `revision`, None when
    the history does not show every one of them (read whole then)."""
    if not _may_patch(before, revision):
        return None
    with store.reading():  # one connection for the saves since and their rows (issue 11: round trips on PostgreSQL)
        saved = store.saved_since(wijk_id, before.since)
        if len(saved) - before.in_window != revision[0] - before.revision[0]:
            return None  # a save outside the window, or one being read
        changed = sorted({item_id for item_id, _ in saved})
        fresh = store.outline(wijk_id, scope=kinds, only=changed)
        fresh_links = store.links_from_wijk(wijk_id, only=changed)
    since = revision[1] - dt.timedelta(days=CLOCKS_AGREE_WITHIN_DAYS)
    in_window = sum(moment >= since for _, moment in saved)  # the new window lies within the old one
    return _Saves(changed, fresh, fresh_links, since, in_window)


def _brought_to(store: EntryStore, wijk_id: str, revision: tuple, snapshot: Snapshot) -> Snapshot | None:
    """The kept `snapshot` at `revision`: as it is, or with the saves since patched in; None when it cannot be."""
    if snapshot.revision == revision:
        return snapshot
    saves = _saves_since(store, None, wijk_id, revision, snapshot)
    if saves is None:
        return None
    entries = outline_snapshots.patched(snapshot.entries, "item_id", saves.changed, saves.entries)
    links = outline_snapshots.patched(snapshot.links, "van_item", saves.changed, saves.links)
    if entries is None or links is None:
        return None
    return Snapshot(revision, saves.since, saves.in_window, entries, links)


def _read(store: EntryStore, kinds: Scope | None, wijk_id: str, revision: tuple) -> HeldOutline:
    latest = revision[1]
    since = None if latest is None else latest - dt.timedelta(days=CLOCKS_AGREE_WITHIN_DAYS)
    with store.reading():  # one connection for the three reads
        entries = store.outline(wijk_id, scope=kinds)
        links = store.links_from_wijk(wijk_id)
        in_window = 0 if since is None else len(store.saved_since(wijk_id, since))
    return _held(revision, since, in_window, entries, links)


def _at_revision(store: EntryStore, kinds: Scope | None, wijk_id: str, revision: tuple,
                 before: HeldOutline | None) -> HeldOutline:
    if before is not None and before.revision == revision:
        return before
    saves = _saves_since(store, kinds, wijk_id, revision, before)
    if saves is None:
        return _read(store, kinds, wijk_id, revision)
    # an entry saved since may have left what the user may see (its visibility changed): its old row goes
    return _held(revision, saves.since, saves.in_window, _patched(before.entries, "item_id", saves.changed,
                                                                  saves.entries),
                 _patched(before.links, "van_item", saves.changed, saves.links), patched=True)


def _may_patch(before: HeldOutline | Snapshot | None, revision: tuple) -> bool:
    """Whether `revision` can follow from `before` by saves alone: the same erasures, more history rows."""
    return (before is not None and before.since is not None and revision[1] is not None
            and revision[2] == before.revision[2] and revision[0] > before.revision[0])


def _patched(frame: pd.DataFrame, key: str, changed: list[str], fresh: pd.DataFrame) -> pd.DataFrame:
    """`frame` without the rows of the changed entries (by `key`), with `fresh` (their rows now) after it."""
    kept = frame[~frame[key].isin(changed)]
    return pd.concat([kept, fresh], ignore_index=True) if len(fresh) else kept.reset_index(drop=True)


def _held(revision: tuple, since: dt.datetime | None, in_window: int, entries: pd.DataFrame, links: pd.DataFrame,
          patched: bool = False) -> HeldOutline:
    return HeldOutline(revision, since, in_window, entries, links, patched)


class Shelf:
    """The latest outline per (wijk, view) on one server, the least recently used going first beyond `size`:
    what `at_revision` patches next. Sessions run in threads, so it is locked."""

    def __init__(self, size: int = 64) -> None:
        self._held: OrderedDict[tuple[str, str], HeldOutline] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, wijk_id: str, view: str) -> HeldOutline | None:
        with self._lock:
            return self._held.get((wijk_id, view))

    def put(self, wijk_id: str, view: str, outline: HeldOutline) -> None:
        with self._lock:
            self._held[(wijk_id, view)] = outline
            self._held.move_to_end((wijk_id, view))
            while len(self._held) > self._size:
                self._held.popitem(last=False)
