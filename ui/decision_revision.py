"""Revising a budget decision on the Budget page: the wijk's frontline worker or the beheerder picks one of
its decisions, changes it in the same fields as a new one (ui.decision_form.fields), and saves a new
version; the history of the decision is below. When someone else changed it since the form was opened,
nothing is saved: their version is shown beside what was typed (which stays in the form), and the user
chooses to take theirs or to save their own over it, knowingly."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from app import decisions as app_decisions
from domain import budget
from domain import format as fmt
from domain.decisions import NO, YES, criterion_key
from domain.privacy import may_see_editors
from domain.texts import t
from nla_data import NlaPackage
from nla_data.store import Conflict, Saved
from ui import auth, state
from ui.components import literal
from ui.decision_form import can_record, fields, store
from ui.form_errors import keep_errors

BASE = "revise-base:{}"  # the version the open form started from
THEIRS = "revise-theirs:{}"  # their version, after a conflict


def show(pkg: NlaPackage, wijk_id: str, decisions: pd.DataFrame, titles: dict[str, str], remaining: int,
         lang: str) -> None:
    """The revision block under the decision list (nothing for who may not record decisions here)."""
    own = decisions[decisions["wijk_id"] == wijk_id]
    if own.empty or not can_record(wijk_id) or not pkg.facts.criteria.items:
        return
    labels = {row.besluit_id: _label(row, titles, lang) for row in own.itertuples()}
    with st.expander(t("bud.revise", lang), icon=":material/edit_note:",
                     expanded=st.session_state.get(f"revise-pick:{wijk_id}") is not None):
        chosen = st.selectbox(t("bud.revise.choose", lang), list(labels), index=None, key=f"revise-pick:{wijk_id}",
                              format_func=labels.get, placeholder=t("bud.revise.placeholder", lang))
        if chosen is None:
            return
        current = store().decision(chosen)
        if current is None:
            st.warning(t("bud.revise.gone", lang), icon=":material/warning:")
            return
        _form(pkg, current, remaining, lang)
        _history(chosen, lang)


def _label(row, titles: dict[str, str], lang: str) -> str:
    subject = titles.get(row.item_id, t("bud.hidden_subject", lang))
    return (f"{fmt.date(row.datum, lang)} · {subject} · {t(f'bud.outcome.{row.uitkomst}', lang)} · "
            f"{fmt.money(row.bedrag, lang)}")


def _form(pkg: NlaPackage, current: dict, remaining: int, lang: str) -> None:
    besluit_id = current["besluit_id"]
    base = st.session_state.setdefault(BASE.format(besluit_id), int(current["versie"]))
    form_key = f"revise-{besluit_id}-{base}"
    key = lambda name: f"{form_key}:{name}"  # noqa: E731
    if key("uitkomst") not in st.session_state:  # opened: the form starts from the decision as it is
        for name, value in _as_typed(current).items():
            st.session_state[key(name)] = value
    errors = st.session_state.get(f"errors:{form_key}", {})
    theirs = st.session_state.get(THEIRS.format(besluit_id))
    if theirs is not None:
        _conflict_view(theirs, lang)
    own_grant = int(current["bedrag"]) if current["uitkomst"] == budget.GRANTED else 0
    with st.form(form_key, border=False, enter_to_submit=False):
        raw = fields(pkg, current["wijk_id"], state.entries()[0], key, errors, remaining + own_grant, lang)
        save = st.form_submit_button(t("bud.revise.save", lang), type="primary", icon=":material/save:")
    if save:
        request_id = st.session_state.setdefault(f"req:{form_key}", f"{form_key}:{uuid.uuid4().hex}")
        result = app_decisions.revise(store(), pkg.wijken, state.entries()[0], pkg.facts.criteria, besluit_id, base,
                                      raw, auth.actor(), request_id)
        _after(result, besluit_id, form_key, lang)
        st.rerun()


def _as_typed(decision: dict) -> dict:
    """The decision as the form's fields hold it: Dutch amount, yes/no answers."""
    typed = {name: decision[name] for name in ("item_id", "uitkomst", "datum", "besloten_door", "motivering")}
    typed["bedrag"] = fmt.number(int(decision["bedrag"]))
    typed["boven_budget"] = bool(decision["boven_budget"])
    for criterion, answer in decision["criteria"].items():
        typed[criterion_key(criterion)] = YES if answer else NO
    return typed


