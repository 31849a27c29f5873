"""Vergelijken — "Hoe verhouden de wijken zich?": chosen wijken side by side, against the city (= 100)
and the NLA wijken, over the years, and several indicators at once.

The view lives in the URL: `?wijken=selwerd,beijum&indicator=…&jaar=2014&extra=a,b`. Without
`wijken`, the page compares all 15, or the wijk of `?wijk=` (or the sidebar) with its class peers.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import compare
from domain import format as fmt
from domain import indicators as ind
from domain.texts import t
from figures.compare_charts import bar_chart, small_multiples, trend_chart
from figures.palette import wijk_colours
from nla_data import NlaPackage
from nla_data.facts import ClassScheme, SourceNames
from ui import auth, components, state
from ui.downloads import download_buttons
from ui.table_fold import table_fold
from ui.package_memo import wijken_by_class

INDICATOR_KEY, YEAR_KEY, EXTRA_KEY = "cmp_indicator", "cmp_jaar", "cmp_extra"
CLASS_KEY = "cmp_wijken_{klasse}"  # one group of chips per class
BASIS_KEY = "cmp_basis"  # the wijk the current default was made for: a new one in the sidebar resets it
DEFAULT_INDICATOR = "goedkope_huur_per_laag_inkomen"
DEFAULT_EXTRA = ["aandeel_sociale_huur", "woz_gemiddeld", "leefbaarometer"]
MAX_EXTRA = 5
PLOTLY_CONFIG = {"displayModeBar": False}
REFERENCE_ROW = "background-color: #F2F2F2; font-weight: 600"


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("cmp.question", lang), anchor=False)
    st.caption(t("cmp.intro", lang))
    indicator, year, extra = _controls(pkg, lang)
    chosen = _pick_wijken(pkg, lang)
    if len(chosen) < 2:
        st.info(t("cmp.too_few", lang, n=fmt.number(len(chosen), lang), total=fmt.number(len(pkg.wijken), lang)),
                icon=":material/touch_app:")
        return
    # One colour per chosen wijk, the same in every chart: a shade of its class's colour.
    klasse = pkg.wijken["klasse"]
    colours = wijk_colours(pkg.facts.classes, [(w, klasse.get(w)) for w in chosen])
    _comparison(pkg, indicator, year, chosen, colours, lang)
    _trend(pkg, indicator, chosen, colours, lang)
    _multiples(pkg, [indicator, *extra], year, chosen, colours, lang)


# --- choosing -------------------------------------------------------------------------------------

def _controls(pkg: NlaPackage, lang: str) -> tuple[str, int, list[str]]:
    """Indicator, year and extra indicators, in step with the URL (`?indicator=…&jaar=…&extra=a,b`)."""
    years_of = _years(pkg, state.package_key(pkg))
    options = [i for i in pkg.indicatoren.sort_values("volgorde").index if years_of[i]]
    label = lambda i: pkg.indicatoren.loc[i, f"label_{lang}"]  # noqa: E731
    _sync(INDICATOR_KEY, options, state.param("indicator"),
          DEFAULT_INDICATOR if DEFAULT_INDICATOR in options else options[0])
    columns = st.columns([3, 1, 4], vertical_alignment="bottom")
    indicator = columns[0].selectbox(
        t("cmp.indicator", lang), options, key=INDICATOR_KEY, format_func=label,
        on_change=lambda: state.set_params(indicator=st.session_state[INDICATOR_KEY]))
    years = years_of[indicator]
    _sync(YEAR_KEY, years, _int(state.param("jaar")), years[-1])
    year = columns[1].selectbox(t("cmp.year", lang), years, key=YEAR_KEY,
                                on_change=lambda: state.set_params(jaar=st.session_state[YEAR_KEY]))
    others = [i for i in options if i != indicator]
    _sync_extra(others, state.param("extra"))
    extra = columns[2].multiselect(
        t("cmp.extra", lang), others, key=EXTRA_KEY, format_func=label, max_selections=MAX_EXTRA, wrap=True,
        help=t("cmp.extra_help", lang), placeholder=t("cmp.extra_placeholder", lang),
        on_change=lambda: state.set_params(extra=",".join(st.session_state[EXTRA_KEY])))
    state.set_params(indicator=indicator, jaar=year, extra=",".join(extra))
    return indicator, year, list(extra)


def _sync(key: str, options: list, from_url, default) -> None:
    """The URL wins when it names a valid option; otherwise keep the session's choice if still valid."""
    if from_url in options:
        st.session_state[key] = from_url
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default


