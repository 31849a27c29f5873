"""The shared sidebar: wijk picker (grouped by class), language, data package status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain.texts import LANGUAGES, t
from domain.wijken import with_class
from nla_data import Loaded, NlaPackage
from ui import state


LANG_PICKER_KEY = "lang_picker"


def language_picker() -> str:
    """NL/EN. The widget has its own key and copies a real choice into the session's language:
    clicking the selected option again (which clears a segmented control) keeps the language."""
    current = state.lang()

    def choose() -> None:
        chosen = st.session_state.get(LANG_PICKER_KEY)
        if chosen:
            st.session_state[state.LANG_KEY] = chosen

    if st.session_state.get(LANG_PICKER_KEY) != current:  # show the language in force (also after a clear)
        st.session_state[LANG_PICKER_KEY] = current
    st.sidebar.segmented_control("Taal · Language", options=list(LANGUAGES), format_func=LANGUAGES.get,
                                 key=LANG_PICKER_KEY, selection_mode="single", on_change=choose)
    return state.lang()


def wijk_picker(pkg: NlaPackage, lang: str) -> str | None:
    """A searchable picker, grouped by class; follows `?wijk=` and writes it back when changed."""
    wijken = with_class(pkg.wijken)
    classes = pkg.facts.classes
    labels = {row.wijk_id: f"{row.naam} · {classes.label(row.klasse, lang)}" for row in wijken.itertuples()}
    from_url = state.wijk_param()
    if from_url in labels and st.session_state.get(state.WIJK_KEY) != from_url:
        st.session_state[state.WIJK_KEY] = from_url
    return st.sidebar.selectbox(
        t("sidebar.wijk", lang), options=list(labels), format_func=labels.get, index=None,
        placeholder=t("sidebar.wijk_placeholder", lang), key=state.WIJK_KEY,
        on_change=lambda: state.set_params(wijk=st.session_state.get(state.WIJK_KEY)))


def package_status(result: Loaded, lang: str) -> None:
    box = st.sidebar.container(border=True)
    box.caption(t("sidebar.package", lang))
    if result.package is None:
        box.markdown(f"`{result.path.name}`")
        box.error(t("sidebar.package_problems", lang, n=len(result.problems)), icon=":material/error:")
        return
    info = result.package.info
    created = fmt.date(_parse_date(info.created), lang) if info.created else "–"
    box.markdown(f"**{info.title or info.name}**")
    box.caption(t("sidebar.version", lang, version=info.version or "–", date=created))
    key = "sidebar.outlines_indicative" if info.boundaries == "indicatief" else "sidebar.outlines_official"
    box.caption(t(key, lang))


def _parse_date(text: str):
    try:
        return pd.Timestamp(text)
    except ValueError:
        return None
