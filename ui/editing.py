"""Editing on the wijk page: '+ Nieuw' per section, and per entry Bewerken, Bevestigen, Sluiten /
Heropenen and Geschiedenis. Forms keep what was typed when a save is refused.

An action button (Bevestigen, Sluiten, Heropenen, Zet terug) acts on the version that was on the
screen when it was drawn, not on what the database holds when the click arrives: the button's
callback carries that version down to the store. When a colleague changed the entry meanwhile, the
action is refused and the page shows both versions side by side, as for a save (the conflict view).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app import editing
from domain import format as fmt
from domain import privacy
from domain.contact import FIELDS as CONTACT_FIELDS
from domain.editing import ACTION_CONFLICT_FIELDS, FORM_CONFLICT_FIELDS, Difference, Invalid, Unchanged, differences
from domain.messages import say
from domain.permissions import VISIBILITIES, Refused
from domain.texts import label as value_label
from domain.texts import t, tn
from domain.validation import WijkContext, title_bounds
from nla_data.store import Conflict, Missing, Saved, Version, now
from ui import auth, history, state
from ui.components import literal
from ui.form_errors import DATE_BOUNDS

FLASH_KEY = "flash"
NOTICE_KEY = "action_notice"  # (kind, message) of an action that did not happen, said once
NOTICE_ICONS = {"error": ":material/lock:", "warning": ":material/error:", "conflict": ":material/sync_problem:"}
CONFLICTS_KEY = "action_conflicts"  # item_id -> ActionConflict, shown until reloaded
FIELDS_SHOWN = ["titel", "beschrijving", "status", "thema", "buurtcode", "straat", "aanpak", "rol", "soort_hulp",
                "bedrag", "startdatum", "links", *CONTACT_FIELDS]


# --- session keys -------------------------------------------------------------------------------

def _session_id() -> str:
    return st.session_state.setdefault("_session_id", uuid.uuid4().hex[:12])


def _request_id(form_key: str) -> str:
    """One id per opened form: a second submit of the same form is recognised by the store."""
    return st.session_state.setdefault(f"req:{form_key}", f"{form_key}:{uuid.uuid4().hex}")


def _forget_form(form_key: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and
                (k.startswith(f"{form_key}:") or k in (f"req:{form_key}", f"errors:{form_key}"))]:
        del st.session_state[key]


def flash(message: str) -> None:
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """What the last save or action left to say, at the top of the wijk's entries: a toast when it worked,
    the refusal when it did not, and the conflict view of every action a colleague's change overtook."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, text = notice
        # A toast too: the click may have been far down the page, out of sight of what is said up here.
        st.toast(text, icon=NOTICE_ICONS[kind])
        if kind == "error":
            st.error(text, icon=NOTICE_ICONS[kind])
        elif kind == "warning":
            st.warning(text, icon=NOTICE_ICONS[kind])
    _action_conflicts(state.lang())


# --- new entries ----------------------------------------------------------------------------------

def new_entry(section: str, context: WijkContext, buurten: dict[str, str], lang: str) -> None:
    """The '+ Nieuw' button of a section, and its form in place."""
    if not can_edit(context.wijk_id):
        return
    form_key = f"new-{context.wijk_id}-{section}"
    open_key = f"open:{form_key}"
    if not st.session_state.get(open_key):
        if st.button(t("edit.new", lang), key=f"btn:{form_key}", icon=":material/add:"):
            st.session_state[open_key] = True
            st.rerun()
        return
    raw, action = _entry_form(form_key, section, None, context, buurten, lang)
    if action == "cancel":
        _forget_form(form_key)
        st.session_state[open_key] = False
        st.rerun()
    if action == "save":
        result = editing.add_entry(state.store(), context, section, raw, auth.actor(), _request_id(form_key),
                                   state.store().ids_starting(context.wijk_id))  # a new id starts with its wijk's
        _after_save(result, form_key, open_key, lang)


def can_edit(wijk_id: str) -> bool:
    """Whether to offer the buttons at all; the write paths check again themselves."""
    return editing.may_edit(auth.actor(), wijk_id) is None


# --- existing entries -----------------------------------------------------------------------------