def _sync_extra(options: list[str], from_url: str | None) -> None:
    if from_url is not None:  # `?extra=` (empty) is a choice too: none
        st.session_state[EXTRA_KEY] = [i for i in dict.fromkeys(from_url.split(",")) if i in options][:MAX_EXTRA]
    elif EXTRA_KEY not in st.session_state:
        st.session_state[EXTRA_KEY] = [i for i in DEFAULT_EXTRA if i in options]
    else:
        st.session_state[EXTRA_KEY] = [i for i in st.session_state[EXTRA_KEY] if i in options]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _pick_wijken(pkg: NlaPackage, lang: str) -> list[str]:
    """Chips per class, in step with `?wijken=a,b`; unknown ids in the URL are named and ignored."""
    wijken = wijken_by_class(pkg)
    known = list(wijken["wijk_id"])
    raw = state.param("wijken")
    from_url, unknown = compare.parse_ids(raw, known)
    basis = state.selected_wijk(pkg)
    default = compare.class_peers(pkg.wijken, basis) if basis else known
    if BASIS_KEY in st.session_state and st.session_state[BASIS_KEY] != basis:
        _set_chosen(wijken, default)  # another wijk in the sidebar: compare it with its class peers
    elif from_url:
        _set_chosen(wijken, from_url)
    elif raw is None or not _chips_present(wijken):
        _set_chosen(wijken, default)
    st.session_state[BASIS_KEY] = basis
    if unknown:
        st.warning(t("cmp.unknown", lang, ids=", ".join(components.literal(u) for u in unknown)),
                   icon=":material/search_off:")

    _quick_picks(pkg, wijken, known, basis, lang)
    groups = st.container(horizontal=True, gap="medium")
    with groups:
        for number, (klasse, group) in enumerate(wijken.groupby("klasse", sort=False)):
            st.pills(components.literal(pkg.facts.classes.label(klasse, lang).capitalize()), list(group["wijk_id"]),
                     selection_mode="multi", key=CLASS_KEY.format(klasse=klasse), format_func=pkg.wijken["naam"].get,
                     wrap=True,  # on a phone the wijken go on the next line, not out of sight sideways
                     help=t("cmp.wijken_help", lang, n=fmt.number(len(wijken), lang)) if number == 0 else None,
                     on_change=lambda: state.set_params(wijken=",".join(_chosen(wijken))))
    chosen = _chosen(wijken)
    state.set_params(wijken=",".join(chosen))
    return chosen


def _quick_picks(pkg: NlaPackage, wijken: pd.DataFrame, known: list[str], basis: str | None, lang: str) -> None:
    """One click to all wijken, to "mijn klasse" (compare.my_class: the sidebar's wijk, else the signed-in
    frontlijnwerker's own wijken; the button says which), or to none (then two clicks pick two wijken)."""
    mine = compare.my_class(pkg.wijken, basis, auth.actor().wijken)
    quick = st.container(horizontal=True, gap="small", vertical_alignment="center")
    with quick:
        st.caption(t("cmp.quick", lang), width="content")
        st.button(t("cmp.all", lang, n=fmt.number(len(known), lang)), key="cmp_all", icon=":material/select_all:",
                  on_click=_choose, args=(wijken, known))
        if mine is None:
            st.button(t("cmp.mine", lang), key="cmp_mine", icon=":material/category:", disabled=True,
                      help=t("cmp.mine_none", lang))
        else:
            names = [pkg.wijken.loc[w, "naam"] for w in mine.basis]
            classes = f" {t('cmp.and', lang)} ".join(pkg.facts.classes.label(k, lang) for k in mine.classes)
            why = "cmp.mine_chosen" if mine.reason == compare.CHOSEN_WIJK else "cmp.mine_own"
            st.button(t("cmp.mine_named", lang, classes=components.literal(classes),
                        n=fmt.number(len(mine.wijk_ids), lang)),
                      key="cmp_mine", icon=":material/category:", on_click=_choose, args=(wijken, mine.wijk_ids),
                      help=t(why, lang, wijken=components.literal(", ".join(names)),
                             classes=components.literal(classes)))
        st.button(t("cmp.none", lang), key="cmp_none", icon=":material/deselect:", on_click=_choose,
                  args=(wijken, []))


def _chips_present(wijken: pd.DataFrame) -> bool:
    return all(CLASS_KEY.format(klasse=k) in st.session_state for k in wijken["klasse"].unique())


