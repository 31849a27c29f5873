"""Write a wijk's kansen and bedreigingen: who may edit the wijk's entries may edit its outlook
(`allowed(actor, EDIT_ENTRIES, wijk)`: its frontline workers and the beheerder); anyone may read them.

Each write first asks permission, then checks the input (domain.outlook), and only then asks the store:
a refused or invalid request writes nothing. The recorded author is the signed-in actor; every change
carries the version it started from and the form's request id.
"""

from __future__ import annotations

import datetime as dt

from domain.editing import Invalid
from domain.outlook import LAPSED, OPEN, REMOVED, check_line
from domain.permissions import EDIT_ENTRIES, Actor, Refused, allowed, wijk
from nla_data.facts import OutlookRules
from nla_data.outlook import OutlookStore
from nla_data.store import Conflict, Missing, Saved

Result = Saved | Conflict | Missing | Invalid | Refused
STATUS_ACTIONS = {LAPSED: "vervallen", OPEN: "heropend", REMOVED: "verwijderd"}  # as the history names them


def may_edit(actor: Actor, wijk_id: str) -> Refused | None:
    decision = allowed(actor, EDIT_ENTRIES, wijk(wijk_id))
    return None if decision else Refused(decision.reason)


def record(store: OutlookStore, rules: OutlookRules, wijk_id: str, raw: dict, actor: Actor,
           request_id: str | None, today: dt.date) -> Result:
    refused = may_edit(actor, wijk_id)
    if refused:
        return refused
    if not rules.kinds:
        return Refused("het datapakket noemt geen soorten kansen en bedreigingen (wijkperspectief.kansen)")
    checked = check_line(raw, rules, today)
    if not checked.ok:
        return Invalid(checked.errors)
    return store.record(wijk_id, {**checked.values, "status": OPEN}, actor.name, request_id)


def revise(store: OutlookStore, rules: OutlookRules, kans_id: str, base_version: int, raw: dict, actor: Actor,
           request_id: str | None, today: dt.date) -> Result:
    current = store.line(kans_id)
    if current is None:
        return Missing(kans_id)
    refused = may_edit(actor, current["wijk_id"])
    if refused:
        return refused
    checked = check_line(raw, rules, today)
    if not checked.ok:
        return Invalid(checked.errors)
    return store.revise(kans_id, base_version, checked.values, actor.name, request_id)


def set_status(store: OutlookStore, kans_id: str, base_version: int, status: str, actor: Actor,
               request_id: str | None) -> Result:
    """Vervallen, open again, or removed from the list (the history keeps it)."""
    current = store.line(kans_id)
    if current is None:
        return Missing(kans_id)
    refused = may_edit(actor, current["wijk_id"])
    if refused:
        return refused
    if status not in STATUS_ACTIONS:
        return Invalid({"status": "Onbekende status."})
    return store.revise(kans_id, base_version, {"status": status}, actor.name, request_id,
                        action=STATUS_ACTIONS[status])
