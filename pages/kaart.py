"""Kaart — "Waar staat welke wijk?": the 15 NLA wijken on a map, coloured by an indicator or class."""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import entries
from domain import format as fmt
from domain import indicators as ind
from domain.texts import t
from domain.wijken import budget_source, budget_totals, with_class
from figures.maps import Layer, overview_map
from nla_data import NlaPackage
from ui import components, routes, state

MAP_KEY = "kaart_map"
INDICATOR_KEY, YEAR_KEY, COLOUR_KEY = "kaart_indicator", "kaart_jaar", "kaart_kleur"
DEFAULT_INDICATOR = "goedkope_huur_per_laag_inkomen"


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("kaart.question", lang), anchor=False)
    indicator, year, by_class = _controls(pkg, lang)
    definition = pkg.indicatoren.loc[indicator]
    label = definition[f"label_{lang}"]
    layer = Layer(None) if by_class else Layer(indicator, label, definition["eenheid"], year)
    values = ind.wijk_values(pkg.cijfers, with_class(pkg.wijken).set_index("wijk_id", drop=False), indicator, year)
    values = values.assign(klasse=with_class(pkg.wijken).set_index("wijk_id")["klasse"])
    selected = state.selected_wijk(pkg)

    left, right = st.columns([2, 1], gap="medium")
    with left:
        figure = overview_map(pkg.wijkgrenzen, values, layer, lang=lang, selected=selected, style=state.map_style(),
                              classes=pkg.facts.classes)
        event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key=MAP_KEY,
                                config={"displayModeBar": False, "scrollZoom": True})
        _open_clicked_wijk(event, pkg)
        if not by_class:
            sources = sorted(set(values["bron"].dropna())) or [definition["bron"]]
            st.caption(t("kaart.legend", lang, label=label, year=year, unit=definition["eenheid"],
                         source="; ".join(sources)))
        st.caption(t("kaart.click_hint", lang) + " " + t("kaart.outlines_note", lang))
        if not by_class and ind.is_illustrative(pkg.cijfers, indicator, year):
            st.warning(t("kaart.illustrative_note", lang, year=year), icon=":material/science:")
    with right:
        if selected:
            _wijk_summary(pkg, selected, indicator, year, lang)
        else:
            _city_summary(pkg, lang)

    st.subheader(t("kaart.table", lang), anchor=False)
    st.dataframe(_table(values, definition, lang), hide_index=True, width="stretch")
    st.caption(f"{definition[f'definitie_{lang}']} {t('value.source', lang, source=definition['bron'])}")


def _controls(pkg: NlaPackage, lang: str) -> tuple[str, int, bool]:
    """Indicator, year and colour mode, in step with the URL (`?indicator=…&jaar=…&kleur=klasse`)."""
    options = [i for i in pkg.indicatoren.index if ind.years(pkg.cijfers, i)]
    _sync(INDICATOR_KEY, options, state.param("indicator"),
          DEFAULT_INDICATOR if DEFAULT_INDICATOR in options else options[0])
    columns = st.columns([3, 1, 2], vertical_alignment="bottom")
    indicator = columns[0].selectbox(
        t("kaart.indicator", lang), options, key=INDICATOR_KEY,
        format_func=lambda i: pkg.indicatoren.loc[i, f"label_{lang}"],
        on_change=lambda: state.set_params(indicator=st.session_state[INDICATOR_KEY]))
    years = ind.years(pkg.cijfers, indicator)
    _sync(YEAR_KEY, years, _int(state.param("jaar")), years[-1])
    year = columns[1].selectbox(t("kaart.year", lang), years, key=YEAR_KEY,
                                on_change=lambda: state.set_params(jaar=st.session_state[YEAR_KEY]))
    modes = ["indicator", "klasse"]
    _sync(COLOUR_KEY, modes, state.param("kleur"), "indicator")
    mode = columns[2].segmented_control(
        t("kaart.color_by", lang), modes, key=COLOUR_KEY, selection_mode="single",
        format_func=lambda m: t(f"kaart.by_{'class' if m == 'klasse' else 'indicator'}", lang),
        on_change=lambda: state.set_params(kleur=st.session_state.get(COLOUR_KEY) or "indicator"))
    state.set_params(indicator=indicator, jaar=year)
    return indicator, year, mode == "klasse"


def _sync(key: str, options: list, from_url, default) -> None:
    """The URL wins when it names a valid option; otherwise keep the session's choice if still valid."""
    if from_url in options:
        st.session_state[key] = from_url
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _open_clicked_wijk(event, pkg: NlaPackage) -> None:
    """A click on a wijk opens its perspective. Read as a dict: that is how AppTest sets it too."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        location = point.get("location")
        if location in pkg.wijken.index:
            routes.open_wijk(location)


def _wijk_summary(pkg: NlaPackage, wijk_id: str, indicator: str, year: int, lang: str) -> None:
    wijk = with_class(pkg.wijken).set_index("wijk_id", drop=False).loc[wijk_id]
    with st.container(border=True):
        st.subheader(components.literal(wijk["naam"]), anchor=False)
        components.class_chip(wijk["klasse"], pkg.facts.classes, lang)
        shown = ["inwoners", "woningen", indicator if indicator not in ("inwoners", "woningen") else "leefbaarometer"]
        for name in shown:
            figure = ind.figure(pkg.cijfers, pkg.indicatoren, name, "wijk", wijk_id,
                                year if name == indicator else None)
            components.figure_line(pkg.indicatoren.loc[name, f"label_{lang}"], figure, lang,
                                   pkg.indicatoren.loc[name, f"definitie_{lang}"])
        _open_counts(entries.open_counts(state.visible_entries()[0], wijk_id), lang)
        routes.link(routes.WIJK, t("kaart.open", lang), icon=":material/arrow_forward:", wijk=wijk_id)


def _city_summary(pkg: NlaPackage, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("kaart.city", lang, gemeente=components.literal(pkg.facts.municipality_name)), anchor=False)
        st.caption(t("kaart.city_hint", lang))
        for name in ["inwoners", "woningen"]:
            figure = ind.figure(pkg.cijfers, pkg.indicatoren, name, "gemeente", pkg.info.municipality)
            components.figure_line(pkg.indicatoren.loc[name, f"label_{lang}"], figure, lang,
                                   pkg.indicatoren.loc[name, f"definitie_{lang}"])
        totals = budget_totals(pkg.wijken)
        st.markdown(f"{t('kaart.budget_total', lang)}: **{fmt.money(totals.ceiling, lang)}**",
                    help=budget_source(pkg.wijken, lang))
        _open_counts(entries.open_counts(state.visible_entries()[0]), lang)


def _open_counts(counts: dict[str, int], lang: str) -> None:
    st.markdown(f"**{t('kaart.open_entries', lang)}**")
    st.markdown("  \n".join(f"{t(f'section.{s}', lang)}: **{n}**" for s, n in counts.items()))


def _table(values: pd.DataFrame, definition: pd.Series, lang: str) -> pd.DataFrame:
    rows = values.sort_values("waarde", ascending=False, na_position="last")
    return pd.DataFrame({
        t("col.wijk", lang): rows["naam"],
        t("col.class", lang): [t(f"class.{k}", lang) for k in rows["klasse"]],
        definition[f"label_{lang}"]: [fmt.value(v, definition["eenheid"], lang) if pd.notna(v)
                                      else t("value.missing", lang) for v in rows["waarde"]],
        t("col.illustrative", lang): [bool(v) if pd.notna(v) else False for v in rows["illustratief"]],
        t("col.source", lang): rows["bron"].fillna(""),
    })


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