def _set_chosen(wijken: pd.DataFrame, ids: list[str]) -> None:
    for klasse, group in wijken.groupby("klasse", sort=False):
        st.session_state[CLASS_KEY.format(klasse=klasse)] = [w for w in group["wijk_id"] if w in ids]


def _chosen(wijken: pd.DataFrame) -> list[str]:
    picked = set()
    for klasse in wijken["klasse"].unique():
        picked |= set(st.session_state.get(CLASS_KEY.format(klasse=klasse)) or [])
    return [w for w in wijken["wijk_id"] if w in picked]


def _choose(wijken: pd.DataFrame, ids: list[str]) -> None:
    _set_chosen(wijken, ids)
    state.set_params(wijken=",".join(_chosen(wijken)))


# --- the comparison -------------------------------------------------------------------------------

def _city(pkg: NlaPackage, lang: str) -> str:
    return t("cmp.city", lang, gemeente=pkg.facts.municipality_name)


def _labels(pkg: NlaPackage, lang: str, count: bool = False) -> dict[str, str]:
    return {"city_label": _city(pkg, lang), "nla_total_label": t("cmp.nla_total", lang),
            "nla_label": t("cmp.nla_mean_count" if count else "cmp.nla_mean", lang)}


def _comparison(pkg: NlaPackage, indicator: str, year: int, chosen: list[str], colours: dict[str, str],
                lang: str) -> None:
    definition = pkg.indicatoren.loc[indicator]
    label, unit = definition[f"label_{lang}"], definition["eenheid"]
    is_count = definition["aggregatie"] == "som"
    table, average, bars = _comparison_parts(pkg, state.package_key(pkg), indicator, year, tuple(chosen),
                                             tuple(colours.items()), lang)
    method = _method_note(average, pkg, lang)
    illustrative = bool(table["illustratief"].any())

    title = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with title:
        st.subheader(t("cmp.table_title", lang, label=label, year=year), anchor=False)
        if illustrative:
            st.badge(t("cmp.illustrative_badge", lang), color="yellow", icon=":material/science:",
                     help=t("cmp.illustrative_note", lang))
    left, right = st.columns([5, 3], gap="medium")
    with left:
        shown, config = _shown(table, unit, pkg.facts.classes, lang), _column_config(definition, label, lang)
        components.wide_dataframe("cmp-table", shown, lang, width_px=sum(config[c]["width"] for c in shown.columns
                                                                         if c in config),
                                  hide_index=True, height="content", column_config=config)
        st.caption(f"**{t('cmp.nla_rows', lang)}.** {method}")
    with right:
        st.plotly_chart(bars, config=PLOTLY_CONFIG, key="cmp_bars")
        if _shared_classes(pkg, chosen):
            st.caption(t("cmp.shades", lang))
        if is_count:
            st.caption(t("cmp.bars_count_note", lang))
    if illustrative:
        st.caption(t("cmp.illustrative_note", lang))
    _what(pkg, definition, year, average, method, lang)
    download_buttons(_download(table, definition, method, pkg.facts.classes, lang, pkg.facts.source_names),
                     f"vergelijken-{indicator}-{year}", lang, sheet=label)


def _shared_classes(pkg: NlaPackage, chosen: list[str]) -> bool:
    """Whether two chosen wijken share a class: then each has its own shade of the class's colour, which the
    legend (one swatch per class) does not say."""
    klasse = pkg.wijken["klasse"]
    return len(chosen) > len({klasse.get(w) for w in chosen})


def _ranked(table: pd.DataFrame) -> pd.DataFrame:
    """The city and the NLA rows first, then the wijken by rank (no value last)."""
    reference = table[table["soort"] != compare.WIJK]
    wijken = table[table["soort"] == compare.WIJK].sort_values(["rang", "naam"], na_position="last")
    return pd.concat([reference, wijken])


def _shown(table: pd.DataFrame, unit: str, classes: ClassScheme, lang: str):
    rows = _ranked(table)
    shown = pd.DataFrame({
        "gebied": rows["naam"].to_numpy(),
        "klasse": [classes.label(k, lang) if isinstance(k, str) else "" for k in rows["klasse"]],
        "waarde": [fmt.value(v, unit, lang) if pd.notna(v) else t("value.missing", lang) for v in rows["waarde"]],
        "index": [fmt.number(v, lang) if pd.notna(v) else fmt.MISSING for v in rows["index"]],
        "rang": rows["rang"].to_numpy(),
        "illustratief": rows["illustratief"].astype(bool).to_numpy(),
    })
    reference = (rows["soort"] != compare.WIJK).to_numpy()
    return shown.style.apply(lambda column: [REFERENCE_ROW if r else "" for r in reference], axis=0)


