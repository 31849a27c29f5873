"""The entries of a wijkperspectief: three sections, open before closed, and the links between them.

Which statuses count as open is the package's (`NlaPackage.facts.entry_rules.open_statuses`, declared in
`wijkperspectief.statussen`): the functions here are given them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

# The three sections of the wijkperspectief nieuwe stijl, in the order of the report.
SECTIONS = ["gebeurt", "netwerk", "nodig"]


@dataclass(frozen=True)
class Link:
    item_id: str
    title: str
    relation: str  # "hoort-bij" / "neemt-deel-aan", seen from the item that owns the link
    outgoing: bool  # True: this item -> other; False: other -> this item


def for_wijk(items: pd.DataFrame, wijk_id: str, *, open_statuses: Collection[str]) -> pd.DataFrame:
    """The wijk's entries with `open`: open first, then closed; the most recently updated first within each."""
    rows = items[items["wijk_id"] == wijk_id]
    is_open = rows["status"].isin(list(open_statuses))
    return (rows.assign(open=is_open).sort_values(["open", "bijgewerkt_op", "item_id"], ascending=[False, False, True]))


def by_section(items: pd.DataFrame, wijk_id: str, *, open_statuses: Collection[str]) -> dict[str, pd.DataFrame]:
    rows = for_wijk(items, wijk_id, open_statuses=open_statuses)
    return {section: rows[rows["sectie"] == section] for section in SECTIONS}


def open_counts(items: pd.DataFrame, wijk_id: str | None = None, *, open_statuses: Collection[str]) -> dict[str, int]:
    """Open entries per section, for one wijk or the whole city."""
    rows = items if wijk_id is None else items[items["wijk_id"] == wijk_id]
    rows = rows[rows["status"].isin(list(open_statuses))]
    return {section: int((rows["sectie"] == section).sum()) for section in SECTIONS}


def open_counts_of_kinds(kinds: pd.DataFrame, wijk_id: str | None = None, *,
                        open_statuses: Collection[str]) -> dict[str, int]:
    """`open_counts` from entries counted per kind (a row per wijk, section and status with `aantal`)."""
    rows = kinds if wijk_id is None else kinds[kinds["wijk_id"] == wijk_id]
    rows = rows[rows["status"].isin(list(open_statuses))]
    return {section: int(rows.loc[rows["sectie"] == section, "aantal"].sum()) for section in SECTIONS}


def links_of(item_id: str, items: pd.DataFrame, koppelingen: pd.DataFrame) -> list[Link]:
    titles = dict(zip(items["item_id"], items["titel"]))
    out = koppelingen[koppelingen["van_item"] == item_id]
    into = koppelingen[koppelingen["naar_item"] == item_id]
    return ([Link(t, titles.get(t, t), r, True) for t, r in zip(out["naar_item"], out["relatie"])]
            + [Link(v, titles.get(v, v), r, False) for v, r in zip(into["van_item"], into["relatie"])])


def links_index(item_ids: Collection[str], items: pd.DataFrame, koppelingen: pd.DataFrame) -> dict[str, list[Link]]:
    """`links_of` for many entries at once (the cards of a wijk page): one pass over the links and one
    look-up of the titles, instead of a pass over everything per card. Entries without links are absent."""
    links = link_tuples(koppelingen)
    ends = {source for source, _, _ in links} | {target for _, target, _ in links}
    titles = {item_id: title for item_id, title in zip(items["item_id"].to_numpy(object), items["titel"].to_numpy(object))
              if item_id in ends}
    return index_links(item_ids, titles, links)