def _after(result, besluit_id: str, form_key: str, lang: str) -> None:
    if isinstance(result, Saved):
        _forget(besluit_id, form_key)
        st.session_state["budget:flash"] = t("bud.revise.saved", lang, version=result.version)
    elif isinstance(result, Conflict):  # keep what was typed; show theirs; the next save still starts from ours
        st.session_state[THEIRS.format(besluit_id)] = {**result.current, "_by": result.changed_by,
                                                       "_at": result.changed_at}
    else:
        keep_errors(result, form_key, lang, "bud.refused", "bud.revise.gone")


def _forget(besluit_id: str, form_key: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and (
            k.startswith(f"{form_key}:") or k in (f"req:{form_key}", f"errors:{form_key}", BASE.format(besluit_id),
                                                 THEIRS.format(besluit_id)))]:
        del st.session_state[key]


def _conflict_view(theirs: dict, lang: str) -> None:
    """Their version beside the form; two ways on: take theirs, or save the typed version over it."""
    besluit_id = theirs["besluit_id"]
    who = theirs["_by"] if may_see_editors(auth.actor()) else t("bud.revise.someone", lang)
    st.warning(t("bud.revise.conflict", lang, who=literal(who), at=fmt.datetime(theirs["_at"], lang)),
               icon=":material/sync_problem:")
    st.dataframe(pd.DataFrame({t("bud.revise.field", lang): [t(f"bud.col.{c}", lang) for c in _SHOWN],
                               t("bud.revise.theirs", lang): [_shown(theirs, c, lang) for c in _SHOWN]}),
                 hide_index=True, width="stretch", key=f"revise-theirs-table:{besluit_id}", placeholder="")
    left, right = st.columns(2)
    if left.button(t("bud.revise.take_theirs", lang), key=f"revise-take:{besluit_id}", icon=":material/undo:"):
        base = st.session_state[BASE.format(besluit_id)]
        _forget(besluit_id, f"revise-{besluit_id}-{base}")  # the form opens again from their version
        st.rerun()
    if right.button(t("bud.revise.keep_mine", lang), key=f"revise-keep:{besluit_id}", icon=":material/save_as:"):
        base = st.session_state[BASE.format(besluit_id)]
        old, new = f"revise-{besluit_id}-{base}", f"revise-{besluit_id}-{int(theirs['versie'])}"
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{old}:")]:
            st.session_state[new + key[len(old):]] = st.session_state.pop(key)  # what was typed, now on theirs
        st.session_state[BASE.format(besluit_id)] = int(theirs["versie"])
        del st.session_state[THEIRS.format(besluit_id)]
        st.rerun()


_SHOWN = ("subject", "outcome", "amount", "date", "by", "rationale")
_COLUMN = {"subject": "item_id", "outcome": "uitkomst", "amount": "bedrag", "date": "datum", "by": "besloten_door",
           "rationale": "motivering"}


def _shown(row: dict, column: str, lang: str) -> str:
    value = row[_COLUMN[column]]
    if column == "outcome":
        return t(f"bud.outcome.{value}", lang)
    if column == "amount":
        return fmt.money(value, lang)
    if column == "date":
        return fmt.date(value, lang)
    if column == "subject":
        return state.entries()[0].set_index("item_id")["titel"].get(value, value)
    return str(value)


def _history(besluit_id: str, lang: str) -> None:
    versions = store().history(besluit_id)
    show_who = may_see_editors(auth.actor())
    st.markdown(f"**{t('bud.revise.history', lang)}**")
    rows = {t("bud.revise.version", lang): [v.version for v in versions],
            t("bud.revise.when", lang): [fmt.datetime(v.at, lang) for v in versions],
            t("bud.revise.action", lang): [t(f"bud.action.{v.action}", lang) for v in versions],
            t("bud.revise.changed", lang): [", ".join(t(f"bud.changed.{name}", lang) for name in v.changes)
                                            if v.version > 1 else t("bud.revise.first", lang) for v in versions]}
    if show_who:
        rows[t("bud.col.recorded_by", lang)] = [v.by for v in versions]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"revise-history:{besluit_id}",
                 placeholder="")