def _column_config(definition: pd.Series, label: str, lang: str) -> dict:
    direction = _direction_text(definition, lang)
    return {
        "gebied": st.column_config.TextColumn(t("cmp.col.area", lang), width=165),
        "klasse": st.column_config.TextColumn(t("col.class", lang), width=90),
        "waarde": st.column_config.TextColumn(t("col.value", lang), width=70,
                                              help=f"{label}. {definition[f'definitie_{lang}']}"),
        "index": st.column_config.TextColumn(t("cmp.col.index", lang), width=115,
                                             help=t("cmp.what.index", lang)),
        "rang": st.column_config.NumberColumn(t("cmp.col.rank", lang), help=direction, format="%d", width=50),
        "illustratief": st.column_config.CheckboxColumn(t("col.illustrative", lang), width=85),
    }


def _direction_text(definition: pd.Series, lang: str) -> str:
    higher = definition["hoger_is_beter"]
    key = "none" if pd.isna(higher) else ("up" if bool(higher) else "down")
    return t(f"cmp.rank_help.{key}", lang)


def _method_note(average: compare.NlaAverage, pkg: NlaPackage, lang: str) -> str:
    """How the NLA row was computed, in one or two sentences."""
    weight = (pkg.indicatoren.loc[average.weight, f"label_{lang}"].lower()
              if average.weight in pkg.indicatoren.index else average.weight)
    if average.n == 0:
        return t("cmp.method.none", lang)
    if average.method == "som":
        parts = [t("cmp.method.som", lang)]
        if pd.isna(average.total):
            parts.append(t("cmp.method.som_incomplete", lang, of=average.of))
    elif average.method == "gewogen":
        key = "cmp.method.gewogen_other_year" if average.weight_from_other_year else "cmp.method.gewogen"
        parts = [t(key, lang, weight=weight, weight_year=average.weight_year, year=average.year)]
    else:
        parts = [t(f"cmp.method.{average.unweighted_reason}", lang, weight=weight)]
    if average.n < average.of:
        parts.append(t("cmp.method.partial", lang, n=average.n, of=average.of))
    return " ".join(parts)


def _what(pkg: NlaPackage, definition: pd.Series, year: int, average: compare.NlaAverage, method: str,
          lang: str) -> None:
    with st.expander(t("cmp.what", lang), icon=":material/help:"):
        lines = [t("cmp.what.definition", lang, text=definition[f"definitie_{lang}"]),
                 t("cmp.what.source", lang, text=pkg.facts.source_names(definition["bron"], lang)),
                 t("cmp.what.year", lang, year=year,
                   years=", ".join(str(y) for y in ind.years(pkg.cijfers, definition.name)))]
        if caveat := ind.caveat(definition, lang):
            lines.append(t("cmp.what.caveat", lang, text=caveat))
        lines += [t("cmp.what.index", lang), t("cmp.what.rank", lang, direction=_direction_text(definition, lang)),
                  t("cmp.what.nla", lang, of=average.of, method=method)]
        st.markdown("\n\n".join(lines))


def _download(table: pd.DataFrame, definition: pd.Series, method: str, classes: ClassScheme,
              lang: str, sources: SourceNames) -> pd.DataFrame:
    """The table with numbers as numbers (for Excel), plus what the screen shows around it (the sources in
    `lang` where the package names them so)."""
    rows = _ranked(table).reset_index(drop=True)
    decimals = compare.download_decimals(definition["eenheid"])
    return pd.DataFrame({
        t("cmp.col.area", lang): rows["naam"],
        t("cmp.col.id", lang): rows["gebied_id"],
        t("col.class", lang): [classes.label(k, lang) if isinstance(k, str) else "" for k in rows["klasse"]],
        t("cmp.col.indicator", lang): definition[f"label_{lang}"],
        t("cmp.col.unit", lang): definition["eenheid"],
        t("col.year", lang): rows["jaar"],
        t("col.value", lang): rows["waarde"].round(decimals),
        t("cmp.col.index", lang): rows["index"].round(1),
        t("cmp.col.rank", lang): rows["rang"],
        t("col.illustrative", lang): [t("cmp.yes" if flag else "cmp.no", lang) for flag in rows["illustratief"]],
        t("col.source", lang): [sources(b, lang) if isinstance(b, str) else "" for b in rows["bron"]],
        t("cmp.col.note", lang): [method if s in (compare.NLA_MEAN, compare.NLA_TOTAL) else "" for s in rows["soort"]],
    })


