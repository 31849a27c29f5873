"""What of the entries an actor may see: the rows (by visibility) and, in them, the personal data.

One place decides, through `domain.permissions.allowed`: pages, downloads, exports and reports read
entries only through `visible_entries`, so a name or a phone number cannot slip out by a page
forgetting a check.

Personal data in an entry: who made, changed or confirmed it (editor names) and a person's contact
details. Editor names are shown to signed-in users; contact details only to the frontline workers of
the wijk (and the beheerder).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.permissions import VIEW_CONTACT, VIEW_EDITORS, VIEW_ENTRY, VISIBILITIES, Actor, allowed, entry

EDITOR_COLUMNS = ("auteur", "bijgewerkt_door", "bevestigd_door")
CONTACT_COLUMNS = ("contact_naam", "contact_email", "contact_telefoon", "toestemming_op", "toestemming_wijze")
PERSONAL_COLUMNS = EDITOR_COLUMNS + CONTACT_COLUMNS
DEFAULT_VISIBILITY = {"gebeurt": "openbaar", "nodig": "openbaar", "netwerk": "ingelogd"}


def visibility(items: pd.DataFrame) -> pd.Series:
    """Each entry's visibility: its own, else the section's default (network entries are not public
    unless marked so)."""
    sections = items["sectie"].to_numpy(object)
    own = items["zichtbaarheid"].to_numpy(object) if "zichtbaarheid" in items.columns else [None] * len(items)
    # plain Python per row: pandas' map and where on a page of cards cost more than the rows (issue 11)
    return pd.Series([mine if isinstance(mine, str) and mine != "" else DEFAULT_VISIBILITY.get(section, "ingelogd")
                      for section, mine in zip(sections, own)], index=items.index, dtype=object)


def visible_mask(items: pd.DataFrame, actor: Actor) -> pd.Series:
    """True for the entries `actor` may see (one decision per wijk and visibility, not per row)."""
    kinds = list(zip(items["wijk_id"].astype(str).tolist(), visibility(items).tolist()))
    decided = {kind: bool(allowed(actor, VIEW_ENTRY, entry(*kind))) for kind in set(kinds)}
    return pd.Series([decided[kind] for kind in kinds], index=items.index, dtype=bool)


def unseen_visibilities(actor: Actor, wijk_id: str) -> frozenset[str]:
    """The visibilities whose entries of `wijk_id` `actor` may not see: an empty section says so, rather than
    "nothing recorded" to someone who only may not see it."""
    return frozenset(kind for kind in VISIBILITIES if not allowed(actor, VIEW_ENTRY, entry(wijk_id, kind)))


def visible_entries(items: pd.DataFrame, links: pd.DataFrame, actor: Actor) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The entries `actor` may see, with the personal data they may not see blanked; the links
    between two visible entries."""
    # a new frame: with copy-on-write (pandas 3) blanking a column of it leaves `items` as it was, no copy needed
    # (a copy of every column was a tenth of a page of cards' privacy, issue 11)
    visible = visible_mask(items, actor)
    # all visible (a page of cards chosen from what the actor may see): no row taken out of each of 30 columns
    rows = items.copy(deep=False) if visible.all() else items[visible]
    blank = [] if allowed(actor, VIEW_EDITORS) else [c for c in EDITOR_COLUMNS if c in rows.columns]
    contact = [c for c in CONTACT_COLUMNS if c in rows.columns]
    if contact and len(rows):
        may = _may_see_contact_per_row(rows, actor)
        if may.any():
            for column in contact if not may.all() else ():  # all may: nothing to blank
                rows[column] = rows[column].where(may)
        else:
            blank += contact
    _blank(rows, blank)
    ids = set(rows["item_id"].to_numpy(object))
    kept_links = links[links["van_item"].isin(ids) & links["naar_item"].isin(ids)]
    return rows, kept_links


def _blank(rows: pd.DataFrame, columns: list[str]) -> None:
    """Every value of these columns of `rows` missing, as `where` leaves it (pandas makes None the dtype's missing
    value: NaN in an object column). Made at once, one blank per dtype for the columns of that dtype (copy-on-write
    keeps them apart): `where` per column was a third of a page of cards' privacy, a blank per column half of what
    was left (issue 11)."""
    blanks: dict = {}
    for column in columns:
        dtype = rows[column].dtype
        if dtype not in blanks:
            blanks[dtype] = pd.Series(None, index=rows.index, dtype=dtype)
        rows[column] = blanks[dtype]


def _may_see_contact_per_row(rows: pd.DataFrame, actor: Actor) -> np.ndarray:
    """Per row whether `actor` may see its contact details: one decision per wijk, in plain Python per row (pandas'
    map of the wijk on the decisions took 0.55 of privacy's 4.4 ms on a page of cards, issue 11)."""
    wijken = rows["wijk_id"].to_numpy(object)
    decided = {wijk: may_see_contact(actor, wijk) for wijk in set(wijken)}
    return np.array([decided[wijk] for wijk in wijken], dtype=bool)


def visible_kinds(kinds: pd.DataFrame, actor: Actor) -> frozenset[tuple]:
    """The kinds of entries (wijk_id, sectie, own zichtbaarheid; None where empty in the database) `actor` may
    see, decided by `visible_mask` on one row per kind (`EntryStore.kinds()`): a store query limited to these
    kinds returns the rows `visible_entries` would keep."""
    rows = kinds[visible_mask(kinds, actor)] if len(kinds) else kinds
    return frozenset(tuple(None if pd.isna(v) else str(v) for v in row)
                     for row in rows[["wijk_id", "sectie", "zichtbaarheid"]].itertuples(index=False))


def may_see_editors(actor: Actor) -> bool:
    return bool(allowed(actor, VIEW_EDITORS))


def may_see_contact(actor: Actor, wijk_id: str) -> bool:
    return bool(allowed(actor, VIEW_CONTACT, entry(wijk_id, "frontlijn")))
