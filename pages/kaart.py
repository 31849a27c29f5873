"""Kaart — "Waar staat welke wijk?": the whole city, at wijk or buurt level, coloured by an
indicator or by class; a click opens the wijk (also through one of its buurten)."""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from domain import entries
from domain import format as fmt
from domain import indicators as ind
from domain import map_values as mv
from domain import municipalities
from domain.texts import t
from domain.wijken import budget_source, budget_totals
from figures.map_layers import is_indicative
from figures.maps import Layer, MapGeometry, buurt_map, map_labels, overview_map
from nla_data import NlaPackage
from ui import components, map_fit, routes, state
from ui.map_files import map_geometry
from ui.package_memo import per_package, wijken_by_class

MAP_KEYS = {"wijk": "kaart_map", "buurt": "kaart_map_buurt"}  # one chart per level: a click does not carry over
INDICATOR_KEY, YEAR_KEY, COLOUR_KEY, LEVEL_KEY = "kaart_indicator", "kaart_jaar", "kaart_kleur", "kaart_niveau"
AT_WIJK_KEY = "kaart:at_wijk"  # (indicator, year) last shown at wijk level: back there from the buurten, it returns
MUNICIPALITY_KEY = "kaart_gemeente"
LEVELS = ["wijk", "buurt"]
DEFAULT_INDICATOR = "goedkope_huur_per_laag_inkomen"
CITY_FIGURES = ["inwoners", "huishoudens", "woningen"]  # beside the map when no wijk is chosen, where known
TABLE_ROWS, ROW_PX = 20, 35  # a table of up to 20 rows (the wijken) shows them all; a longer one scrolls


@dataclass(frozen=True)
class Choice:
    """What the map shows. `indicator` None: nothing to colour by at this level (class instead);
    `asked`: the indicator the user had, which has no values at this level. `gemeente`: at buurt level in a
    package with buurten of several municipalities, the one shown (None: all the package's buurten)."""

    level: str
    indicator: str | None
    year: int | None
    by_class: bool
    asked: str | None = None
    gemeente: str | None = None


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("kaart.question", lang), anchor=False)
    choice = _controls(pkg, lang)
    selected = state.selected_wijk(pkg)
    values = _values(pkg, choice)

    left, right = st.columns([5, 2], gap="medium")
    with left:
        _fallback_note(pkg, choice, lang)
        key = state.package_key(pkg)
        shown = None if choice.gemeente is None else _buurtcodes(pkg, choice.gemeente)
        figure = _figure(pkg, key, choice, selected, lang, state.map_style(), map_geometry(pkg, key, shown))
        map_fit.fit_maps_to_width()  # on a phone the browser zooms the map out until every wijk shows
        with map_fit.sized_to_width(figure, key="kaartvak"):  # on a phone lower too
            event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key=MAP_KEYS[choice.level],
                                    height="stretch", config={"displayModeBar": False, "scrollZoom": True},
                                    alt=_alt(pkg, choice, lang))
        _open_clicked(event, pkg, lang)
        _captions(pkg, choice, values, lang)
    with right:
        if selected:
            _wijk_summary(pkg, selected, choice, lang)
        else:
            _city_summary(pkg, lang)

    st.subheader(t("kaart.table", lang), anchor=False)
    table, sources = _table(pkg, choice, values, lang)
    components.wide_dataframe("kaart-table", table, lang, hide_index=True,
                              height="content" if len(table) <= TABLE_ROWS else ROW_PX * (TABLE_ROWS + 1) + 3)
    if choice.indicator is not None:
        definition = pkg.indicatoren.loc[choice.indicator]
        said = f" {t('value.source', lang, source='; '.join(sources))}" if sources else ""
        st.caption(f"{definition[f'definitie_{lang}']}{said}")


# --- the choices, in step with the URL ------------------------------------------------------------