def entry_actions(entry, context: WijkContext, buurten: dict[str, str], lang: str) -> None:
    """The buttons under an entry and, when one is chosen, its form or history in place."""
    item_id, version = entry.item_id, int(entry.versie)
    editor, historian = can_edit(context.wijk_id), privacy.may_see_editors(auth.actor())
    if not (editor or historian):
        return
    mode_key = f"mode:{item_id}"
    mode = st.session_state.get(mode_key)
    row = st.container(horizontal=True, gap="small")
    with row:
        if editor and st.button(t("edit.edit", lang), key=f"btn-edit:{item_id}", icon=":material/edit:",
                                type="tertiary"):
            st.session_state[mode_key] = None if mode == "edit" else "edit"
            st.session_state[f"base:{item_id}"] = version
            st.rerun()
        if editor and entry.open:
            st.button(t("edit.confirm", lang), key=f"btn-confirm:{item_id}", icon=":material/verified:",
                      type="tertiary", help=t("edit.confirm_help", lang), on_click=_act,
                      args=(Clicked("bevestigd", item_id, context.wijk_id, version),))
            # keyed and tracked, so that closing the entry closes its popover: an untracked one stayed open
            # where the card had been, over the next entry, whose close button was then one click away
            with st.popover(t("edit.close", lang), icon=":material/task_alt:", type="tertiary",
                            key=close_popover_key(item_id), on_change="rerun"):
                st.radio(t("edit.close_reason", lang), context.rules.closed_statuses, key=f"reason:{item_id}",
                         format_func=lambda s: value_label("status", s, lang))
                st.button(t("edit.close", lang), key=f"btn-close:{item_id}", type="primary", on_click=_act,
                          args=(Clicked("gesloten", item_id, context.wijk_id, version),))
        elif editor:
            st.button(t("edit.reopen", lang), key=f"btn-reopen:{item_id}", icon=":material/undo:", type="tertiary",
                      on_click=_act, args=(Clicked("heropend", item_id, context.wijk_id, version),))
        if historian and st.button(t("edit.history", lang), key=f"btn-history:{item_id}", icon=":material/history:",
                     type="tertiary"):
            st.session_state[mode_key] = None if mode == "history" else "history"
            st.rerun()
    if mode == "edit" and editor:
        _edit_form(entry, context, buurten, lang)
    elif mode == "history" and historian:
        _history(entry, context, lang)


def _edit_form(entry, context: WijkContext, buurten: dict[str, str], lang: str) -> None:
    item_id = entry.item_id
    form_key = f"edit-{item_id}"
    base_key = f"base:{item_id}"
    store = state.store()
    current = store.item(item_id)
    if current is None:
        st.warning(t("edit.missing", lang))
        return
    conflict = st.session_state.get(f"conflict:{item_id}")
    if conflict:
        _conflict_box(conflict, form_key, lang)
    raw, action = _entry_form(form_key, current["sectie"], current, context, buurten, lang)
    if action == "cancel":
        _forget_form(form_key)
        st.session_state.pop(f"conflict:{item_id}", None)
        st.session_state[f"mode:{item_id}"] = None
        st.rerun()
    if action == "save":
        base = st.session_state.get(base_key, int(entry.versie))
        result = editing.edit_entry(store, context, item_id, base, raw, auth.actor(), _request_id(form_key))
        if isinstance(result, Conflict):
            # Keep the editor's text; from now on they merge against the version they have seen.
            st.session_state[f"conflict:{item_id}"] = result.current
            st.session_state[base_key] = int(result.current["versie"])
            st.session_state.pop(f"req:{form_key}", None)
            st.rerun()
        st.session_state.pop(f"conflict:{item_id}", None)
        _after_save(result, form_key, f"mode:{item_id}", lang)


def _after_save(result, form_key: str, open_key: str, lang: str) -> None:
    if isinstance(result, Refused):
        st.session_state[f"errors:{form_key}"] = {"auteur": t("auth.refused", lang, reason=say(result.reason, lang))}
        st.rerun()
    if isinstance(result, Invalid):
        st.session_state[f"errors:{form_key}"] = result.errors
        st.rerun()
    if isinstance(result, Missing):
        st.session_state[f"errors:{form_key}"] = {"titel": t("edit.missing", lang)}
        st.rerun()
    if isinstance(result, (Saved, Unchanged)):
        _forget_form(form_key)
        st.session_state[open_key] = None
        flash(t("edit.saved" if isinstance(result, Saved) else "edit.unchanged", lang))
        st.rerun()


# --- actions: confirm, close, reopen, restore ----------------------------------------------------

