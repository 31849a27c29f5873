"""Record a budget decision: first `allowed(actor, RECORD_DECISION, wijk)`, then the check
(domain.decisions) against what the wijk has left now, and only then the write, which checks the money
again under the wijk's lock (two grants at the same moment cannot together pass the budget). A refused or
invalid request writes nothing. A grant above the remaining budget with the override ticked is stored as such
and written to the audit log (who, which wijk, how much, how far over).
"""

from __future__ import annotations

import pandas as pd

from domain import budget
from domain.decisions import DecisionContext, check_decision, over_budget
from domain.editing import Invalid
from domain.permissions import RECORD_DECISION, Actor, Refused, allowed, wijk
from nla_data.decisions import DecisionStore, Limit, OverBudget
from nla_data.facts import DecisionCriteria
from nla_data.personal import log_event
from nla_data.settings import settings
from nla_data.store import Saved

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
    if isinstance(saved, OverBudget):  # someone granted money meanwhile: the same message, with what is left now
        return Invalid({"bedrag": over_budget(saved.remaining)})
    if checked.values["boven_budget"] and not saved.repeated:
        log_event(settings().audit_log, OVERRIDE_EVENT, actor.username or "?",
                  {"wijk": wijk_id, "besluit": saved.item_id, "bedrag": checked.values["bedrag"],
                   "resterend_voor": checking.remaining})
    return saved


def _limit(wijken: pd.DataFrame, wijk_id: str) -> Limit:
    return Limit(budget.after_cut(wijken, wijk_id), budget.GRANTED)