def _controls(pkg: NlaPackage, lang: str) -> Choice:
    """Level, indicator, year and colour mode, in step with the URL
    (`?niveau=buurt&indicator=…&jaar=…&kleur=klasse`)."""
    columns = st.columns([3, 1, 2, 2], vertical_alignment="top")
    _sync(LEVEL_KEY, LEVELS, state.param("niveau"), "wijk")
    level = columns[3].segmented_control(
        t("kaart.level", lang), LEVELS, key=LEVEL_KEY, selection_mode="single", required=True,
        format_func=lambda lv: t(f"kaart.level.{lv}", lang),
        on_change=_level_changed)
    modes = ["indicator", "klasse"]
    _sync(COLOUR_KEY, modes, state.param("kleur"), "indicator")
    mode = columns[2].segmented_control(
        t("kaart.color_by", lang), modes, key=COLOUR_KEY, selection_mode="single",
        format_func=lambda m: t(f"kaart.by_{'class' if m == 'klasse' else 'indicator'}", lang),
        on_change=lambda: state.set_params(kleur=st.session_state.get(COLOUR_KEY) or "indicator"))
    by_class = mode == "klasse"
    gemeente = _municipality(pkg, lang) if level == "buurt" else None

    options = _indicators_with_values(pkg, level)
    wanted = state.param("indicator") or st.session_state.get(INDICATOR_KEY)
    asked = (wanted if level == "buurt" and not by_class and wanted in pkg.indicatoren.index and wanted not in options
             else None)
    if not options:
        return Choice(level, None, None, True, asked, gemeente)
    _sync(INDICATOR_KEY, options, state.param("indicator"),
          DEFAULT_INDICATOR if DEFAULT_INDICATOR in options else options[0])
    indicator = columns[0].selectbox(
        t("kaart.indicator", lang), options, key=INDICATOR_KEY,
        format_func=lambda i: pkg.indicatoren.loc[i, f"label_{lang}"],
        on_change=lambda: state.set_params(indicator=st.session_state[INDICATOR_KEY]))
    years = _years_with_values(pkg, indicator, level)
    _sync(YEAR_KEY, years, _int(state.param("jaar")), years[-1])
    year = columns[1].selectbox(t("kaart.year", lang), years, key=YEAR_KEY,
                                on_change=lambda: state.set_params(jaar=st.session_state[YEAR_KEY]))
    state.set_params(indicator=indicator, jaar=year)
    if level == "wijk":
        st.session_state[AT_WIJK_KEY] = (indicator, year)
    return Choice(level, indicator, year, by_class, asked, gemeente)


def _level_changed() -> None:
    """on_change of the level: the URL follows; back at wijk level, the indicator and year shown there before
    (the buurten may have had to show another: most indicators exist per wijk only)."""
    level = st.session_state.get(LEVEL_KEY) or "wijk"
    remembered = st.session_state.get(AT_WIJK_KEY) if level == "wijk" else None
    if remembered:
        state.set_params(niveau=level, indicator=remembered[0], jaar=remembered[1])
    else:
        state.set_params(niveau=level)


def _municipality(pkg: NlaPackage, lang: str) -> str | None:
    """At buurt level, the municipality whose buurten the map shows (`?gemeente=GM0014`), picked where the
    package holds buurten of more than one (a region, the country); None (all buurten) where it holds one."""
    options = _municipalities(pkg)
    if len(options) < 2:
        return None
    _sync(MUNICIPALITY_KEY, options, state.param("gemeente"), options[0])
    own, name = pkg.info.municipality, pkg.facts.municipality_name
    picked = st.columns([3, 5])[0].selectbox(
        t("kaart.municipality", lang), options, key=MUNICIPALITY_KEY,
        format_func=lambda code: municipalities.label(code, own, name),
        help=t("kaart.municipality_help", lang, n=fmt.number(len(options), lang)),
        on_change=lambda: state.set_params(gemeente=st.session_state[MUNICIPALITY_KEY]))
    return picked


@per_package
def _municipalities(pkg: NlaPackage) -> list[str]:
    return municipalities.municipalities(pkg.buurten, pkg.info.municipality)


@per_package
def _buurtcodes(pkg: NlaPackage, gemeente: str) -> frozenset[str]:
    return municipalities.buurtcodes_of(pkg.buurten, gemeente)


@per_package
def _indicators_with_values(pkg: NlaPackage, level: str) -> list[str]:
    return mv.indicators_with_values(pkg.cijfers, pkg.indicatoren, level)