@dataclass(frozen=True)
class Clicked:
    """An action button as it was drawn: the action (as the history names it), the entry, and the
    version that was on the screen."""

    action: str  # bevestigd, gesloten, heropend, hersteld
    item_id: str
    wijk_id: str
    base: int
    restore_version: int | None = None  # hersteld: the version to bring back

    def request_id(self, session_id: str) -> str:
        """The same click on the same drawing is one request: a double click writes once."""
        restored = f":{self.restore_version}" if self.restore_version is not None else ""
        return f"{self.action}:{self.item_id}:{self.base}{restored}:{session_id}"


@dataclass(frozen=True)
class ActionConflict:
    clicked: Clicked
    conflict: Conflict
    username: str | None  # who clicked: the view is theirs only


DONE = {"bevestigd": "edit.confirmed", "gesloten": "edit.closed", "heropend": "edit.reopened",
        "hersteld": "edit.restored"}


def close_popover_key(item_id: str) -> str:
    return f"close-popover:{item_id}"


def _act(clicked: Clicked) -> None:
    """on_click of an action button. A callback runs before the page, so the click is handled with the
    version it was made on, whatever the database holds now and wherever the entry is drawn next."""
    lang = state.lang()
    if clicked.action == "gesloten":  # done with the popover, whatever the answer
        st.session_state[close_popover_key(clicked.item_id)] = False
    actor = auth.resolve()  # before the frame: who is asking, now (a session may have ended meanwhile)
    result = _perform(clicked, actor, clicked.request_id(_session_id()))
    conflicts = st.session_state.setdefault(CONFLICTS_KEY, {})
    conflicts.pop(clicked.item_id, None)
    if isinstance(result, Saved):
        flash(t(DONE[clicked.action], lang, version=clicked.restore_version))
    elif isinstance(result, Conflict):
        conflicts[clicked.item_id] = ActionConflict(clicked, result, actor.username)
        st.session_state[NOTICE_KEY] = ("conflict", t("edit.conflict_toast", lang, who=_who(result.changed_by, lang),
                                                      not_done=t(f"edit.not_done.{clicked.action}", lang)))
    elif isinstance(result, Missing):
        st.session_state[NOTICE_KEY] = ("warning", t("edit.missing", lang))
    elif isinstance(result, Refused):
        st.session_state[NOTICE_KEY] = ("error", t("auth.refused", lang, reason=say(result.reason, lang)))
    elif isinstance(result, Invalid):
        st.session_state[NOTICE_KEY] = ("error", " ".join(say(m, lang) for m in result.errors.values()))


def _perform(clicked: Clicked, actor, request_id: str):
    store, item_id, base = state.store(), clicked.item_id, clicked.base
    pkg = state.package()
    if clicked.action == "bevestigd":
        return editing.confirm(store, item_id, base, actor, request_id)
    if clicked.action == "gesloten":
        reason = st.session_state.get(f"reason:{item_id}")
        return editing.close(store, item_id, base, reason, actor, request_id, rules=pkg.facts.entry_rules)
    if clicked.action == "heropend":
        return editing.reopen(store, item_id, base, actor, request_id, rules=pkg.facts.entry_rules)
    return editing.restore(store, wijk_context(pkg, clicked.wijk_id), item_id, base, clicked.restore_version, actor,
                           request_id)


def _action_conflicts(lang: str) -> None:
    """The conflict view of each refused action of this user in the wijk on the screen."""
    conflicts = st.session_state.get(CONFLICTS_KEY, {})
    actor, wijk_id = auth.actor(), state.selected_wijk(state.package())
    for item_id, pending in list(conflicts.items()):
        if pending.username != actor.username or not can_edit(pending.clicked.wijk_id):
            del conflicts[item_id]  # signed out, or someone else: never show them another's view
        elif pending.clicked.wijk_id == wijk_id:
            _action_conflict(pending, lang)