def link_tuples(koppelingen: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The links as (from, to, relation)."""
    return list(zip(*(koppelingen[column].to_numpy(object) for column in ("van_item", "naar_item", "relatie"))))


def index_links(item_ids: Collection[str], titles: Mapping[str, str],
                links: Collection[tuple[str, str, str]]) -> dict[str, list[Link]]:
    """`links_index` on the links as (from, to, relation) and the titles by id: the other end's id stands in for a
    title not given."""
    # in plain Python over the values: a page's cards have a few dozen links, and pandas' filters cost 2 ms of fixed
    # overhead on every cold read of a wijk page (issue 11)
    ids = set(item_ids)
    index: dict[str, list[Link]] = {}
    for source, target, relation in links:
        if source in ids:
            index.setdefault(source, []).append(Link(target, titles.get(target, target), relation, True))
    for source, target, relation in links:
        if target in ids:
            index.setdefault(target, []).append(Link(source, titles.get(source, source), relation, False))
    return index


@dataclass(frozen=True)
class OutlinePage:
    """What a wijk page shows of the wijk's outline (its entries without their texts, as a viewer may see them)."""

    counts: dict[tuple[str, bool], int]  # (section, open) -> how many entries
    chosen: list[tuple[str, bool]]  # the cards to draw: (id, open) per (section, open) of the limits, in their order
    needs_total: int  # the open needs' amounts, as `needs_total`


def outline_page(outline: pd.DataFrame, open_statuses: Collection[str],
                 limits: dict[tuple[str, bool], int]) -> OutlinePage:
    """Per (section, open) how many entries `outline` (one wijk's) has, and of those in `limits` the ids of the
    `limit` newest: the most recently updated first, then by id, a moment unknown last (`for_wijk`'s order); and the
    open needs' total. One pass over the columns as arrays: pandas per part, or a query per part walking a section's
    index past what the viewer may not see, cost more than the few cards (issue 11)."""
    sections = outline["sectie"].to_numpy(object)
    is_open = outline["status"].isin(list(open_statuses)).to_numpy(bool)
    in_section = {section: sections == section for section in SECTIONS}
    parts = {(section, flag): in_section[section] & (is_open == flag) for section in SECTIONS for flag in (True, False)}
    needs = outline["bedrag"][parts[("nodig", True)]]
    return OutlinePage(counts={part: int(np.count_nonzero(rows)) for part, rows in parts.items()},
                       chosen=_newest_per_part(outline, parts, limits), needs_total=int(needs.fillna(0).sum()))


def _newest_per_part(outline: pd.DataFrame, parts: dict[tuple[str, bool], np.ndarray],
                     limits: dict[tuple[str, bool], int]) -> list[tuple[str, bool]]:
    moments = pd.DatetimeIndex(outline["bijgewerkt_op"]).asi8  # NaT is the smallest value: unknown moments last
    ids = outline["item_id"].to_numpy(object)
    chosen: list[tuple[str, bool]] = []
    for (section, flag), limit in limits.items():
        rows = np.flatnonzero(parts[(section, flag)])
        if len(rows) > limit > 0:  # only those from the limit-th newest moment on are sorted, its ties by id
            stamps = moments[rows]
            rows = rows[stamps >= np.partition(stamps, len(rows) - limit)[len(rows) - limit]]
        ordered = sorted(rows.tolist(), key=lambda row: (-int(moments[row]), ids[row]))
        chosen += [(ids[row], flag) for row in ordered[:limit]]
    return chosen


def needs_total(items: pd.DataFrame, wijk_id: str, *, open_statuses: Collection[str]) -> int:
    """Sum of the estimated amounts of the open needs of a wijk (whole euros)."""
    # chosen on the values as Python objects: pandas' comparisons of its (pyarrow) strings and cutting the frame by
    # them had a fixed cost of 1 ms (issue 11: on a wijk's outline of 8 entries 1.2 → 0.2 ms, of 4,450 1.1 → 0.9 ms)
    opened = set(open_statuses)
    statuses = np.fromiter(map(opened.__contains__, _cells(items, "status")), dtype=bool, count=len(items))
    chosen = (_cells(items, "wijk_id") == wijk_id) & (_cells(items, "sectie") == "nodig") & statuses
    return int(items["bedrag"][chosen].fillna(0).sum())


def _cells(items: pd.DataFrame, column: str) -> np.ndarray:
    """A column's values as Python objects, None where there is none (which equals no string)."""
    return items[column].to_numpy(object, na_value=None)
