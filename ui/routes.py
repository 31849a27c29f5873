"""Links between pages. Streamlit identifies a page by its URL path alone, so a page can point
at another without importing it (pages never import each other; the frame declares them).
A link keeps the language (`?lang=en`), so the page it opens, and a reload of it, stay in English."""

from __future__ import annotations

import streamlit as st

from ui import state

HOME = "overzicht"  # the default page, served at "/"; it shows the map
KAART = "kaart"  # the same map at its stable path /kaart
WIJK = "wijk"
VERGELIJKEN = "vergelijken"
WONEN = "wonen"
BUDGET = "budget"
BIJ_TE_WERKEN = "bijwerken"
RECENT = "recent"
BEHEER = "beheer"
# The pages that draw plotly charts: the frame starts loading plotly.js first thing there (ui/chart_preload.py).
WITH_CHARTS = frozenset({HOME, KAART, WIJK, VERGELIJKEN, WONEN, BUDGET})


def _placeholder() -> None:  # never runs: the frame registers the real page under the same path
    pass


def page(url_path: str) -> st.Page:
    return st.Page(_placeholder, url_path=url_path)


def open_wijk(wijk_id: str) -> None:
    st.switch_page(page(WIJK), query_params={"wijk": wijk_id, **state.lang_params()})


def link(url_path: str, label: str, icon: str | None = None, **params) -> None:
    st.page_link(page(url_path), label=label, icon=icon, query_params=query(**params))


def query(**params) -> dict[str, str]:
    """A link's query parameters: the given ones that are set, and the language when it is not Dutch."""
    return {**{k: str(v) for k, v in params.items() if v is not None}, **state.lang_params()}
