"""The shared sidebar: the menu, wijk picker (grouped by class), language, data package status."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain.texts import LANGUAGES, t, tn
from nla_data import Loaded, NlaPackage
from ui import hidden, routes, state
from ui.components import literal
from ui.package_memo import per_package, wijken_by_class

LANG_PICKER_KEY = "lang_picker"
LANG_MARK_KEY = "page-language"  # the hidden element that sets <html lang> (ui.hidden)
MENU_KEY = "menu"  # the menu's container: class `st-key-menu` in the page


def menu(sections: dict[str, list[st.Page]]) -> None:
    """The app's own menu: a link per page, by section, the page on screen in bold. Streamlit's own
    sidebar menu is off (`client.showSidebarNavigation = false`): on the first visit after a server start
    it would show the files of pages/ until the frame has run; this one is drawn by the frame itself.
    Streamlit draws the link to the page on screen as current (bold). Links keep the language."""
    box = st.sidebar.container(key=MENU_KEY, gap="small")
    for title, pages in sections.items():
        box.markdown(f"**{title}**")
        for page in pages:
            box.page_link(page, label=page.title, icon=page.icon, query_params=routes.query())


def language_picker(lang: str) -> None:
    """NL/EN. The widget has its own key and copies a real choice into the session's language and the URL
    (`?lang=en`): clicking the selected option again (which clears a segmented control) keeps the language."""

    def choose() -> None:
        state.set_lang(st.session_state.get(LANG_PICKER_KEY))

    if st.session_state.get(LANG_PICKER_KEY) != lang:  # show the language in force (also after a clear)
        st.session_state[LANG_PICKER_KEY] = lang
    st.sidebar.segmented_control("Taal · Language", options=list(LANGUAGES), format_func=LANGUAGES.get,
                                 key=LANG_PICKER_KEY, selection_mode="single", on_change=choose)
    # the page's own language (<html lang>) follows, for screen readers and the browser's spelling and hyphens
    hidden.run_script(LANG_MARK_KEY, f"<script>document.documentElement.lang = {json.dumps(lang)}</script>",
                      parent=st.sidebar)


@per_package
def _picker_labels(pkg: NlaPackage, lang: str) -> dict[str, str]:
    """"Beijum · groot, zwaar" per wijk id, in the picker's order."""
    classes = pkg.facts.classes
    return {row.wijk_id: f"{row.naam} · {classes.label(row.klasse, lang)}" for row in wijken_by_class(pkg).itertuples()}


def wijk_picker(pkg: NlaPackage, lang: str) -> str | None:
    """A searchable picker, grouped by class; follows `?wijk=` and writes it back when changed.

    The options are wijk ids; the labels ("Beijum · groot, zwaar") depend on the language. The browser
    keeps a selectbox's value as its label and sends it again on the next run, so after a language switch
    the old label would come back as the value (and end up in the URL). Hence one widget per language
    (its key names the language) whose value is copied to and from the session's wijk id (state.WIJK_KEY)."""
    labels = _picker_labels(pkg, lang)
    from_url = state.wijk_param()
    if from_url in labels:
        st.session_state[state.WIJK_KEY] = from_url
    chosen = st.session_state.get(state.WIJK_KEY)
    chosen = chosen if chosen in labels else None
    key = f"{state.WIJK_KEY}:{lang}"
    if st.session_state.get(key) != chosen:
        st.session_state[key] = chosen

    def pick() -> None:
        picked = st.session_state.get(key)
        picked = picked if picked in labels else None
        st.session_state[state.WIJK_KEY] = picked
        state.set_params(wijk=picked)

    st.sidebar.selectbox(
        t("sidebar.wijk", lang), options=list(labels), format_func=labels.get, index=None,
        placeholder=t("sidebar.wijk_placeholder", lang), key=key, on_change=pick)
    return chosen


def package_status(result: Loaded, lang: str) -> None:
    box = st.sidebar.container(border=True)
    box.caption(t("sidebar.package", lang))
    if result.package is None:
        box.markdown(f"`{result.path.name}`")
        box.error(tn("sidebar.package_problems", len(result.problems), lang), icon=":material/error:")
        return
    info = result.package.info
    created = fmt.date(_parse_date(info.created), lang) if info.created else "–"
    box.markdown(f"**{package_title(result.package, lang)}**",
                 help=None if lang == state.DEFAULT_LANG else info.title or None)
    box.caption(t("sidebar.version", lang, version=info.version or "–", date=created))
    key = "sidebar.outlines_indicative" if info.boundaries == "indicatief" else "sidebar.outlines_official"
    box.caption(t(key, lang))


def package_title(pkg: NlaPackage, lang: str) -> str:
    """The package's title as it gives it (in Dutch); in another language the frame's own words for the
    same (the app, the city, the number of wijken), since a package has one title."""
    if lang == state.DEFAULT_LANG:
        return literal(pkg.info.title or pkg.info.name)
    return t("sidebar.package_title", lang, app=t("app.title", lang, gemeente=literal(pkg.facts.municipality_name)),
             subtitle=t("app.subtitle", lang, n=fmt.number(len(pkg.wijken), lang)))


def _parse_date(text: str):
    try:
        return pd.Timestamp(text)
    except ValueError:
        return None