def _action_conflict(pending: ActionConflict, lang: str) -> None:
    """Their version (saved now) beside the one the user saw and acted on; reload, then act again."""
    clicked, conflict = pending.clicked, pending.conflict
    with st.container(border=True, key=f"conflict-{clicked.item_id}"):
        st.warning(_conflict_sentence(f"edit.action_conflict.{clicked.action}", conflict.changed_at,
                                      conflict.changed_by, lang), icon=":material/sync_problem:")
        st.markdown(t("edit.action_conflict.entry", lang, title=literal(conflict.current.get("titel"))))
        _side_by_side(differences(conflict.current, conflict.seen or {}, ACTION_CONFLICT_FIELDS),
                      t("edit.seen_version", lang, version=clicked.base), lang, _by_me(conflict.changed_by))
        st.button(t("edit.reload", lang), key=f"btn-reload:{clicked.item_id}", icon=":material/refresh:",
                  help=t("edit.reload_help", lang), on_click=_reload, args=(clicked.item_id,))


def _reload(item_id: str) -> None:
    """Close the conflict view: the page runs again and draws the entry, and its buttons, as it is now."""
    st.session_state.get(CONFLICTS_KEY, {}).pop(item_id, None)


# --- the form -------------------------------------------------------------------------------------

def _title_hint(rules, lang: str) -> str:
    """`Kort en herkenbaar, 3 tot 120 tekens`: the package's limits, not a number of our own."""
    low, high = title_bounds(rules)
    if high is None:
        return t("field.titel_hint_min", lang, n=tn("msg.characters", low, lang))
    return t("field.titel_hint", lang, low=fmt.number(low, lang), high=fmt.number(high, lang))


def _entry_form(form_key: str, section: str, current: dict | None, context: WijkContext,
                buurten: dict[str, str], lang: str) -> tuple[dict, str | None]:
    """Fields for `section`, filled from `current` the first time; errors next to their field."""
    errors = st.session_state.get(f"errors:{form_key}", {})
    _prefill(form_key, current)
    key = lambda name: f"{form_key}:{name}"  # noqa: E731
    raw: dict = {}
    with st.form(form_key, border=True, enter_to_submit=False):
        if "auteur" in errors:
            st.error(errors["auteur"], icon=":material/badge:")
        raw["titel"] = st.text_input(t("field.titel", lang), key=key("titel"), placeholder=_title_hint(context.rules, lang))
        _field_error(errors, "titel")
        raw["beschrijving"] = st.text_area(t("field.beschrijving", lang), key=key("beschrijving"), height=110)
        _field_error(errors, "beschrijving")
        left, right = st.columns(2)
        with left:
            opened = context.rules.open_statuses  # the package's, in the order it lists them
            statuses = opened if current is None or current["status"] in opened else [current["status"]]
            raw["status"] = st.selectbox(t("field.status", lang), statuses, key=key("status"),
                                         format_func=lambda s: value_label("status", s, lang))
            _field_error(errors, "status")
        with right:
            raw["thema"] = st.text_input(t("field.thema", lang), key=key("thema"))
            _field_error(errors, "thema")
        left, right = st.columns(2)
        with left:
            raw["buurtcode"] = st.selectbox(t("field.buurt", lang), list(buurten), key=key("buurtcode"), index=None,
                                            format_func=buurten.get, placeholder=t("field.whole_wijk", lang))
            _field_error(errors, "buurtcode")
        with right:
            raw["straat"] = st.text_input(t("field.straat", lang), key=key("straat"))
            _field_error(errors, "straat")
        if section == "gebeurt":
            raw["aanpak"] = st.selectbox(t("field.aanpak", lang), context.rules.approaches, key=key("aanpak"),
                                         index=None, format_func=lambda a: value_label("approach", a, lang),
                                         placeholder=t("field.none", lang), help=t("field.aanpak_help", lang))
            _field_error(errors, "aanpak")
        if section == "netwerk":
            raw["rol"] = st.text_input(t("field.rol", lang), key=key("rol"))
            _field_error(errors, "rol")
            raw.update(_network_fields(key, errors, context.rules.kinds, lang))
        if section == "nodig":
            left, right = st.columns(2)
            with left:
                raw["soort_hulp"] = st.selectbox(t("field.soort_hulp", lang), context.rules.help_kinds,
                                                 key=key("soort_hulp"), index=None,
                                                 format_func=lambda h: value_label("help", h, lang),
                                                 placeholder=t("field.none", lang))
            with right:
                raw["bedrag"] = st.text_input(t("field.bedrag", lang), key=key("bedrag"), placeholder="1.500")
            # under both, at the form's width: in half a column a message stood one or two words a line
            _field_error(errors, "soort_hulp")
            _field_error(errors, "bedrag")
        raw["startdatum"] = st.date_input(t("field.startdatum", lang), key=key("startdatum"), value=None,
                                          format="DD-MM-YYYY", **DATE_BOUNDS)
        _field_error(errors, "startdatum")
        relation = context.rules.relations.from_section(section)  # as the package declares it
        if relation is not None:
            targets = {i: title for i, (s, title) in context.entries.items() if s in relation.targets}
            raw["links"] = st.multiselect(literal(relation.label(lang).capitalize()), list(targets), key=key("links"),
                                          format_func=lambda i: targets.get(i, i), placeholder=t("field.none", lang))
            _field_error(errors, "links")
        buttons = st.container(horizontal=True, gap="small")
        with buttons:
            save = st.form_submit_button(t("edit.save", lang), type="primary", icon=":material/save:")
            cancel = st.form_submit_button(t("edit.cancel", lang), type="tertiary")
    return raw, "save" if save else "cancel" if cancel else None


