"""Wijkperspectief Groningen — the frame: navigation, the shared sidebar, then the chosen page.

    streamlit run dashboard.py            (or: make run)
    NLA_DATA=/path/to/package streamlit run dashboard.py
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from domain.permissions import MANAGE_DATA, allowed
from domain.texts import t
from pages import beheer, bijwerken, budget, kaart, recent, vergelijken, wijk, wonen
from ui import auth, components, problems, routes, sidebar, state
from ui.chart_preload import preload_plotly

# The tab's icon is a file of ours: a material icon as page icon is fetched from fonts.gstatic.com (no network here)
ICON = Path(__file__).parent / "static" / "favicon.png"
st.set_page_config(page_title="Wijkperspectief", page_icon=str(ICON), layout="wide")

state.begin_run()
lang = state.resolve_lang()  # ?lang=en, else the session's; before any word is drawn
actor = auth.resolve()  # who is asking: decided once per run, before any page
home = st.Page(kaart.render, title=t("nav.kaart", lang), url_path=routes.HOME, default=True, icon=":material/map:")
# The map again at its stable path /kaart, for links and bookmarks; not a second menu entry.
map_page = st.Page(kaart.render, title=t("nav.kaart", lang), url_path=routes.KAART, icon=":material/map:")
look = [
    st.Page(wijk.render, title=t("nav.wijk", lang), url_path=routes.WIJK, icon=":material/home_work:"),
    st.Page(vergelijken.render, title=t("nav.vergelijken", lang), url_path=routes.VERGELIJKEN,
            icon=":material/compare_arrows:"),
    st.Page(wonen.render, title=t("nav.wonen", lang), url_path=routes.WONEN, icon=":material/house:"),
    st.Page(budget.render, title=t("nav.budget", lang), url_path=routes.BUDGET, icon=":material/savings:"),
]
keep = [
    st.Page(bijwerken.render, title=t("nav.stale", lang), url_path=routes.BIJ_TE_WERKEN,
            icon=":material/pending_actions:"),
    st.Page(recent.render, title=t("nav.recent", lang), url_path=routes.RECENT, icon=":material/history:"),
]
beheer_page = st.Page(beheer.render, title=t("nav.beheer", lang), url_path=routes.BEHEER, icon=":material/database:")
# Streamlit's own menu stays hidden (also by `client.showSidebarNavigation = false`, which covers the first
# run after a server start, before this line): the frame draws the menu below, sidebar.menu.
navigation = st.navigation([home, map_page, *look, *keep, beheer_page], position="hidden")
if navigation.url_path in routes.WITH_CHARTS or navigation.url_path == "":
    preload_plotly()  # the browser loads plotly.js while the rest of this run is computed
sidebar.menu({
    t("nav.group.look", lang): [map_page if navigation.url_path == routes.KAART else home, *look],
    # beheer is in the menu for the data manager only; by URL it is reachable and refuses itself
    t("nav.group.keep", lang): keep + ([beheer_page] if allowed(actor, MANAGE_DATA) else []),
})
sidebar.language_picker(lang)

result = state.loaded()
if result.package is not None:  # the tab says which city, as the package does
    st.set_page_config(page_title=t("app.title", lang, gemeente=result.package.facts.municipality_name))
components.header(lang, result.package)
if result.package is not None:
    sidebar.wijk_picker(result.package, lang)
auth.sidebar_box(lang, dict(result.package.wijken["naam"]) if result.package is not None else None)
sidebar.package_status(result, lang)

if result.package is None:
    problems.problems_page(result, lang)
    st.stop()

try:
    navigation.run()
except Exception:  # noqa: BLE001 - the user gets a message, the server log the traceback
    components.unexpected_error(lang)
