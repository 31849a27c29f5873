"""Bij te werken — "Welke items zijn mogelijk verouderd?": open entries nobody confirmed for a while."""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain import freshness, privacy
from domain.texts import label, t
from nla_data.store import now
from ui import auth, routes, state
from ui.components import literal


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("stale.question", lang), anchor=False)
    months = state.settings().stale_months
    st.markdown(t("stale.intro", lang, months=months))
    items, _ = state.visible_entries()
    stale = freshness.stale_entries(items, now(), months, open_statuses=pkg.facts.entry_rules.open_statuses)
    wijk = state.wijk_param()
    if wijk in pkg.wijken.index:
        stale = stale[stale["wijk_id"] == wijk]
        routes.link(routes.BIJ_TE_WERKEN, t("recent.all", lang), icon=":material/filter_alt_off:")
    if stale.empty:
        st.success(t("stale.none", lang, months=months), icon=":material/task_alt:")
        return
    names = pkg.wijken["naam"]
    for wijk_id, rows in stale.groupby("wijk_id", sort=False):
        with st.container(border=True):
            head = st.container(horizontal=True, vertical_alignment="center")
            with head:
                st.subheader(literal(names.get(wijk_id, wijk_id)), anchor=False)
                st.caption(t("stale.count", lang, n=len(rows)))
                routes.link(routes.WIJK, t("kaart.open", lang), icon=":material/arrow_forward:", wijk=wijk_id)
            table = _table(rows, lang)
            if not privacy.may_see_editors(auth.actor()):
                table = table.drop(columns=[t("field.bevestigd_door", lang)])
            st.dataframe(table, hide_index=True, width="stretch")


def _table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("recent.item", lang): rows["titel"],
        t("recent.section", lang): [t(f"section.{s}", lang) for s in rows["sectie"]],
        t("field.status", lang): [label("status", s, lang) for s in rows["status"]],
        t("stale.last_seen", lang): [fmt.date(v, lang) for v in rows["laatst_gezien"]],
        t("field.bevestigd_door", lang): rows["bevestigd_door"].fillna("–"),
    })


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
