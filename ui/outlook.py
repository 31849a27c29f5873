"""The wijk's kansen and bedreigingen on the wijk page: one column per kind the package declares, each line
with its date, open ones newest first and vervallen ones folded. Anyone reads them; who may edit the wijk's
entries may add a line, edit it, mark it vervallen (or current again), remove it, and see its history.

As for entries (ui.editing): a form keeps what was typed when a save is refused, with the message at its
field; a save or an action carries the version that was on the screen, and a colleague's change in between
is shown side by side instead of overwritten.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app import outlook as app_outlook
from domain import format as fmt
from domain import outlook
from domain.editing import Invalid, differences
from domain.messages import say
from domain.permissions import Refused
from domain.privacy import may_see_editors
from domain.texts import t
from nla_data import NlaPackage
from nla_data.facts import OutlookRules
from nla_data.outlook import OutlookStore
from nla_data.store import Conflict, Missing, Saved, Version, database_url, now
from ui import auth, state
from ui.components import literal, sourced, wide_static_table
from ui.form_errors import DATE_BOUNDS, keep_errors

FLASH_KEY = "outlook:flash"
NOTICE_KEY = "outlook:notice"  # an action that did not happen, said once
CONFLICTS_KEY = "outlook:conflicts"  # kans_id -> ActionConflict, shown until reloaded
COMPARED = ("soort", "tekst", "datum", "status")  # what a conflict view sets side by side


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(path: str, url: str) -> OutlookStore:  # noqa: ARG001 - path and url are the cache key
    return OutlookStore(state.store().engine)


def store() -> OutlookStore:
    pkg = state.package()
    return _store(str(pkg.path), database_url(pkg.path))


def frame(wijk_id: str | None = None) -> pd.DataFrame:
    """The kansen and bedreigingen (of one wijk), read again only after a save (here or on another server)
    or an erasure (counted in the entries' revision). Shared by the sessions: read only."""
    pkg = state.package()
    url = database_url(pkg.path)
    return _frame(str(pkg.path), url, _store(str(pkg.path), url).revision(), state.revision(), wijk_id)


@st.cache_resource(show_spinner=False, max_entries=64)
def _frame(path: str, url: str, revision: tuple,  # noqa: ARG001 - the revisions are the cache key
           entries_revision: tuple, wijk_id: str | None) -> pd.DataFrame:  # noqa: ARG001
    return _store(path, url).frame(wijk_id)


def forget() -> None:
    """Drop the cached kansen and bedreigingen at once, in this process, after an erasure (other servers
    see it in the entries' revision)."""
    _frame.clear()


def can_edit(wijk_id: str) -> bool:
    """Whether to offer the buttons at all; app.outlook checks again."""
    return app_outlook.may_edit(auth.actor(), wijk_id) is None


def _today() -> dt.date:
    return now().date()  # Groningen's date, as the store's moments


# --- the block ---------------------------------------------------------------------------------------

def render(pkg: NlaPackage, wijk_id: str, lang: str) -> None:
    rules = pkg.facts.outlook
    if not rules.kinds:
        return
    _said()
    editor = can_edit(wijk_id)
    groups = outlook.by_kind(frame(wijk_id), wijk_id, rules)
    with st.container(border=True, key="outlook"):
        st.subheader(t("out.title", lang), anchor=False)
        st.caption(t("out.intro", lang, source=sourced(pkg.facts.source_names, lang)(rules.source)))
        _action_conflicts(wijk_id, rules, lang)
        if not editor and all(g.open.empty and g.lapsed.empty for g in groups):
            st.caption(t("out.empty", lang))
            return
        for column, group in zip(st.columns(len(groups), gap="medium"), groups):
            kind = rules.kind(group.kind)
            with column:
                st.markdown(f"**{literal(kind.label(lang))}**")
                if editor:
                    _new_line(wijk_id, group.kind, rules, lang)
                if group.open.empty:
                    st.caption(t("out.empty_kind", lang, kind=literal(kind.label(lang).lower())))
                for row in group.open.itertuples():
                    _line(row, rules, editor, lang)
                if not group.lapsed.empty:
                    folded = t("out.lapsed_fold", lang, n=fmt.number(len(group.lapsed), lang))
                    with st.expander(folded,  # keyed: see pages.wijk
                                     key=f"lapsed:{wijk_id}:{group.kind}"):
                        for row in group.lapsed.itertuples():
                            _line(row, rules, editor, lang)


def _said() -> None:
    """What the last save or action left to say: a toast when it worked, the refusal when it did not."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.toast(notice, icon=":material/error:")
        st.error(notice, icon=":material/error:")


def _line(row, rules: OutlookRules, editor: bool, lang: str) -> None:
    kans_id, historian = row.kans_id, may_see_editors(auth.actor())
    with st.container(border=True, key=f"outlook-line-{kans_id}"):
        lapsed = f" · *{t('out.lapsed_badge', lang)}*" if row.status == outlook.LAPSED else ""
        st.markdown(f"**{fmt.date(row.datum, lang)}** · {literal(row.tekst)}{lapsed}")
        if not (editor or historian):
            return
        mode_key = f"outlook-mode:{kans_id}"
        mode = st.session_state.get(mode_key)
        buttons = st.container(horizontal=True, gap="small")
        with buttons:
            version = int(row.versie)
            if editor and st.button(t("edit.edit", lang), key=f"btn-outlook-edit:{kans_id}", icon=":material/edit:",
                                    type="tertiary"):
                st.session_state[mode_key] = None if mode == "edit" else "edit"
                st.session_state[f"outlook-base:{kans_id}"] = version
                st.rerun()
            if editor and row.status == outlook.OPEN:
                st.button(t("out.lapse", lang), key=f"btn-outlook-lapse:{kans_id}", icon=":material/event_busy:",
                          type="tertiary", help=t("out.lapse_help", lang), on_click=_act,
                          args=(Clicked(outlook.LAPSED, kans_id, row.wijk_id, version),))
            elif editor:
                st.button(t("out.reopen", lang), key=f"btn-outlook-reopen:{kans_id}", icon=":material/undo:",
                          type="tertiary", on_click=_act, args=(Clicked(outlook.OPEN, kans_id, row.wijk_id, version),))
            if editor:
                st.button(t("out.remove", lang), key=f"btn-outlook-remove:{kans_id}", icon=":material/delete:",
                          type="tertiary", help=t("out.remove_help", lang), on_click=_act,
                          args=(Clicked(outlook.REMOVED, kans_id, row.wijk_id, version),))
            if historian and st.button(t("edit.history", lang), key=f"btn-outlook-history:{kans_id}",
                                       icon=":material/history:", type="tertiary"):
                st.session_state[mode_key] = "history"
                st.rerun()
        if mode == "edit" and editor:
            _edit_form(row, rules, lang)
        elif mode == "history" and historian:
            _history(row, rules, lang)


# --- forms -------------------------------------------------------------------------------------------

def _request_id(form_key: str) -> str:
    """One id per opened form: a second submit of the same form is recognised by the store."""
    return st.session_state.setdefault(f"req:{form_key}", f"{form_key}:{uuid.uuid4().hex}")


def _forget(form_key: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and
                (k.startswith(f"{form_key}:") or k in (f"req:{form_key}", f"errors:{form_key}"))]:
        del st.session_state[key]


def _new_line(wijk_id: str, kind: str, rules: OutlookRules, lang: str) -> None:
    form_key = f"outlook-new-{wijk_id}-{kind}"
    open_key = f"open:{form_key}"
    if not st.session_state.get(open_key):
        if st.button(t("out.new", lang, kind=literal(rules.kind(kind).singular(lang))), key=f"btn:{form_key}",
                     icon=":material/add:", type="tertiary"):
            st.session_state[open_key] = True
            st.rerun()
        return
    raw, action = _form(form_key, rules, lang)
    if action == "cancel":
        _forget(form_key)
        st.session_state[open_key] = False
        st.rerun()
    if action == "save":
        result = app_outlook.record(store(), rules, wijk_id, {**raw, "soort": kind}, auth.actor(),
                                    _request_id(form_key), _today())
        _after_save(result, form_key, open_key, lang)


def _edit_form(row, rules: OutlookRules, lang: str) -> None:
    kans_id = row.kans_id
    form_key, base_key = f"outlook-edit-{kans_id}", f"outlook-base:{kans_id}"
    current = store().line(kans_id)
    if current is None:
        st.warning(t("out.missing", lang))
        return
    conflict = st.session_state.get(f"outlook-conflict:{kans_id}")
    if conflict:
        st.warning(_sentence("out.conflict", conflict, lang), icon=":material/sync_problem:")
        typed = {"soort": current["soort"], "status": conflict.current["status"],
                 "tekst": st.session_state.get(f"{form_key}:tekst"), "datum": st.session_state.get(f"{form_key}:datum")}
        _side_by_side(conflict.current, typed, t("edit.your_version", lang), rules, lang)
    raw, action = _form(form_key, rules, lang, current)
    if action == "cancel":
        _forget(form_key)
        st.session_state.pop(f"outlook-conflict:{kans_id}", None)
        st.session_state[f"outlook-mode:{kans_id}"] = None
        st.rerun()
    if action == "save":
        base = st.session_state.get(base_key, int(row.versie))
        result = app_outlook.revise(store(), rules, kans_id, base, {**raw, "soort": current["soort"]}, auth.actor(),
                                    _request_id(form_key), _today())
        if isinstance(result, Conflict):
            # Keep the editor's text; from now on they merge against the version they have seen.
            st.session_state[f"outlook-conflict:{kans_id}"] = result
            st.session_state[base_key] = int(result.current["versie"])
            st.session_state.pop(f"req:{form_key}", None)
            st.rerun()
        st.session_state.pop(f"outlook-conflict:{kans_id}", None)
        _after_save(result, form_key, f"outlook-mode:{kans_id}", lang)


def _form(form_key: str, rules: OutlookRules, lang: str, current: dict | None = None) -> tuple[dict, str | None]:
    """Text and date, filled from `current` the first time; errors next to their field."""
    errors = st.session_state.get(f"errors:{form_key}", {})
    if not st.session_state.get(f"{form_key}:_filled"):
        st.session_state[f"{form_key}:_filled"] = True
        st.session_state[f"{form_key}:tekst"] = current["tekst"] if current else ""
        st.session_state[f"{form_key}:datum"] = current["datum"] if current else _today()
    raw: dict = {}
    with st.form(form_key, border=True, enter_to_submit=False):
        for name in ("_refused", "soort", "status"):
            if name in errors:
                st.error(literal(say(errors[name], lang)),
                         icon=":material/lock:" if name == "_refused" else ":material/error:")
        raw["tekst"] = st.text_input(t("out.field.tekst", lang), key=f"{form_key}:tekst", max_chars=rules.text_max,
                                     help=t("out.field.tekst_help", lang, n=rules.text_max))
        _error(errors, "tekst")
        raw["datum"] = st.date_input(t("out.field.datum", lang), key=f"{form_key}:datum", format="DD-MM-YYYY",
                                     **DATE_BOUNDS)
        _error(errors, "datum")
        buttons = st.container(horizontal=True, gap="small")
        with buttons:
            save = st.form_submit_button(t("edit.save", lang), type="primary", icon=":material/save:")
            cancel = st.form_submit_button(t("edit.cancel", lang), type="tertiary")
    return raw, "save" if save else "cancel" if cancel else None


def _error(errors: dict, name: str) -> None:
    if name in errors:
        # in the chosen language; a message may quote what was typed
        st.error(literal(say(errors[name], state.lang())), icon=":material/error:")


def _after_save(result, form_key: str, open_key: str, lang: str) -> None:
    if isinstance(result, Saved):
        _forget(form_key)
        st.session_state[open_key] = None
        st.session_state[FLASH_KEY] = t("edit.saved", lang)
    else:
        keep_errors(result, form_key, lang, "auth.refused", "out.missing")
    st.rerun()


# --- actions: vervallen, weer actueel, verwijderen -----------------------------------------------------

@dataclass(frozen=True)
class Clicked:
    """An action button as it was drawn: the status it sets, the line, and the version on the screen."""

    status: str
    kans_id: str
    wijk_id: str
    base: int

    def request_id(self, session_id: str) -> str:
        """The same click on the same drawing is one request: a double click writes once."""
        return f"outlook:{self.status}:{self.kans_id}:{self.base}:{session_id}"


@dataclass(frozen=True)
class ActionConflict:
    clicked: Clicked
    conflict: Conflict
    username: str | None  # who clicked: the view is theirs only


def _act(clicked: Clicked) -> None:
    """on_click of an action button: handled with the version it was made on, before the page runs."""
    lang = state.lang()
    actor = auth.resolve()
    session_id = st.session_state.setdefault("_session_id", uuid.uuid4().hex[:12])
    result = app_outlook.set_status(store(), clicked.kans_id, clicked.base, clicked.status, actor,
                                    clicked.request_id(session_id))
    conflicts = st.session_state.setdefault(CONFLICTS_KEY, {})
    conflicts.pop(clicked.kans_id, None)
    if isinstance(result, Saved):
        st.session_state[FLASH_KEY] = t(f"out.done.{app_outlook.STATUS_ACTIONS[clicked.status]}", lang)
    elif isinstance(result, Conflict):
        conflicts[clicked.kans_id] = ActionConflict(clicked, result, actor.username)
    elif isinstance(result, Missing):
        st.session_state[NOTICE_KEY] = t("out.missing", lang)
    elif isinstance(result, Refused):
        st.session_state[NOTICE_KEY] = t("auth.refused", lang, reason=say(result.reason, lang))
    elif isinstance(result, Invalid):
        st.session_state[NOTICE_KEY] = " ".join(say(m, lang) for m in result.errors.values())


def _action_conflicts(wijk_id: str, rules: OutlookRules, lang: str) -> None:
    """Each refused action of this user in this wijk: their version beside the one the user acted on."""
    conflicts = st.session_state.get(CONFLICTS_KEY, {})
    actor = auth.actor()
    for kans_id, pending in list(conflicts.items()):
        if pending.username != actor.username or not can_edit(pending.clicked.wijk_id):
            del conflicts[kans_id]  # signed out, or someone else: never show them another's view
            continue
        if pending.clicked.wijk_id != wijk_id:
            continue
        with st.container(border=True, key=f"outlook-conflict-{kans_id}"):
            st.warning(_sentence("out.action_conflict", pending.conflict, lang), icon=":material/sync_problem:")
            _side_by_side(pending.conflict.current, pending.conflict.seen or {},
                          t("out.seen_version", lang, version=pending.clicked.base), rules, lang)
            st.button(t("edit.reload", lang), key=f"btn-outlook-reload:{kans_id}", icon=":material/refresh:",
                      on_click=lambda k=kans_id: st.session_state.get(CONFLICTS_KEY, {}).pop(k, None))


def _sentence(key: str, conflict: Conflict, lang: str) -> str:
    """Who changed it, at what time on which day (a colleague's change is often minutes old)."""
    when = conflict.changed_at
    return t(key, lang, time=fmt.datetime(when, lang).split(" ")[-1], date=fmt.date(when, lang),
             who=literal(conflict.changed_by))


def _side_by_side(theirs: dict, yours: dict, yours_label: str, rules: OutlookRules, lang: str) -> None:
    """Their version (saved now) left, the user's right; only what differs."""
    rows = differences(theirs, {k: _comparable(v) for k, v in yours.items()},
                       [name for name in COMPARED if name in yours])
    left, right = st.columns(2)
    left.markdown(f"**{t('edit.their_version', lang)}**")
    right.markdown(f"**{yours_label}**")
    if not rows:
        st.caption(t("edit.same_content", lang))
    for row in rows:
        label = t(f"out.field.{row.field}", lang)
        left.markdown(f"*{label}:* {_value(row.field, row.theirs, rules, lang)}")
        right.markdown(f"*{label}:* {_value(row.field, row.yours, rules, lang)}")


def _comparable(value):
    """A date and its ISO text are the same date (a snapshot keeps text)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# --- history -----------------------------------------------------------------------------------------

def _history(row, rules: OutlookRules, lang: str) -> None:
    versions = store().history(row.kans_id)
    kind = rules.kind(row.soort)

    def body() -> None:
        st.markdown(t("out.hist.line", lang, kind=literal(kind.singular(lang).capitalize() if kind else row.soort),
                      text=literal(row.tekst)))
        for version in versions:
            with st.container(border=True):
                _version(version, int(row.versie), rules, lang)

    st.dialog(t("hist.title", lang), width="large",
              on_dismiss=lambda: st.session_state.update({f"outlook-mode:{row.kans_id}": None}))(body)()


def _version(version: Version, current: int, rules: OutlookRules, lang: str) -> None:
    action = t(f"out.action.{version.action}", lang)
    if version.version == current:
        action += f" · *{t('hist.current', lang)}*"
    st.markdown(t("hist.version", lang, version=version.version, action=action, when=fmt.moment(version.at, lang),
                  who=literal(version.by)))
    changes = [(name, old, new) for name, (old, new) in version.changes.items()]
    if not changes:
        return
    # st.table reads its cells as markdown: every value is `literal`, so typed markup stays text.
    table = pd.DataFrame({
        t("hist.col.field", lang): [t(f"out.field.{name}", lang) for name, _, _ in changes],
        t("hist.col.before", lang): [_value(name, old, rules, lang) for name, old, _ in changes],
        t("hist.col.after", lang): [_value(name, new, rules, lang) for name, _, new in changes]})
    if all(old is None for _, old, _ in changes):  # a new line: nothing was there before
        table = table.drop(columns=[t("hist.col.before", lang)])
    # as an entry's history (ui.history): wider than a phone, it says that it scrolls sideways
    wide_static_table(f"out-hist-{version.version}", table, lang, hide_index=True, border="horizontal")


def _value(name: str, value, rules: OutlookRules, lang: str) -> str:
    if value is None or value == "":
        return "–"
    if name == "datum":
        return fmt.date(_comparable(value), lang)
    if name == "status":
        return t(f"out.status.{value}", lang)
    if name == "soort":
        kind = rules.kind(value)
        return literal(kind.singular(lang) if kind else value)
    return literal(value)
