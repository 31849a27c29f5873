"""Wijkperspectief Groningen — the frame: navigation, the shared sidebar, then the chosen page.

    streamlit run dashboard.py            (or: make run)
    NLA_DATA=/path/to/package streamlit run dashboard.py
"""

from __future__ import annotations

import streamlit as st

from domain.permissions import MANAGE_DATA, allowed
from domain.texts import t
from pages import beheer, bijwerken, kaart, recent, vergelijken, wijk, wonen
from ui import auth, components, routes, sidebar, state

st.set_page_config(page_title="Wijkperspectief", page_icon=":material/holiday_village:", layout="wide")

lang = sidebar.language_picker()
actor = auth.resolve()  # who is asking: decided once per run, before any page
beheer_visibility = "visible" if allowed(actor, MANAGE_DATA) else "hidden"  # reachable by URL: it refuses itself
navigation = st.navigation({
    t("nav.group.look", lang): [
        st.Page(kaart.render, title=t("nav.kaart", lang), url_path=routes.HOME, default=True, icon=":material/map:"),
        st.Page(wijk.render, title=t("nav.wijk", lang), url_path=routes.WIJK, icon=":material/home_work:"),
        st.Page(vergelijken.render, title=t("nav.vergelijken", lang), url_path=routes.VERGELIJKEN,
                icon=":material/compare_arrows:"),
        st.Page(wonen.render, title=t("nav.wonen", lang), url_path=routes.WONEN, icon=":material/house:"),
    ],
    t("nav.group.keep", lang): [
        st.Page(bijwerken.render, title=t("nav.stale", lang), url_path=routes.BIJ_TE_WERKEN,
                icon=":material/pending_actions:"),
        st.Page(recent.render, title=t("nav.recent", lang), url_path=routes.RECENT, icon=":material/history:"),
        st.Page(beheer.render, title=t("nav.beheer", lang), url_path=routes.BEHEER, icon=":material/database:",
                visibility=beheer_visibility),
        # The map again at its stable path /kaart, for links and bookmarks; not a second menu entry.
        st.Page(kaart.render, title=t("nav.kaart", lang), url_path=routes.KAART, visibility="hidden"),
    ],
})

result = state.loaded()
if result.package is not None:  # the tab says which city, as the package does
    st.set_page_config(page_title=t("app.title", lang, gemeente=result.package.facts.municipality_name))
components.header(lang, result.package)
if result.package is not None:
    sidebar.wijk_picker(result.package, lang)
auth.sidebar_box(lang, dict(result.package.wijken["naam"]) if result.package is not None else None)
sidebar.package_status(result, lang)

if result.package is None:
    components.problems_page(result, lang)
    st.stop()

try:
    navigation.run()
except Exception:  # noqa: BLE001 - the user gets a message, the server log the traceback
    components.unexpected_error(lang)
