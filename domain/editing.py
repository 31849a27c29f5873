"""Decisions about entries that do not write: the context a new or edited entry is checked in, a new
entry's id, and the answer for invalid input. The write paths, with their permission check, are in
app.editing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.slugs import slug
from domain.validation import WijkContext
from nla_data.facts import EntryRules


@dataclass(frozen=True)
class Invalid:
    errors: dict[str, str]


def wijk_context(items: pd.DataFrame, buurten: pd.DataFrame, wijk_id: str, rules: EntryRules) -> WijkContext:
    """`rules` are the package's (`NlaPackage.facts.entry_rules`)."""
    rows = items[items["wijk_id"] == wijk_id]
    return WijkContext(
        wijk_id=wijk_id,
        buurtcodes=frozenset(buurten.loc[buurten["wijk_id"] == wijk_id, "buurtcode"]),
        entries={r.item_id: (r.sectie, r.titel) for r in rows.itertuples()},
        rules=rules,
    )


def new_item_id(wijk_id: str, title: str, taken: set[str]) -> str:
    base = f"{wijk_id}-{slug(title)[:60]}".strip("-") or wijk_id
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate

