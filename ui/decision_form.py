"""The budget decisions on the Budget page: the store (beside the entries' database), the list anyone may
read, and the form for the frontline worker of the wijk and the beheerder. The form keeps what was typed
when a save is refused, with the message at its field; the write path (app.decisions) checks again."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from app import decisions as app_decisions
from domain import budget
from domain import format as fmt
from domain.decisions import NO, YES, criterion_key
from domain.messages import say
from domain.privacy import may_see_editors
from domain.texts import t
from nla_data import NlaPackage
from nla_data.decisions import DecisionStore
from nla_data.store import Saved, database_url, now
from ui import auth, state
from ui.components import literal, sourced, wide_dataframe
from ui.form_errors import DATE_BOUNDS, keep_errors


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(path: str, url: str) -> DecisionStore:  # noqa: ARG001 - path and url are the cache key
    return DecisionStore(state.store().engine)


def store() -> DecisionStore:
    pkg = state.package()
    return _store(str(pkg.path), database_url(pkg.path))


def frame() -> pd.DataFrame:
    """Every decision, read again only after a save (here or on another server: the revision is the
    database's) or an erasure (counted in the entries' revision). Shared by the sessions: read only."""
    pkg = state.package()
    url = database_url(pkg.path)
    return _frame(str(pkg.path), url, _store(str(pkg.path), url).revision(), state.revision())


@st.cache_resource(show_spinner=False, max_entries=4)
def _frame(path: str, url: str, revision: tuple,  # noqa: ARG001 - the revisions are the cache key
           entries_revision: tuple) -> pd.DataFrame:  # noqa: ARG001
    return _store(path, url).frame()


def forget() -> None:
    """Drop the cached decisions at once, in this process, after an erasure (other servers see it in the
    entries' revision)."""
    _frame.clear()


# --- the list -----------------------------------------------------------------------------------------

def decision_table(decisions: pd.DataFrame, titles: dict[str, str], pkg: NlaPackage, lang: str,
                   show_recorder: bool) -> pd.DataFrame:
    """The decisions as the public reads them: date, subject, outcome, amount, each criterion, who decided,
    the rationale, an override; who recorded it only for signed-in users (names are not public)."""
    rows = budget.decisions_of(decisions)
    table = pd.DataFrame({
        t("bud.col.date", lang): [fmt.date(d, lang) for d in rows["datum"]],
        t("col.wijk", lang): [pkg.wijken.loc[w, "naam"] for w in rows["wijk_id"]],
        t("bud.col.subject", lang): [titles.get(i, t("bud.hidden_subject", lang)) for i in rows["item_id"]],
        t("bud.col.outcome", lang): [t(f"bud.outcome.{o}", lang) for o in rows["uitkomst"]],
        t("bud.col.amount", lang): [fmt.money(a, lang) for a in rows["bedrag"]]})
    for criterion in pkg.facts.criteria.items:
        table[criterion.label(lang)] = [_answer(c.get(criterion.key), lang) for c in rows["criteria"]]
    table[t("bud.col.by", lang)] = list(rows["besloten_door"])
    table[t("bud.col.rationale", lang)] = list(rows["motivering"])
    table[t("bud.col.override", lang)] = [t("bud.yes", lang) if o else "" for o in rows["boven_budget"]]
    if show_recorder:
        table[t("bud.col.recorded_by", lang)] = [f"{who}, {fmt.date(when, lang)}"
                                                 for who, when in zip(rows["vastgelegd_door"], rows["vastgelegd_op"])]
    return table


def _answer(value, lang: str) -> str:
    return "" if value is None else t("bud.yes", lang) if value else t("bud.no", lang)


def show_list(decisions: pd.DataFrame, titles: dict[str, str], pkg: NlaPackage, lang: str) -> None:
    if decisions.empty:
        st.info(t("bud.decisions_none", lang), icon=":material/gavel:")
        return
    table = decision_table(decisions, titles, pkg, lang, may_see_editors(auth.actor()))
    wide_dataframe("budget-decisions-grid", table, lang, hide_index=True, key="budget-decisions")


# --- the form -----------------------------------------------------------------------------------------

def can_record(wijk_id: str) -> bool:
    """Whether to offer the form at all; app.decisions checks again."""
    return app_decisions.may_record(auth.actor(), wijk_id) is None


def can_record_somewhere(pkg: NlaPackage) -> bool:
    """Whether the user may record a decision in any wijk: only they are asked to choose one for the form."""
    return any(can_record(wijk_id) for wijk_id in pkg.wijken.index)


def _form_key(wijk_id: str) -> str:
    """The form's key, new after every save: fresh widgets, so a saved decision is not left in the form
    (where a second click would record it again under a new request id)."""
    return f"decision-{wijk_id}-{st.session_state.get(f'decision-round:{wijk_id}', 1)}"


def _request_id(form_key: str) -> str:
    return st.session_state.setdefault(f"req:{form_key}", f"{form_key}:{uuid.uuid4().hex}")


def _forget(form_key: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and
                (k.startswith(f"{form_key}:") or k in (f"req:{form_key}", f"errors:{form_key}"))]:
        del st.session_state[key]


def show_form(pkg: NlaPackage, wijk_id: str, items: pd.DataFrame, remaining: int, lang: str) -> None:
    """The decision form in place; on save: a toast and the list shows it, or the messages at their fields."""
    message = st.session_state.pop("budget:flash", None)
    if message:
        st.toast(message, icon=":material/check_circle:")
    if not can_record(wijk_id):
        st.caption(t("bud.form_hint", lang))
        return
    criteria = pkg.facts.criteria
    if not criteria.items:
        st.info(t("bud.no_criteria", lang))
        return
    form_key = _form_key(wijk_id)
    key = lambda name: f"{form_key}:{name}"  # noqa: E731
    errors = st.session_state.get(f"errors:{form_key}", {})
    st.session_state.setdefault(key("besloten_door"), "")
    st.session_state.setdefault(key("datum"), now().date())  # Groningen's date, as the store's moments
    with st.expander(t("bud.form", lang), icon=":material/gavel:", expanded=bool(errors)):
        with st.form(form_key, border=False, enter_to_submit=False):
            raw = fields(pkg, wijk_id, items, key, errors, remaining, lang)
            save = st.form_submit_button(t("bud.save", lang), type="primary", icon=":material/save:")
    if save:
        result = app_decisions.record(store(), pkg.wijken, state.entries()[0], criteria, wijk_id, raw, auth.actor(),
                                      _request_id(form_key))
        if isinstance(result, Saved):
            overridden = bool(store().decision(result.item_id)["boven_budget"])
            _forget(form_key)
            st.session_state[f"decision-round:{wijk_id}"] = st.session_state.get(f"decision-round:{wijk_id}", 1) + 1
            st.session_state["budget:flash"] = t("bud.saved_override" if overridden else "bud.saved", lang)
        else:
            keep_errors(result, form_key, lang, "bud.refused")
        st.rerun()


def fields(pkg: NlaPackage, wijk_id: str, items: pd.DataFrame, key, errors: dict, remaining: int,
           lang: str) -> dict:
    """The decision's fields inside a form, each with its message under it; what they hold, as typed. The
    values come from the session (`key(name)`): a new form starts empty, a revision from the decision."""
    criteria = pkg.facts.criteria
    subjects = app_decisions.subjects(items, wijk_id)
    sections = dict(zip(items["item_id"], items["sectie"]))
    ordered = sorted(subjects, key=lambda i: (sections.get(i) != budget.NEEDS, subjects[i].lower()))
    raw: dict = {}
    if "_refused" in errors:
        st.error(literal(errors["_refused"]), icon=":material/lock:")
    raw["item_id"] = st.selectbox(
        t("bud.field.subject", lang), ordered, index=None, key=key("item_id"),
        format_func=lambda i: f"{subjects[i]} ({t('section.' + sections[i], lang).lower()})",
        placeholder=t("bud.field.subject_placeholder", lang))
    _error(errors, "item_id")
    raw["uitkomst"] = st.radio(t("bud.field.outcome", lang), budget.OUTCOMES, index=None, horizontal=True,
                               key=key("uitkomst"), format_func=lambda o: t(f"bud.outcome.{o}", lang))
    _error(errors, "uitkomst")
    st.markdown(f"**{t('bud.field.criteria', lang)}** · {sourced(pkg.facts.source_names, lang)(criteria.source)}")
    raw["criteria"] = {}
    for criterion in criteria.items:
        raw["criteria"][criterion.key] = st.radio(
            literal(criterion.label(lang)), (YES, NO), index=None, horizontal=True,
            key=key(criterion_key(criterion.key)), format_func=lambda a: t(f"bud.{'yes' if a == YES else 'no'}", lang))
        _error(errors, criterion_key(criterion.key))
    left, right = st.columns(2)
    with left:
        raw["bedrag"] = st.text_input(t("bud.field.amount", lang), key=key("bedrag"), placeholder="1.500",
                                      help=t("bud.field.amount_help", lang, remaining=fmt.money(remaining, lang)))
        _error(errors, "bedrag")
        raw["boven_budget"] = st.checkbox(t("bud.field.override", lang), key=key("boven_budget"))
    with right:
        raw["datum"] = st.date_input(t("bud.field.date", lang), key=key("datum"), format="DD-MM-YYYY", **DATE_BOUNDS)
        _error(errors, "datum")
    raw["besloten_door"] = st.text_input(t("bud.field.by", lang), key=key("besloten_door"),
                                         placeholder=t("bud.field.by_hint", lang))
    _error(errors, "besloten_door")
    raw["motivering"] = st.text_area(t("bud.field.rationale", lang), key=key("motivering"), height=110)
    _error(errors, "motivering")
    return raw


def _error(errors: dict, name: str) -> None:
    if name in errors:
        st.error(literal(say(errors[name], state.lang())), icon=":material/error:")  # in the chosen language