@per_package
def _years_with_values(pkg: NlaPackage, indicator: str, level: str) -> list[int]:
    return mv.years_with_values(pkg.cijfers, indicator, level)


def _sync(key: str, options: list, from_url, default) -> None:
    """The URL wins when it names a valid option; otherwise keep the session's choice if still valid."""
    if from_url in options:
        st.session_state[key] = from_url
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _fallback_note(pkg: NlaPackage, choice: Choice, lang: str) -> None:
    if choice.indicator is None:
        st.info(t("kaart.no_buurt_indicators", lang), icon=":material/info:")
    elif choice.asked is not None:
        labels = pkg.indicatoren[f"label_{lang}"]
        st.info(t("kaart.buurt_fallback", lang, asked=components.literal(labels[choice.asked]),
                  shown=components.literal(labels[choice.indicator])), icon=":material/info:")


# --- the map --------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=64)
def _figure(_pkg: NlaPackage, package_key: tuple, choice: Choice, selected: str | None, lang: str,
            style: str, geometry: MapGeometry) -> go.Figure:
    """The map as a resource (plotly re-validates an unpickled figure), per package and choice; its
    outlines by URL (`geometry`, asked for on every run: a removed file is written again), the figure
    holding only ids and values."""
    pkg = _pkg
    layer = _layer(pkg, choice, lang)
    wijken = wijken_by_class(pkg)
    values = _values(pkg, choice)
    labels = _labels(pkg, package_key, choice.level == "wijk")
    if choice.level == "buurt":
        buurten = _shown_buurten(pkg, choice.gemeente)
        fit = None if choice.gemeente in (None, pkg.info.municipality) else buurten  # the city: its NLA wijken
        return buurt_map(buurten, pkg.wijkgrenzen, values, layer, wijk_names=dict(wijken["naam"]),
                         classes=dict(wijken["klasse"]), scheme=pkg.facts.classes, lang=lang, selected=selected,
                         style=style, geometry=geometry, labels=labels, fit=fit)
    return overview_map(pkg.wijkgrenzen, values, layer, lang=lang, selected=selected, style=style,
                        buurten=pkg.buurtgrenzen, classes=pkg.facts.classes, geometry=geometry, labels=labels)


@st.cache_resource(show_spinner=False, max_entries=16)
def _labels(_pkg: NlaPackage, package_key: tuple, beside: bool) -> tuple:  # noqa: ARG001 - cache key
    """The wijken's names on the map, placed once per package version (and with or without names
    beside the wijken): the same for every indicator, year, language and selection."""
    wijkgrenzen = _pkg.wijkgrenzen
    return map_labels(wijkgrenzen[wijkgrenzen["wijk_id"].notna()], beside=beside)


def _layer(pkg: NlaPackage, choice: Choice, lang: str) -> Layer:
    if choice.by_class or choice.indicator is None:
        return Layer(None, source_names=pkg.facts.source_names)
    definition = pkg.indicatoren.loc[choice.indicator]
    better = definition.get("hoger_is_beter")
    base = mv.base_indicator(definition)
    base_label = pkg.indicatoren.loc[base, f"label_{lang}"].lower() if base in pkg.indicatoren.index else ""
    return Layer(choice.indicator, definition[f"label_{lang}"], definition["eenheid"], choice.year,
                 None if pd.isna(better) else bool(better), base_label, definition["bron"], pkg.facts.source_names)


@per_package
def _values(pkg: NlaPackage, choice: Choice) -> pd.DataFrame:
    """Wijk level: one row per wijk (wijk_id, naam, klasse, value columns); buurt level: one row per
    buurt, indexed by buurtcode (buurtnaam, wijk_id, value columns). No indicator: no values.
    Shared by every session (per package version and choice): read only."""
    if choice.level == "buurt":
        buurten = _shown_buurten(pkg, choice.gemeente).set_index("buurtcode")[["buurtnaam", "wijk_id"]]
        if choice.indicator is None:
            return buurten.assign(waarde=pd.NA, bron=pd.NA, illustratief=pd.NA)
        found = mv.area_values(pkg.cijfers, "buurt", buurten.index, choice.indicator, choice.year)
        return buurten.join(found.set_axis(buurten.index))
    wijken = wijken_by_class(pkg)[["wijk_id", "naam", "klasse"]]
    found = mv.area_values(pkg.cijfers, "wijk", wijken.index, choice.indicator, choice.year)
    return wijken.join(found.set_axis(wijken.index)).reset_index(drop=True)