def _network_fields(key, errors: dict, kinds: tuple[str, ...], lang: str) -> dict:
    """Kind (of the package's `kinds`) and visibility of a network entry, and a person's contact details with
    the consent they need."""
    raw: dict = {}
    left, right = st.columns(2)
    with left:
        raw["soort"] = st.selectbox(t("field.soort", lang), kinds, key=key("soort"), index=None,
                                    format_func=lambda k: value_label("kind", k, lang),
                                    placeholder=t("field.none", lang))
        _field_error(errors, "soort")
    with right:
        raw["zichtbaarheid"] = st.selectbox(t("field.zichtbaarheid", lang), VISIBILITIES, key=key("zichtbaarheid"),
                                            index=None, format_func=lambda v: t(f"visibility.{v}", lang),
                                            placeholder=t("field.visibility_default", lang),
                                            help=t("visibility.help", lang))
        _field_error(errors, "zichtbaarheid")
    st.caption(t("field.contact_intro", lang))
    for name in ("contact_naam", "contact_email", "contact_telefoon"):  # stacked: a section column is narrow
        raw[name] = st.text_input(t(f"field.{name}", lang), key=key(name), max_chars=254)
        _field_error(errors, name)
    left, right = st.columns(2)
    with left:
        raw["toestemming_op"] = st.date_input(t("field.toestemming_op", lang), key=key("toestemming_op"), value=None,
                                              format="DD-MM-YYYY", **DATE_BOUNDS)
        _field_error(errors, "toestemming_op")
    with right:
        raw["toestemming_wijze"] = st.text_input(t("field.toestemming_wijze", lang), key=key("toestemming_wijze"),
                                                 placeholder=t("field.toestemming_wijze_hint", lang))
        _field_error(errors, "toestemming_wijze")
    return raw


def _prefill(form_key: str, current: dict | None) -> None:
    """Put the entry's values in the form once; afterwards the form keeps what the editor typed."""
    marker = f"{form_key}:_filled"
    if st.session_state.get(marker):
        return
    st.session_state[marker] = True
    if current is None:
        return
    for name in FIELDS_SHOWN:
        value = current.get("koppelingen" if name == "links" else name)
        if name == "bedrag" and value is not None:
            value = str(value)
        if value is not None:
            st.session_state[f"{form_key}:{name}"] = value


def _field_error(errors: dict, name: str) -> None:
    if name in errors:
        # in the chosen language; a message may quote what was typed
        st.error(literal(say(errors[name], state.lang())), icon=":material/error:")


# --- conflicts and history ------------------------------------------------------------------------

def _conflict_sentence(key: str, when: dt.datetime, who: str, lang: str) -> str:
    """Who changed it, at what time on which day (a colleague's change is often minutes old)."""
    return t(key, lang, time=fmt.datetime(when, lang).split(" ")[-1], date=fmt.date(when, lang), who=_who(who, lang))


def _by_me(who: str | None) -> bool:
    """Whether the change in the way was the user's own (the history records names): in another window or tab."""
    return bool(who) and who == auth.actor().name


def _who(name: str, lang: str) -> str:
    """Who made the change in the way, as the conflict messages name them: "you, in another window" for oneself
    ("someone else … : Fatima" to Fatima herself misleads)."""
    return t("edit.you_elsewhere", lang) if _by_me(name) else literal(name)


