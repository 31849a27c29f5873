"""Check a budget decision before anything is stored: per field a Dutch message that can stand next to it.

A decision is about one need or initiative of the wijk; it grants or refuses; it answers every criterion
the package declares (`facts.criteria`: in Groningen the four of the wijkteams' task description, 2011)
with yes or no; it has an amount in whole euros (never negative, at most the wijk's ceiling), a date, who
decided, and a public rationale. A grant above what the wijk has left is refused unless the override is
ticked, which is then stored with the decision (and logged, app.decisions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.budget import GRANTED, OUTCOMES
from domain.messages import Message, date, money, number, per_language
from domain.validation import Checked, _amount, _missing, _str, strip_invisible  # the entries' own rules
from nla_data.facts import DecisionCriteria, EntryRules

YES, NO = "ja", "nee"
RATIONALE_MIN, RATIONALE_MAX = 10, 4000
WHO_MAX = 200
DATE_MIN, DATE_MAX = dt.date(1990, 1, 1), dt.date(2100, 12, 31)


@dataclass(frozen=True)
class DecisionContext:
    """What a check needs: the wijk, what a decision may be about, the criteria and the money left."""

    wijk_id: str
    subjects: dict[str, str]  # item_id -> title: the wijk's needs and initiatives
    criteria: DecisionCriteria
    remaining: int  # after the cut less granted so far
    ceiling: int  # no single decision is more than the wijk's whole ceiling


def criterion_key(criterion: str) -> str:
    """The error key (and form field) of one criterion."""
    return f"criterium:{criterion}"


def check_decision(raw: dict, context: DecisionContext) -> Checked:
    """Clean and check one decision; never raises on any input."""
    errors: dict[str, str] = {}
    values: dict = {}
    subject = raw.get("item_id")
    if _missing(subject) or subject not in context.subjects:
        errors["item_id"] = Message("msg.decision_subject")
    values["item_id"] = subject
    outcome = raw.get("uitkomst")
    if outcome not in OUTCOMES:
        errors["uitkomst"] = Message("msg.decision_outcome")
    values["uitkomst"] = outcome
    answers = raw.get("criteria") or {}
    values["criteria"] = {}
    for criterion in context.criteria.items:
        answer = answers.get(criterion.key) if isinstance(answers, dict) else None
        if answer not in (YES, NO):
            label = per_language(criterion.label.nl.lower(), criterion.label.en.lower())
            errors[criterion_key(criterion.key)] = Message("msg.decision_criterion", criterion=label)
        else:
            values["criteria"][criterion.key] = answer == YES
    values["bedrag"] = _amount(raw.get("bedrag"), errors, EntryRules(amount_min=0, amount_max=context.ceiling))
    if values["bedrag"] is None and "bedrag" not in errors:
        errors["bedrag"] = Message("msg.decision_amount")
    values["boven_budget"] = bool(raw.get("boven_budget"))
    if (outcome == GRANTED and values["bedrag"] is not None and values["bedrag"] > context.remaining
            and not values["boven_budget"]):
        errors["bedrag"] = over_budget(context.remaining)
    if outcome != GRANTED or (values["bedrag"] is not None and values["bedrag"] <= context.remaining):
        values["boven_budget"] = False  # only a grant above what is left is an override
    values["datum"] = _date(raw.get("datum"), errors)
    values["besloten_door"] = _text(raw.get("besloten_door"), "besloten_door", 2, WHO_MAX, errors,
                                    Message("msg.decision_by"))
    values["motivering"] = _text(raw.get("motivering"), "motivering", RATIONALE_MIN, RATIONALE_MAX, errors,
                                 Message("msg.decision_rationale"))
    return Checked(values, errors)


def over_budget(remaining: int) -> str:
    """The message at the amount when a grant is more than the wijk has left."""
    return Message("msg.decision_over_budget", left=money(max(remaining, 0)))


def _date(value, errors: dict) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if DATE_MIN <= value <= DATE_MAX:
            return value
        errors["datum"] = Message("msg.date_years", first=date(DATE_MIN), last=date(DATE_MAX))
        return None
    if _missing(value):
        errors["datum"] = Message("msg.decision_date")
        return None
    text = _str(value).strip()
    for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return _date(dt.datetime.strptime(text, pattern).date(), errors)
        except ValueError:
            continue
    else:
        errors["datum"] = Message("msg.date_format")
        return None


def _text(value, name: str, shortest: int, longest: int, errors: dict, empty: str) -> str | None:
    text = "" if _missing(value) else strip_invisible(_str(value)).strip()
    if not text:
        errors[name] = empty
        return None
    if len(text) < shortest:
        errors[name] = Message("msg.text_short", n=number(shortest))
        return None
    if len(text) > longest:
        errors[name] = Message("msg.text_long", max=number(longest), n=number(len(text)))
        return None
    return text
