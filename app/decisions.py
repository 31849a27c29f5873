"""Record or revise a budget decision: first `allowed(actor, RECORD_DECISION, wijk)`, then the check
(domain.decisions) against what the wijk has left now, and only then the write, which checks the money
again under the wijk's lock (two grants at the same moment cannot together pass the budget). A refused or
invalid request writes nothing. A grant above the remaining budget with the override ticked is stored as such
and written to the audit log (who, which wijk, how much, how far over). A revision names the version it
started from and is refused, with the other version, when someone changed the decision meanwhile.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from domain import budget
from domain.decisions import DecisionContext, check_decision, over_budget
from domain.editing import Invalid
from domain.permissions import RECORD_DECISION, Actor, Refused, allowed, wijk
from nla_data.decisions import DecisionStore, Limit, OverBudget
from nla_data.facts import DecisionCriteria
from nla_data.personal import log_event
from nla_data.settings import settings
from nla_data.store import Conflict, Missing, Saved

OVERRIDE_EVENT = "besluit-boven-budget"


def may_record(actor: Actor, wijk_id: str) -> Refused | None:
    decision = allowed(actor, RECORD_DECISION, wijk(wijk_id))
    return None if decision else Refused(decision.reason)


def subjects(items: pd.DataFrame, wijk_id: str) -> dict[str, str]:
    """What a decision of this wijk may be about: its needs and initiatives (item_id -> title)."""
    rows = items[(items["wijk_id"] == wijk_id) & items["sectie"].isin([budget.NEEDS, budget.INITIATIVES])]
    return dict(zip(rows["item_id"], rows["titel"]))


def context(wijken: pd.DataFrame, items: pd.DataFrame, store: DecisionStore, criteria: DecisionCriteria,
            wijk_id: str) -> DecisionContext:
    """The check's context as the database is now: the money left after every decision saved so far."""
    return DecisionContext(wijk_id, subjects(items, wijk_id), criteria,
                           budget.remaining(wijken, store.frame(wijk_id), wijk_id),
                           int(wijken.loc[wijk_id, "plafond_2011_2014"]))


def record(store: DecisionStore, wijken: pd.DataFrame, items: pd.DataFrame, criteria: DecisionCriteria,
           wijk_id: str, raw: dict, actor: Actor, request_id: str | None) -> Saved | Invalid | Refused:
    refused = may_record(actor, wijk_id)
    if refused:
        return refused
    if not criteria.items:
        return Refused("het datapakket noemt geen criteria voor besluiten (wijkperspectief.besluitcriteria)")
    checking = context(wijken, items, store, criteria, wijk_id)
    checked = check_decision(raw, checking)
    if not checked.ok:
        return Invalid(checked.errors)
    saved = store.record(wijk_id, checked.values, actor.name, request_id, limit=_limit(wijken, wijk_id))
    return _logged(saved, checked.values, checking.remaining, actor, wijk_id)


def revise(store: DecisionStore, wijken: pd.DataFrame, items: pd.DataFrame, criteria: DecisionCriteria,
           besluit_id: str, base_version: int, raw: dict, actor: Actor,
           request_id: str | None) -> Saved | Invalid | Refused | Conflict | Missing:
    """Change a decision as `raw` says, if it is still at `base_version`. The money check leaves this decision's
    own grant out of what was granted: lowering a grant always fits, raising it must fit what is left."""
    current = store.decision(besluit_id)
    if current is None:
        return Missing(besluit_id)
    wijk_id = current["wijk_id"]
    refused = may_record(actor, wijk_id)
    if refused:
        return refused
    checking = context(wijken, items, store, criteria, wijk_id)
    own = int(current["bedrag"]) if current["uitkomst"] == budget.GRANTED else 0
    checking = replace(checking, remaining=checking.remaining + own)
    checked = check_decision(raw, checking)
    if not checked.ok:
        return Invalid(checked.errors)
    saved = store.revise(besluit_id, base_version, checked.values, actor.name, request_id,
                         limit=_limit(wijken, wijk_id))
    if isinstance(saved, (Conflict, Missing)):
        return saved
    return _logged(saved, checked.values, checking.remaining, actor, wijk_id)


def _logged(saved: Saved | OverBudget, values: dict, remaining: int, actor: Actor,
            wijk_id: str) -> Saved | Invalid:
    """A grant that no longer fits becomes the message at the amount; an override is written to the audit log."""
    if isinstance(saved, OverBudget):  # someone granted money meanwhile: the same message, with what is left now
        return Invalid({"bedrag": over_budget(saved.remaining)})
    if values["boven_budget"] and not saved.repeated:
        log_event(settings().audit_log, OVERRIDE_EVENT, actor.username or "?",
                  {"wijk": wijk_id, "besluit": saved.item_id, "bedrag": values["bedrag"], "resterend_voor": remaining})
    return saved


def _limit(wijken: pd.DataFrame, wijk_id: str) -> Limit:
    return Limit(budget.after_cut(wijken, wijk_id), budget.GRANTED)