def _conflict_box(current: dict, form_key: str, lang: str) -> None:
    """Both versions side by side; the editor's own text stays in the form below."""
    mine = _by_me(current["bijgewerkt_door"])
    st.warning(_conflict_sentence("edit.conflict.self" if mine else "edit.conflict", current["bijgewerkt_op"],
                                  current["bijgewerkt_door"], lang), icon=":material/sync_problem:")
    typed = {name: st.session_state.get(f"{form_key}:{name}") for name in FORM_CONFLICT_FIELDS}
    _side_by_side(differences(current, typed, FORM_CONFLICT_FIELDS), t("edit.your_version", lang), lang, mine)


def _side_by_side(rows: list[Difference], yours_label: str, lang: str, mine: bool = False) -> None:
    """The conflict view: their version (saved now) on the left, the user's on the right; only what differs,
    as that is what they have to weigh. `mine`: the saved version is the user's own, from another window."""
    theirs, yours = st.columns(2)
    theirs.markdown(f"**{t('edit.their_version.self' if mine else 'edit.their_version', lang)}**")
    yours.markdown(f"**{yours_label}**")
    if not rows:
        st.caption(t("edit.same_content", lang))
    for row in rows:
        label = t("field.links" if row.field == "koppelingen" else f"field.{row.field}", lang)
        theirs.markdown(f"*{label}:* {_value(row.field, row.theirs, lang)}")
        yours.markdown(f"*{label}:* {_value(row.field, row.yours, lang)}")


def _value(name: str, value, lang: str) -> str:
    """A field's value in the conflict view: dates the Dutch way, a status by its label, text as typed."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, dt.datetime):
        return fmt.datetime(value, lang)
    if isinstance(value, dt.date):
        return fmt.date(value, lang)
    if name == "status":
        return value_label("status", value, lang)
    return literal(_shown(value))


def _history(entry, context: WijkContext, lang: str) -> None:
    """The entry's versions in a wide dialog (ui.history); a restore acts on the version on the screen."""
    def restore_button(version: Version) -> bool:
        clicked = Clicked("hersteld", entry.item_id, context.wijk_id, int(entry.versie), version.version)

        def restore() -> None:  # and close the history: the page shows the entry as it is now, with a toast
            st.session_state[f"mode:{entry.item_id}"] = None
            _act(clicked)

        return st.button(t("edit.restore", lang, version=version.version), type="tertiary", icon=":material/restore:",
                         key=f"restore:{entry.item_id}:{version.version}", on_click=restore)

    history.show(entry, state.store().history(entry.item_id), lang,
                 restore=restore_button if can_edit(context.wijk_id) else None,
                 on_close=lambda: st.session_state.update({f"mode:{entry.item_id}": None}))


def _shown(value) -> str:
    if value is None or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    text = str(value)
    return text if len(text) <= 300 else text[:297] + "…"


def wijk_context(pkg, wijk_id: str) -> WijkContext:
    """What a form of the wijk is checked in: its buurten, the package's rules, and the wijk's entries the user may
    see (link choices, titles that must differ), read only when a form asks for them."""
    buurtcodes = frozenset(pkg.buurten.loc[pkg.buurten["wijk_id"] == wijk_id, "buurtcode"])
    return WijkContext(wijk_id=wijk_id, buurtcodes=buurtcodes, entries=_Titles(wijk_id), rules=pkg.facts.entry_rules,
                       today=now().date())  # Groningen's date, as the store's moments


class _Titles(Mapping):
    """The wijk's entries the user may see, item_id -> (section, title), from the wijk's outline (ui.state),
    read at the first look: a wijk page on which no form is drawn reads none of them."""

    def __init__(self, wijk_id: str):
        self._wijk_id, self._read = wijk_id, None

    def _titles(self) -> dict[str, tuple[str, str]]:
        if self._read is None:
            outline, _ = state.wijk_outline(self._wijk_id)
            own = outline[outline["wijk_id"] == self._wijk_id]
            self._read = dict(zip(own["item_id"], zip(own["sectie"], own["titel"])))
        return self._read

    def __getitem__(self, item_id: str) -> tuple[str, str]:
        return self._titles()[item_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles())

    def __len__(self) -> int:
        return len(self._titles())


def wijk_buurten(buurten: pd.DataFrame, wijk_id: str) -> dict[str, str]:
    rows = buurten[buurten["wijk_id"] == wijk_id]
    return dict(zip(rows["buurtcode"], rows["buurtnaam"]))
