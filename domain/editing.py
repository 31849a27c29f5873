"""Decisions about entries that do not write: the context a new or edited entry is checked in, a new
entry's id, the answer for invalid input, and what differs between two versions of an entry when a
save or an action met a colleague's change. The write paths, with their permission check, are in
app.editing."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from domain.slugs import slug
from domain.validation import WijkContext
from nla_data.facts import EntryRules


@dataclass(frozen=True)
class Invalid:
    errors: dict[str, str]


@dataclass(frozen=True)
class Unchanged:
    """A save whose values are the entry's own: nothing is written (no version, no new "last updated")."""

    item_id: str


def wijk_context(items: pd.DataFrame, buurten: pd.DataFrame, wijk_id: str, rules: EntryRules,
                 today: dt.date | None = None) -> WijkContext:
    """`rules` are the package's (`NlaPackage.facts.entry_rules`); `today` as WijkContext has it."""
    rows = items[items["wijk_id"] == wijk_id]
    return WijkContext(
        wijk_id=wijk_id,
        buurtcodes=frozenset(buurten.loc[buurten["wijk_id"] == wijk_id, "buurtcode"]),
        entries={r.item_id: (r.sectie, r.titel) for r in rows.itertuples()},
        rules=rules,
        today=today,
    )


def new_item_id(wijk_id: str, title: str, taken: set[str]) -> str:
    base = f"{wijk_id}-{slug(title)[:60]}".strip("-") or wijk_id
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate



# What an entry says and how it stands: the fields a conflict over an action (confirm, close, reopen,
# restore) shows side by side, so the user sees what they would have confirmed or closed unseen.
ACTION_CONFLICT_FIELDS = ("titel", "beschrijving", "status", "thema", "aanpak", "buurtcode", "straat", "rol",
                          "soort_hulp", "bedrag", "startdatum", "soort", "zichtbaarheid", "contact_naam",
                          "contact_email", "contact_telefoon", "toestemming_op", "toestemming_wijze", "koppelingen",
                          "bevestigd_op", "bevestigd_door")
# The fields of the edit form a conflict over a save compares with what the editor typed.
FORM_CONFLICT_FIELDS = ("titel", "beschrijving", "status", "thema", "buurtcode", "straat", "rol", "bedrag", "soort",
                        "zichtbaarheid", "contact_naam", "contact_email", "contact_telefoon", "toestemming_wijze")


@dataclass(frozen=True)
class Difference:
    field: str
    theirs: object  # the version saved now (a colleague's)
    yours: object  # the version the user had: what they saw, or typed


def differences(theirs: dict, yours: dict, fields: Iterable[str]) -> list[Difference]:
    """The fields in which two versions differ, in the order of `fields`: what the user has to compare.
    Empty and missing are the same; `1500` and `"1500"` too (a form gives text)."""
    return [Difference(name, theirs.get(name), yours.get(name)) for name in fields
            if _comparable(theirs.get(name)) != _comparable(yours.get(name))]


def _comparable(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(sorted(map(str, value)))
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
