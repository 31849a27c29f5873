"""Recent gewijzigd — "Wat is er recent gewijzigd?": the latest changes, across wijken or for one."""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain import privacy
from domain.texts import t
from domain.wijken import ordered_ids
from nla_data.store import Version
from ui import auth, state

SCOPE_KEY, LIMIT_KEY = "recent_scope", "recent_limit"


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("recent.question", lang), anchor=False)
    options = [None, *ordered_ids(pkg.wijken)]
    asked = state.wijk_param()
    if asked in pkg.wijken.index:
        st.session_state[SCOPE_KEY] = asked
    left, right = st.columns([3, 1])
    scope = left.selectbox(t("recent.scope", lang), options, key=SCOPE_KEY,
                           format_func=lambda w: t("recent.all", lang) if w is None else pkg.wijken.loc[w, "naam"],
                           on_change=lambda: state.set_params(wijk=st.session_state.get(SCOPE_KEY)))
    limit = right.selectbox(t("recent.limit", lang), [25, 50, 100, 250], key=LIMIT_KEY)
    items, _ = state.visible_entries()
    visible = set(items["item_id"])
    versions = [v for v in state.store().recent(limit=limit, wijk_id=scope) if v.item_id in visible]
    if not versions:
        st.info(t("recent.none", lang))
        return
    table = _table(versions, items, pkg.wijken["naam"], lang)
    if not privacy.may_see_editors(auth.actor()):
        table = table.drop(columns=[t("recent.who", lang)])  # the public sees what changed, not who changed it
    st.dataframe(table, hide_index=True, width="stretch")


def _table(versions: list[Version], items: pd.DataFrame, names: pd.Series, lang: str) -> pd.DataFrame:
    titles = dict(zip(items["item_id"], items["titel"]))
    wijk_of = dict(zip(items["item_id"], items["wijk_id"]))
    return pd.DataFrame({
        t("recent.when", lang): [fmt.datetime(v.at, lang) for v in versions],
        t("col.wijk", lang): [names.get(wijk_of.get(v.item_id), "–") for v in versions],
        t("recent.item", lang): [titles.get(v.item_id, v.item_id) for v in versions],
        t("recent.what", lang): [f"{t(f'action.{v.action}', lang)} (v{v.version})" for v in versions],
        t("recent.fields", lang): [", ".join(t(f"field.{f}", lang) if f != "koppelingen" else t("field.links", lang)
                                             for f in v.changes) for v in versions],
        t("recent.who", lang): [v.by for v in versions],
    })


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
