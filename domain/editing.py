"""What a frontline worker can do with an entry: add, edit, confirm, close, reopen, restore.

Each action checks the input first (domain.validation) and only then asks the store to write;
invalid input is never stored. Every action carries the version the editor started from and the
id of the form submission, so a colleague's save is never overwritten and a double click never
saves twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain.entries import OPEN_STATUSES
from domain.slugs import slug
from domain.validation import CLOSE_REASONS, EDITABLE, WijkContext, check_entry
from nla_data.store import Conflict, EntryStore, Missing, Saved, now

AUTHOR_MIN, AUTHOR_MAX = 2, 80


@dataclass(frozen=True)
class Invalid:
    errors: dict[str, str]


Result = Saved | Conflict | Missing | Invalid


def check_author(name: str | None) -> str | None:
    """The editor's name is recorded with every change; None when it is fine, else the message."""
    cleaned = " ".join(str(name or "").split())
    if len(cleaned) < AUTHOR_MIN:
        return "Vul eerst je naam in (links in de zijbalk): die komt bij elke wijziging in de geschiedenis."
    if len(cleaned) > AUTHOR_MAX:
        return f"Je naam mag hoogstens {AUTHOR_MAX} tekens hebben."
    return None


def wijk_context(items: pd.DataFrame, buurten: pd.DataFrame, wijk_id: str) -> WijkContext:
    rows = items[items["wijk_id"] == wijk_id]
    return WijkContext(
        wijk_id=wijk_id,
        buurtcodes=frozenset(buurten.loc[buurten["wijk_id"] == wijk_id, "buurtcode"]),
        entries={r.item_id: (r.sectie, r.titel) for r in rows.itertuples()},
    )


def new_item_id(wijk_id: str, title: str, taken: set[str]) -> str:
    base = f"{wijk_id}-{slug(title)[:60]}".strip("-") or wijk_id
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def add_entry(store: EntryStore, context: WijkContext, section: str, raw: dict, author: str,
              request_id: str | None, taken_ids: set[str]) -> Result:
    problem = check_author(author)
    if problem:
        return Invalid({"auteur": problem})
    # The same form again (double click, rerun): its entry exists by now and would fail the check below
    # as a duplicate title; answer as the store does for a repeated request.
    repeated = store.saved_request(request_id)
    if repeated is not None:
        return repeated
    checked = check_entry(raw, section, context)
    if not checked.ok:
        return Invalid(checked.errors)
    values = {k: v for k, v in checked.values.items() if k != "links"} | {"sectie": section}
    item_id = new_item_id(context.wijk_id, values["titel"], taken_ids)
    return store.create(item_id, context.wijk_id, values, checked.values["links"], _clean(author), request_id)


def edit_entry(store: EntryStore, context: WijkContext, item_id: str, base_version: int, raw: dict, author: str,
               request_id: str | None) -> Result:
    problem = check_author(author)
    if problem:
        return Invalid({"auteur": problem})
    current = store.item(item_id)
    if current is None:
        return Missing(item_id)
    checked = check_entry(raw, current["sectie"], context, item_id=item_id)
    if not checked.ok:
        return Invalid(checked.errors)
    values = {k: checked.values[k] for k in EDITABLE}
    return store.update(item_id, base_version, values, checked.values["links"], _clean(author), request_id)


def confirm(store: EntryStore, item_id: str, base_version: int, author: str, request_id: str | None) -> Result:
    """'Nog actueel': one click records who confirmed it and when."""
    problem = check_author(author)
    if problem:
        return Invalid({"auteur": problem})
    values = {"bevestigd_op": now(), "bevestigd_door": _clean(author)}
    return store.update(item_id, base_version, values, None, _clean(author), request_id, action="bevestigd")


def close(store: EntryStore, item_id: str, base_version: int, reason: str, author: str,
          request_id: str | None) -> Result:
    problem = check_author(author)
    if problem:
        return Invalid({"auteur": problem})
    if reason not in CLOSE_REASONS:
        return Invalid({"status": f"Kies een reden: {', '.join(CLOSE_REASONS)}."})
    return store.update(item_id, base_version, {"status": reason}, None, _clean(author), request_id,
                        action="gesloten")


def reopen(store: EntryStore, item_id: str, base_version: int, author: str, request_id: str | None) -> Result:
    """Back to the open status it had before it was closed (or 'loopt')."""
    problem = check_author(author)
    if problem:
        return Invalid({"auteur": problem})
    earlier = [v.snapshot.get("status") for v in store.history(item_id)]
    status = next((s for s in earlier if s in OPEN_STATUSES), "loopt")
    return store.update(item_id, base_version, {"status": status}, None, _clean(author), request_id,
                        action="heropend")


def restore(store: EntryStore, context: WijkContext, item_id: str, base_version: int, version: int, author: str,
            request_id: str | None) -> Result:
    """Bring back an earlier version, as a new version (nothing in the history is lost)."""
    problem = check_author(author)
    if problem:
        return Invalid({"auteur": problem})
    snapshot = store.snapshot_of(item_id, version)
    if snapshot is None:
        return Missing(item_id)
    values = store.typed_snapshot(snapshot)
    links = [target for target in values.pop("koppelingen", []) if target in context.entries]
    # A restored title may meanwhile be used by another entry: check as if typed in.
    checked = check_entry({**values, "links": links}, values["sectie"], context, item_id=item_id)
    if not checked.ok:
        return Invalid(checked.errors)
    values = {k: v for k, v in values.items() if k in EDITABLE or k in ("bevestigd_op", "bevestigd_door")}
    return store.update(item_id, base_version, values, links, _clean(author), request_id, action="hersteld")


def _clean(author: str) -> str:
    return " ".join(str(author).split())