# --- over time ------------------------------------------------------------------------------------

def _trend(pkg: NlaPackage, indicator: str, chosen: list[str], colours: dict[str, str], lang: str) -> None:
    definition = pkg.indicatoren.loc[indicator]
    label, unit = definition[f"label_{lang}"], definition["eenheid"]
    st.subheader(t("cmp.trend_title", lang), anchor=False)
    city, trend, nla, figure = _trend_parts(pkg, state.package_key(pkg), indicator, tuple(chosen),
                                            tuple(colours.items()), lang)
    if figure is None:  # one point per wijk is no trend: say so instead of drawing an empty chart
        st.info(t("cmp.trend_single_year", lang, year=trend["jaar"].iloc[0]), icon=":material/timeline:")
    else:
        st.plotly_chart(figure, config=PLOTLY_CONFIG, key="cmp_trend")
        st.caption(t("cmp.trend_caption", lang) + (" " + t("cmp.bars_count_note", lang)
                                                   if definition["aggregatie"] == "som" else ""))

    names = {city: _city(pkg, lang), **pkg.wijken["naam"].to_dict()}
    wide = compare.trend_wide(trend)
    nla_row = pd.DataFrame([nla.set_index("jaar")["waarde"].reindex(wide.columns).to_numpy()],
                           index=["__nla__"], columns=wide.columns)
    wide = pd.concat([wide.iloc[:1], nla_row, wide.iloc[1:]]) if city else pd.concat([nla_row, wide])
    names["__nla__"] = t("cmp.nla_mean_count" if definition["aggregatie"] == "som" else "cmp.nla_mean", lang)
    wide.index = [names.get(i, i) for i in wide.index]
    if fold := table_fold(t("cmp.trend_table", lang, label=label), "cmp-trend-table"):
        with fold:
            shown = wide.apply(lambda column: [fmt.value(v, unit, lang) if pd.notna(v) else fmt.MISSING
                                               for v in column])
            shown.columns = [str(c) for c in shown.columns]
            components.wide_dataframe("cmp-trend-grid", shown, lang)
    download_buttons(_with_area_column(wide.round(compare.download_decimals(unit)), lang), f"trend-{indicator}", lang,
                     sheet=label)


