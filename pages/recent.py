"""Recent gewijzigd — "Wat is er recent gewijzigd?": the latest changes, across wijken or for one."""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain import history, privacy
from domain.texts import t
from domain.wijken import ordered_ids
from nla_data.store import Version
from ui import auth, state
from ui.components import literal, wide_static_table

SCOPE_KEY, LIMIT_KEY = "recent_scope", "recent_limit"
NBSP, NB_HYPHEN = "\u00a0", "\u2011"
NO_FIELDS = "–"


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("recent.question", lang), anchor=False)
    show_editors = privacy.may_see_editors(auth.actor())  # the public sees what changed, not who changed it
    st.caption(t("recent.intro_who" if show_editors else "recent.intro", lang))
    options = [None, *ordered_ids(pkg.wijken)]
    asked = state.wijk_param()
    if asked in pkg.wijken.index:
        st.session_state[SCOPE_KEY] = asked
    left, right = st.columns([3, 1])
    scope = left.selectbox(t("recent.scope", lang), options, key=SCOPE_KEY,
                           format_func=lambda w: t("recent.all", lang) if w is None else pkg.wijken.loc[w, "naam"],
                           on_change=lambda: state.set_params(wijk=st.session_state.get(SCOPE_KEY)))
    limit = right.selectbox(t("recent.limit", lang), [25, 50, 100, 250], key=LIMIT_KEY)
    versions, items = state.recent_versions(limit, scope)  # the latest the user may see, with their entries
    if not versions:
        st.info(t("recent.none", lang))
        return
    table = _table(versions, items, pkg.wijken["naam"], lang)
    if not show_editors:
        table = table.drop(columns=[t("recent.who", lang)])
    if (table[t("recent.fields", lang)] == NO_FIELDS).all():
        # only new entries and confirmations (a fresh install shows the 2013 examples): a column of dashes says nothing
        table = table.drop(columns=[t("recent.fields", lang)])
    # A static table: every column as wide as its words, long titles wrap instead of being cut off; on a phone it
    # scrolls sideways (what was done stood out of view) and says so.
    wide_static_table("recent-table", table, lang, hide_index=True, border="horizontal")


def _table(versions: list[Version], items: pd.DataFrame, names: pd.Series, lang: str) -> pd.DataFrame:
    """When, who, where, which entry, what was done and which fields it changed. st.table reads its cells as
    markdown: what people typed (titles, names) is `literal`."""
    titles = dict(zip(items["item_id"], items["titel"]))
    wijk_of = dict(zip(items["item_id"], items["wijk_id"]))
    return pd.DataFrame({
        # a date (18-09-2013) and "(versie 2)" each stay on one line (no-break hyphens and spaces); on a phone
        # the time goes under the date and "(versie 2)" under "bewerkt", and the table fits the screen
        t("recent.when", lang): [fmt.datetime(v.at, lang).replace("-", NB_HYPHEN) for v in versions],
        t("recent.who", lang): [literal(v.by) for v in versions],
        t("col.wijk", lang): [literal(names.get(wijk_of.get(v.item_id), "–")) for v in versions],
        t("recent.item", lang): [literal(titles.get(v.item_id, v.item_id)) for v in versions],
        t("recent.what", lang): [_what(v, lang) for v in versions],
        t("recent.fields", lang): [_fields(v, lang) for v in versions],
    })


def _what(version: Version, lang: str) -> str:
    """`bewerkt (versie 2)`, where "(versie 2)" stays on one line: on a phone it goes under the action."""
    action = t(f"action.{version.action}", lang)
    said = t("recent.version", lang, action=action, version=version.version)  # starts with the action
    return action + said[len(action):].replace(" ", NBSP).replace(f"{NBSP}(", " (", 1)


def _fields(version: Version, lang: str) -> str:
    """The fields a change touched, by name; none for a new entry (all of them) or a confirmation (no field
    of the entry's content), which the "Wat" column already says."""
    if version.action == "aangemaakt" or history.only_confirmed(version):
        return NO_FIELDS
    changed = [name for name, *_ in history.shown_changes(version)] or list(version.changes)
    names = ", ".join(t("field.links" if name == "koppelingen" else f"field.{name}", lang) for name in changed)
    return names or NO_FIELDS


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