@per_package
def _shown_buurten(pkg: NlaPackage, gemeente: str | None):
    """The buurt outlines the map draws: the municipality's, or all of them."""
    if gemeente is None:
        return pkg.buurtgrenzen
    return pkg.buurtgrenzen[pkg.buurtgrenzen["buurtcode"].isin(_buurtcodes(pkg, gemeente))]


def _alt(pkg: NlaPackage, choice: Choice, lang: str) -> str:
    what = (t("kaart.alt_class", lang) if choice.by_class or choice.indicator is None
            else f"{pkg.indicatoren.loc[choice.indicator, f'label_{lang}']} ({choice.year})")
    return " ".join([t("kaart.alt", lang, level=t(f"kaart.level.{choice.level}", lang).lower(), what=what),
                     t("kaart.keyboard", lang)])


def _captions(pkg: NlaPackage, choice: Choice, values: pd.DataFrame, lang: str) -> None:
    """Under the map what its colour bar cannot say: grey is missing, how to click, outline status."""
    if not choice.by_class and choice.indicator is not None and values["waarde"].isna().any():
        st.caption(t("kaart.legend_missing", lang))
    hint = t("kaart.buurt_click_hint" if choice.level == "buurt" else "kaart.click_hint", lang)
    if _any_indicative(pkg):
        hint += " " + t("kaart.outlines_note", lang)
    st.caption(hint)
    st.caption(t("kaart.keyboard", lang))
    if (not choice.by_class and choice.indicator is not None
            and ind.is_illustrative(pkg.cijfers, choice.indicator, choice.year)):
        st.warning(t("kaart.illustrative_note", lang, year=choice.year), icon=":material/science:")


@per_package
def _any_indicative(pkg: NlaPackage) -> bool:
    return bool(is_indicative(pkg.wijkgrenzen).any() or is_indicative(pkg.buurtgrenzen).any())


def _open_clicked(event, pkg: NlaPackage, lang: str) -> None:
    """A click on a wijk, or on a buurt of a wijk, opens that wijk's perspective; a buurt outside
    the NLA gets a note. Read as a dict: that is how AppTest sets it too."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        location = point.get("location")
        if location in pkg.wijken.index:
            routes.open_wijk(location)
        buurt = pkg.buurtgrenzen[pkg.buurtgrenzen["buurtcode"] == location]
        if buurt.empty:
            continue
        wijk_id = buurt["wijk_id"].iloc[0]
        if isinstance(wijk_id, str) and wijk_id in pkg.wijken.index:
            routes.open_wijk(wijk_id)
        st.info(t("kaart.not_nla", lang, buurt=components.literal(buurt["buurtnaam"].iloc[0])),
                icon=":material/info:")


# --- beside and under the map ---------------------------------------------------------------------

def _wijk_summary(pkg: NlaPackage, wijk_id: str, choice: Choice, lang: str) -> None:
    wijk = wijken_by_class(pkg).loc[wijk_id]
    indicator = choice.indicator
    with st.container(border=True):
        st.subheader(components.literal(wijk["naam"]), anchor=False)
        components.class_chip(wijk["klasse"], pkg.facts.classes, lang, sources=pkg.facts.source_names)
        third = indicator if indicator not in (None, "inwoners", "woningen") else "leefbaarometer"
        for name in [n for n in ["inwoners", "woningen", third] if n in pkg.indicatoren.index]:
            figure = ind.figure(pkg.cijfers, pkg.indicatoren, name, "wijk", wijk_id,
                                choice.year if name == indicator else None)
            components.figure_line(pkg.indicatoren.loc[name, f"label_{lang}"], figure, lang,
                                   pkg.indicatoren.loc[name, f"definitie_{lang}"], sources=pkg.facts.source_names)
        _open_counts(entries.open_counts_of_kinds(state.visible_kinds(), wijk_id,
                                                  open_statuses=pkg.facts.entry_rules.open_statuses), lang)
        routes.link(routes.WIJK, t("kaart.open", lang), icon=":material/arrow_forward:", wijk=wijk_id)


def _city_summary(pkg: NlaPackage, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("kaart.city", lang, gemeente=components.literal(pkg.facts.municipality_name)), anchor=False)
        st.caption(t("kaart.city_hint", lang))
        for name, figure in _city_figures(pkg):
            components.figure_line(pkg.indicatoren.loc[name, f"label_{lang}"], figure, lang,
                                   pkg.indicatoren.loc[name, f"definitie_{lang}"], sources=pkg.facts.source_names)
        totals = budget_totals(pkg.wijken)
        st.markdown(f"{t('kaart.budget_total', lang)}: **{fmt.money(totals.ceiling, lang)}**",
                    help=budget_source(pkg.wijken, lang, escape=components.sourced(pkg.facts.source_names, lang)))
        _open_counts(entries.open_counts_of_kinds(state.visible_kinds(),
                                                  open_statuses=pkg.facts.entry_rules.open_statuses), lang)


@per_package
def _city_figures(pkg: NlaPackage) -> list[tuple[str, ind.Figure]]:
    """The city's figures that it has a value for (not, e.g., dwellings before a housing import)."""
    figures = [(name, ind.figure(pkg.cijfers, pkg.indicatoren, name, "gemeente", pkg.info.municipality))
               for name in CITY_FIGURES if name in pkg.indicatoren.index]
    return [(name, figure) for name, figure in figures if figure.value is not None]


