"""What a frontline worker can do with an entry: add, edit, confirm, close, reopen, restore.

Each action first asks `allowed(actor, EDIT_ENTRIES, wijk)`, then checks the input
(domain.validation) and only then asks the store to write: a refused or invalid request writes
nothing. The recorded editor is the signed-in actor. Every action carries the version the editor
started from and the id of the form submission, so a colleague's save is never overwritten and a
double click never saves twice.
"""

from __future__ import annotations

from domain.editing import Invalid, Unchanged, differences, new_item_id
from domain.messages import Message
from domain.permissions import EDIT_ENTRIES, Actor, Refused, allowed, wijk
from domain.validation import EDITABLE, WijkContext, check_entry
from nla_data.facts import EntryRules
from nla_data.store import Conflict, EntryStore, Missing, Saved, now

Result = Saved | Conflict | Missing | Invalid | Refused | Unchanged


def may_edit(actor: Actor, wijk_id: str) -> Refused | None:
    decision = allowed(actor, EDIT_ENTRIES, wijk(wijk_id))
    return None if decision else Refused(decision.reason)


def add_entry(store: EntryStore, context: WijkContext, section: str, raw: dict, actor: Actor,
              request_id: str | None, taken_ids: set[str]) -> Result:
    refused = may_edit(actor, context.wijk_id)
    if refused:
        return refused
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
    return store.create(item_id, context.wijk_id, values, checked.values["links"], actor.name, request_id)


def edit_entry(store: EntryStore, context: WijkContext, item_id: str, base_version: int, raw: dict, actor: Actor,
               request_id: str | None) -> Result:
    current = store.item(item_id)
    if current is None:
        return Missing(item_id)
    refused = may_edit(actor, current["wijk_id"])
    if refused:
        return refused
    if current["wijk_id"] != context.wijk_id:
        return Refused(Message("perm.other_wijk"))
    repeated = store.saved_request(request_id)  # the same form again: answered as the first time
    if repeated is not None:
        return repeated
    checked = check_entry(raw, current["sectie"], context, item_id=item_id)
    if not checked.ok:
        return Invalid(checked.errors)
    if not _changed(current, checked.values, context):
        return Unchanged(item_id)  # a version without a change would only fake a sign of life
    values = {k: checked.values[k] for k in EDITABLE if k in checked.values}
    return store.update(item_id, base_version, values, checked.values["links"], actor.name, request_id)


def _changed(current: dict, values: dict, context: WijkContext) -> bool:
    """Whether the checked `values` differ from the entry as stored, both cleaned by the same check (a stored
    value the check would write differently is no change)."""
    stored = check_entry({**current, "links": current.get("koppelingen") or []}, current["sectie"], context,
                         item_id=current["item_id"]).values
    return bool(differences(stored, values, [*EDITABLE, "links"]))


def confirm(store: EntryStore, item_id: str, base_version: int, actor: Actor, request_id: str | None) -> Result:
    """'Nog actueel': one click records who confirmed it and when."""
    refused = _refused_for_item(store, item_id, actor)
    if refused:
        return refused
    values = {"bevestigd_op": now(), "bevestigd_door": actor.name}
    return store.update(item_id, base_version, values, None, actor.name, request_id, action="bevestigd")


def close(store: EntryStore, item_id: str, base_version: int, reason: str, actor: Actor,
          request_id: str | None, *, rules: EntryRules) -> Result:
    """`reason`: one of the package's closed statuses (`rules`, NlaPackage.facts.entry_rules)."""
    refused = _refused_for_item(store, item_id, actor)
    if refused:
        return refused
    if reason not in rules.closed_statuses:
        return Invalid({"status": f"Kies een reden: {', '.join(rules.closed_statuses)}."})
    return store.update(item_id, base_version, {"status": reason}, None, actor.name, request_id, action="gesloten")


def reopen(store: EntryStore, item_id: str, base_version: int, actor: Actor, request_id: str | None, *,
           rules: EntryRules) -> Result:
    """Back to the open status it had before it was closed, else the first open status of the package
    (`rules`, NlaPackage.facts.entry_rules)."""
    refused = _refused_for_item(store, item_id, actor)
    if refused:
        return refused
    earlier = [v.snapshot.get("status") for v in store.history(item_id)]
    status = next((s for s in earlier if rules.is_open(s)), rules.open_statuses[0])
    return store.update(item_id, base_version, {"status": status}, None, actor.name, request_id, action="heropend")


def restore(store: EntryStore, context: WijkContext, item_id: str, base_version: int, version: int, actor: Actor,
            request_id: str | None) -> Result:
    """Bring back an earlier version, as a new version (nothing in the history is lost)."""
    refused = _refused_for_item(store, item_id, actor)
    if refused:
        return refused
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
    return store.update(item_id, base_version, values, links, actor.name, request_id, action="hersteld")


def _refused_for_item(store: EntryStore, item_id: str, actor: Actor) -> Refused | Missing | None:
    current = store.item(item_id)
    if current is None:
        return Missing(item_id)
    return may_edit(actor, current["wijk_id"])