def _with_area_column(wide: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = wide.copy()
    frame.columns = [str(c) for c in frame.columns]
    return frame.rename_axis(t("cmp.col.area", lang)).reset_index()


# --- several indicators ---------------------------------------------------------------------------

TABLE_PX, AREA_COLUMN_PX, MIN_COLUMN_PX = 880, 170, 110  # the side-by-side table in the page's main column
NAMES_PX, PANEL_PX = 110, 160  # the small multiples: the wijken's names left, then a panel per indicator


def _multiples(pkg: NlaPackage, indicators: list[str], year: int, chosen: list[str], colours: dict[str, str],
               lang: str) -> None:
    st.subheader(t("cmp.multiples_title", lang), anchor=False)
    if len(indicators) < 2:
        st.caption(t("cmp.multiples_none", lang))
        return
    frame, figure = _multiples_parts(pkg, state.package_key(pkg), tuple(indicators), year, tuple(chosen),
                                     tuple(colours.items()), lang)
    # side by side, a panel needs about PANEL_PX: on a phone the panels keep it and scroll, else their titles ran together
    with components.scrolls_when_narrow("cmp-multiples", NAMES_PX + PANEL_PX * len(indicators),
                                        t("cmp.multiples_title", lang), t("cmp.multiples_sideways", lang)):
        st.plotly_chart(figure, config=PLOTLY_CONFIG, key="cmp_multiples")
    first = pkg.indicatoren.loc[indicators[0], f"label_{lang}"]
    st.caption(t("cmp.multiples_caption", lang, label=first, year=year))

    wide = compare.multiples_wide(frame, city_label=_city(pkg, lang), nla_label=t("cmp.nla_mean", lang))
    years = frame.drop_duplicates("indicator").set_index("indicator")["jaar"]
    headers = {i: f"{pkg.indicatoren.loc[i, f'label_{lang}']} ({int(years[i])})" for i in wide.columns}
    units = pkg.indicatoren["eenheid"]
    if fold := table_fold(t("cmp.multiples_table", lang), "cmp-multiples-table"):
        with fold:
            shown = pd.DataFrame({headers[i]: [fmt.value(v, units[i], lang) if pd.notna(v) else fmt.MISSING
                                               for v in wide[i]] for i in wide.columns}, index=wide.index)
            # the page's width shared by the indicators, a long name cut with "…" and whole in its help: at their
            # names' widths the fourth fell off the right edge
            width = max(MIN_COLUMN_PX, (TABLE_PX - AREA_COLUMN_PX) // max(len(headers), 1))
            names_px = components.table_px(shown.iloc[:, :0], index=True)
            components.wide_dataframe("cmp-multiples-grid", shown, lang, width_px=names_px + width * len(headers),
                                      column_config={name: st.column_config.Column(width=width, help=name)
                                                     for name in headers.values()})
    rounded = wide.round({i: compare.download_decimals(units[i]) for i in wide.columns})
    download_buttons(_with_area_column(rounded.rename(columns=headers), lang), f"indicatoren-naast-elkaar-{year}",
                     lang, sheet=t("cmp.multiples_title", lang))


# --- built once per package and view --------------------------------------------------------------
# The tables and figures depend only on the package and the view (the URL), so they are cached as
# resources (handed back as they are: plotly validates an unpickled figure again) per package version.
# Together they took most of a run (about 2.5 s of 3 s on an idle machine). Nothing below changes them.


@st.cache_resource(show_spinner=False, max_entries=4)
def _years(_pkg: NlaPackage, package_key: tuple) -> dict[str, list[int]]:  # noqa: ARG001 - the cache key
    return {i: ind.years(_pkg.cijfers, i) for i in _pkg.indicatoren.index}


@st.cache_resource(show_spinner=False, max_entries=64)
def _comparison_parts(_pkg: NlaPackage, package_key: tuple, indicator: str, year: int,  # noqa: ARG001
                      chosen: tuple[str, ...], colours: tuple[tuple[str, str], ...], lang: str):
    pkg, definition = _pkg, _pkg.indicatoren.loc[indicator]
    table = compare.comparison_table(pkg.cijfers, pkg.wijken, pkg.indicatoren, indicator, year, list(chosen),
                                     **_labels(pkg, lang, definition["aggregatie"] == "som"))
    average = compare.nla_average(pkg.cijfers, pkg.wijken, pkg.indicatoren, indicator, year)
    bars = bar_chart(table, definition, lang, classes=pkg.facts.classes, colours=dict(colours))
    return table, average, bars


@st.cache_resource(show_spinner=False, max_entries=64)
def _trend_parts(_pkg: NlaPackage, package_key: tuple, indicator: str, chosen: tuple[str, ...],  # noqa: ARG001
                 colours: tuple[tuple[str, str], ...], lang: str):
    """The city's id, the trend of the city and the chosen wijken, the NLA trend, and the chart (None for
    a single year)."""
    pkg, definition = _pkg, _pkg.indicatoren.loc[indicator]
    city = compare.city_id(pkg.cijfers)
    trend = compare.trend_frame(pkg.cijfers, indicator, [city, *chosen] if city else list(chosen))
    nla = compare.nla_trend(pkg.cijfers, pkg.wijken, pkg.indicatoren, indicator)
    if trend["jaar"].nunique() == 1:
        return city, trend, nla, None
    areas = wijken_by_class(pkg)[["wijk_id", "naam", "klasse"]].rename(columns={"wijk_id": "gebied_id"})
    figure = trend_chart(trend, nla, areas, definition, lang, city_id=city, classes=pkg.facts.classes,
                         city_label=_city(pkg, lang), colours=dict(colours))
    return city, trend, nla, figure


@st.cache_resource(show_spinner=False, max_entries=64)
def _multiples_parts(_pkg: NlaPackage, package_key: tuple, indicators: tuple[str, ...], year: int,  # noqa: ARG001
                     chosen: tuple[str, ...], colours: tuple[tuple[str, str], ...], lang: str):
    pkg = _pkg
    frame = compare.multiples_frame(pkg.cijfers, pkg.wijken, pkg.indicatoren, list(indicators), year, list(chosen))
    figure = small_multiples(frame, pkg.indicatoren, lang, classes=pkg.facts.classes, city_label=_city(pkg, lang),
                             colours=dict(colours))
    return frame, figure


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