def _open_counts(counts: dict[str, int], lang: str) -> None:
    st.markdown(f"**{t('kaart.open_entries', lang)}**")
    st.markdown("  \n".join(f"{t(f'section.{s}', lang)}: **{fmt.number(n, lang)}**" for s, n in counts.items()))


def _table(pkg: NlaPackage, choice: Choice, values: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The map as a table: the same areas and values, for people who cannot use the map and for
    copy-paste; and the sources of its values, to be said once under it (a source column only when
    the rows have more than one)."""
    names = pkg.wijken["naam"]
    if choice.level == "buurt":
        first = {t("kaart.col.buurt", lang): values["buurtnaam"],
                 t("col.wijk", lang): [names.get(w, t("kaart.no_nla_wijk", lang)) if isinstance(w, str)
                                       else t("kaart.no_nla_wijk", lang) for w in values["wijk_id"]]}
    else:
        first = {t("col.wijk", lang): values["naam"],
                 t("col.class", lang): [pkg.facts.classes.label(k, lang) for k in values["klasse"]]}
    frame = pd.DataFrame(first).reset_index(drop=True)
    if choice.indicator is None:
        return frame, []
    definition = pkg.indicatoren.loc[choice.indicator]
    rows = values.reset_index(drop=True)
    rows["bron"] = [pkg.facts.source_names(b, lang) if isinstance(b, str) else b for b in rows["bron"]]
    sources = list(dict.fromkeys(str(b) for b in rows.loc[rows["waarde"].notna(), "bron"].dropna() if str(b).strip()))
    frame[definition[f"label_{lang}"]] = [fmt.value(v, definition["eenheid"], lang) if pd.notna(v)
                                          else t("kaart.no_data", lang) for v in rows["waarde"]]
    if rows["dekking"].notna().any():
        frame[t("kaart.col.partial", lang)] = [fmt.percent(100 * float(d), lang, 0) if pd.notna(d) else ""
                                               for d in rows["dekking"]]
    frame[t("col.illustrative", lang)] = [bool(v) if pd.notna(v) else False for v in rows["illustratief"]]
    if len(sources) > 1:
        frame[t("col.source", lang)] = rows["bron"].fillna("")
    order = rows["waarde"].astype("Float64").sort_values(ascending=False, na_position="last").index
    return frame.loc[order].reset_index(drop=True), sources or [pkg.facts.source_names(str(definition["bron"]), lang)]


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
