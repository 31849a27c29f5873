"""Bij te werken — "Welke items zijn mogelijk verouderd?": open entries nobody confirmed for a while.

First the total, then per wijk (the user's own wijken first, then the wijk with the oldest entry) the
entries, oldest first, each with *Bevestigen* for whoever may edit that wijk: one click confirms, through
the same service and with the same check on the version seen as on the wijk page. The examples from the
2013 source (domain.examples) are old because their source is: they stand apart at the bottom, so they
do not drown what really needs a look.
"""

from __future__ import annotations

import runpy
import uuid
from pathlib import Path

import pandas as pd
import streamlit as st

from app import editing
from domain import format as fmt
from domain import privacy
from domain.messages import say
from domain.permissions import Refused
from domain.texts import label, t, tn
from nla_data.store import Conflict, Missing, Saved, now
from ui import auth, routes, state
from ui.components import literal

NOTICE_KEY = "stale:notice"  # (kind, message) of the last confirmation, said once at the top
PER_WIJK = 20  # the oldest entries shown per wijk: the list stays quick with 100,000 entries in the city


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("stale.question", lang), anchor=False)
    months = state.settings().stale_months
    st.markdown(t("stale.intro_list", lang, months=months))
    _notice()
    wijk = state.wijk_param()
    scope = wijk if wijk in pkg.wijken.index else None
    stale = state.stale_entries(now(), months, limit=PER_WIJK, wijk_id=scope)  # one query, per wijk the oldest
    if scope is not None:
        routes.link(routes.BIJ_TE_WERKEN, t("recent.all", lang), icon=":material/filter_alt_off:")
    actor = auth.actor()
    editable = {w for w in stale["wijk_id"].unique() if editing.may_edit(actor, w) is None}
    examples = stale["voorbeeld"].fillna(False).astype(bool)
    real, old_examples = stale[~examples], stale[examples]

    counted = real.drop_duplicates("wijk_id")["wijk_totaal"].sum()  # with those beyond the limit
    if real.empty:
        key = "stale.total_none_but_examples" if len(old_examples) else "stale.total_none"
        st.success(t(key, lang, months=months), icon=":material/task_alt:")
    else:
        st.markdown(t("stale.total", lang, items=tn("stale.items", int(counted), lang),
                      wijken=tn("stale.wijken", real["wijk_id"].nunique(), lang)))
    if not old_examples.empty:
        st.caption(t("stale.examples_note", lang, items=tn("stale.items", len(old_examples), lang)))
    if not editable and not stale.empty:
        st.caption(t("stale.sign_in", lang))
    names = pkg.wijken["naam"]
    show_editors = privacy.may_see_editors(actor)
    _wijken(real, names, editable, show_editors, lang)
    if not old_examples.empty:
        # keyed: its label counts the items, and a fold whose label changed was a new one to the browser, closed
        # again after every confirmation in it
        with st.expander(t("stale.examples_title", lang, items=tn("stale.items", len(old_examples), lang)),
                         icon=":material/history_edu:", key="stale:examples"):
            st.caption(t("stale.examples_intro", lang))
            _wijken(old_examples, names, editable, show_editors, lang)


def _wijken(rows: pd.DataFrame, names: pd.Series, editable: set[str], show_editors: bool, lang: str) -> None:
    """One box per wijk: the user's own wijken first, then the wijk whose entry waits longest; in each,
    the entries oldest first."""
    oldest = rows.groupby("wijk_id")["laatst_gezien"].min()
    order = sorted(oldest.index, key=lambda w: (w not in editable, oldest[w], str(names.get(w, w))))
    by_wijk: dict[str, list] = {}  # sorted and split in one pass: a filter per wijk was half of the run
    for entry in rows.sort_values(["laatst_gezien", "titel"]).itertuples():
        by_wijk.setdefault(entry.wijk_id, []).append(entry)
    for wijk_id in order:
        entries, total = by_wijk[wijk_id], int(by_wijk[wijk_id][0].wijk_totaal)
        with st.container(border=True):
            head = st.container(horizontal=True, vertical_alignment="center")
            with head:
                st.subheader(literal(names.get(wijk_id, wijk_id)), anchor=False)
                st.caption(tn("stale.items", total, lang))
                routes.link(routes.WIJK, t("kaart.open", lang), icon=":material/arrow_forward:", wijk=wijk_id)
            for entry in entries:
                _entry(entry, wijk_id in editable, show_editors, lang)
            if total > len(entries):
                st.caption(t("stale.limited", lang, shown=len(entries), items=tn("stale.items", total, lang)))


def _entry(entry, may_confirm: bool, show_editors: bool, lang: str) -> None:
    """Title, then section · status · last seen (and by whom, for those who may see names); the button."""
    seen = fmt.date(entry.laatst_gezien, lang)
    confirmed, updated = pd.Timestamp(entry.bevestigd_op), pd.Timestamp(entry.bijgewerkt_op)
    confirmed_last = pd.notna(confirmed) and confirmed > updated
    who = entry.bevestigd_door if confirmed_last else entry.bijgewerkt_door  # blank for who may not see names
    when = (t("stale.last_seen_by", lang, date=seen, who=literal(who)) if show_editors and isinstance(who, str)
            else t("stale.last_seen_on", lang, date=seen))
    line = " · ".join([t(f"section.{entry.sectie}", lang), literal(label("status", entry.status, lang)), when])
    row = st.container(horizontal=True, vertical_alignment="center", gap="medium")
    with row:
        text = st.container(gap=None)
        with text:
            st.markdown(f"**{literal(entry.titel)}**")
            st.caption(line)
        if may_confirm:
            st.button(t("edit.confirm", lang), key=f"stale-confirm:{entry.item_id}", icon=":material/verified:",
                      help=t("stale.confirm_help", lang), on_click=_confirm,
                      args=(entry.item_id, int(entry.versie), entry.titel))


def _confirm(item_id: str, base: int, title: str) -> None:
    """on_click of *Bevestigen*: confirm the version that was on the screen (app.editing.confirm refuses it
    when someone changed the entry since, and checks who may)."""
    lang = state.lang()
    actor = auth.resolve()  # who is asking now (a session may have ended since the list was drawn)
    session = st.session_state.setdefault("_session_id", uuid.uuid4().hex[:12])
    result = editing.confirm(state.store(), item_id, base, actor, f"bevestigd:{item_id}:{base}:{session}")
    if isinstance(result, Saved):
        notice = ("success", t("stale.confirmed", lang, title=literal(title)))
    elif isinstance(result, Conflict):
        moment = result.changed_at
        notice = ("warning", t("stale.conflict", lang, who=literal(result.changed_by), title=literal(title),
                               time=fmt.datetime(moment, lang).split(" ")[-1], date=fmt.date(moment, lang)))
    elif isinstance(result, Missing):
        notice = ("warning", t("edit.missing", lang))
    elif isinstance(result, Refused):
        notice = ("error", t("auth.refused", lang, reason=say(result.reason, lang)))
    else:  # Invalid: a confirmation has nothing to check, but say it rather than nothing
        notice = ("error", " ".join(say(m, lang) for m in result.errors.values()))
    st.session_state[NOTICE_KEY] = notice


def _notice() -> None:
    """What the last click did: a toast (the click may have been far down the list), and a refusal also
    stays on the page."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice is None:
        return
    kind, text = notice
    icons = {"success": ":material/check_circle:", "warning": ":material/sync_problem:", "error": ":material/lock:"}
    st.toast(text, icon=icons[kind])
    if kind == "warning":
        st.warning(text, icon=icons[kind])
    elif kind == "error":
        st.error(text, icon=icons[kind])


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
