"""Wonen — "Is er genoeg betaalbare huur voor de laagste inkomens?"

The answer first: cheap rental homes per low-income household per wijk, ranked, with the city; then
how they are spread over the city, the stock by tenure and owner, rent classes against low-income
households, WOZ, liveability and energy labels. Under every chart: "Wat zie ik?" (definition, source,
year, caveat) and "Tabel" (the same figures as a table, with downloads).

Each chart is first described as a `Section` (figure, texts, table): built without Streamlit and
cached per package, year, language and selected wijk; then drawn by `_draw`.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from domain import format as fmt
from domain import housing
from domain import indicators as ind
from domain.texts import t
from figures import housing_charts as charts
from nla_data import NlaPackage
from ui import auth, state
from ui.components import literal, wide_dataframe
from ui.downloads import download_buttons
from ui.table_fold import table_fold

YEAR_KEY = "wonen_jaar"
CHART_CONFIG = {"displayModeBar": False}


@dataclass(frozen=True)
class Section:
    """One chart with everything around it."""

    name: str  # for keys and file names
    title: str
    illustrative: bool
    figure: go.Figure | None  # None: no figures in this year (`empty` says so)
    lead: str = ""  # markdown between title and chart: the answer in words
    what: list[str] = field(default_factory=list)  # markdown blocks of "Wat zie ik?"
    notes: list[str] = field(default_factory=list)  # captions at the end of "Wat zie ik?"
    table: pd.DataFrame | None = None  # plain numbers (downloads)
    formats: dict[str, str] = field(default_factory=dict)  # column -> unit, for the table on screen
    empty: str = ""


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("won.question", lang), anchor=False)
    years = housing.years(pkg.cijfers)
    if not years:
        st.info(t("won.no_years", lang), icon=":material/info:")
        return
    year = _year_picker(years, lang)
    st.caption(t("won.intro", lang))
    sections = _sections(state.package_key(pkg), year, lang, state.selected_wijk(pkg), auth.actor().corporatie, pkg)
    by_name = {section.name: section for section in sections}
    for name in ("answer", "spread", "tenure", "corporations", "rent-classes"):
        _draw(by_name[name], year, lang)
    for column, name in zip(st.columns(2, gap="large"), ("woz", "liveability")):
        with column:
            _draw(by_name[name], year, lang)
    _draw(by_name["energy"], year, lang)


def _year_picker(years: list[int], lang: str) -> int:
    """The year, in step with the URL (`?jaar=2013`); the latest year by default."""
    asked = state.param("jaar")
    if asked and asked.isdigit() and int(asked) in years:
        st.session_state[YEAR_KEY] = int(asked)
    elif st.session_state.get(YEAR_KEY) not in years:
        st.session_state[YEAR_KEY] = years[-1]
    year = st.segmented_control(t("won.year", lang), years, key=YEAR_KEY, required=True,
                                on_change=lambda: state.set_params(jaar=st.session_state.get(YEAR_KEY)))
    year = year if year in years else years[-1]
    state.set_params(jaar=year)
    return year


# --- drawing ------------------------------------------------------------------------------------------


def _draw(section: Section, year: int, lang: str) -> None:
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with row:
        st.subheader(section.title, anchor=False, width="content")
        if section.illustrative:
            st.badge(t("value.illustrative", lang), icon=":material/science:", color="orange",
                     help=t("won.badge_help", lang))
    if section.figure is None:
        st.info(section.empty)
        return
    if section.lead:
        st.markdown(section.lead)
    st.plotly_chart(section.figure, key=f"wonen-{section.name}", config=CHART_CONFIG,
                    alt=section.lead or section.title)
    with st.expander(t("won.what", lang), icon=":material/help:"):
        for block in section.what:
            st.markdown(block)
        for note in section.notes:
            st.caption(note)
    if section.table is not None and (fold := table_fold(t("won.table", lang), f"wonen-table:{section.name}")):
        with fold:
            shown = section.table.copy()
            for column, unit in section.formats.items():
                shown[column] = [_cell(v, unit, lang) for v in section.table[column]]
            shown[t("col.year", lang)] = shown[t("col.year", lang)].astype(str)
            wide_dataframe(f"wonen-grid-{section.name}", shown, lang, hide_index=True)
            download_buttons(section.table, f"wonen-{section.name}-{year}", lang)


def _cell(value, unit: str, lang: str) -> str:
    if value is None or pd.isna(value):
        return ""
    if unit == "punt":
        return fmt.number(value, lang, 2)
    if unit == "procent":
        return fmt.percent(value, lang, 1)
    return fmt.value(value, unit, lang)


# --- building (no Streamlit below, except the cache) --------------------------------------------------------


# A resource, not data: the figures are handed back as they are, where unpickling a copy made plotly
# validate all eight again on every run (1.4 s of a 1.8 s run). Nothing downstream changes a section.
@st.cache_resource(show_spinner=False, max_entries=32)
def _sections(package_key: tuple, year: int, lang: str, selected: str | None,  # noqa: ARG001 - cache key
              own: str | None, _pkg: NlaPackage) -> list[Section]:
    """`own`: a corporation user's corporation, highlighted in its chart (part of the key: one user's
    highlight never reaches another)."""
    view = _View(_pkg, lang, year, selected, own)
    return [_answer(view), _spread(view), _tenure(view), _corporations(view), _rent_classes(view),
            _ranked(view, "woz", housing.WOZ, "won.woz.title", "won.woz.read", t("won.woz.title", lang)),
            _ranked(view, "liveability", housing.LIVEABILITY, "won.live.title", "won.live.read",
                    t("won.live.axis", lang)),
            _energy(view)]


class _View:
    """What every section needs: the package, language, year, selected wijk, and the city's name."""

    def __init__(self, pkg: NlaPackage, lang: str, year: int, selected: str | None, own: str | None = None) -> None:
        self.pkg, self.lang, self.year, self.selected, self.own = pkg, lang, year, selected, own
        self.municipality = pkg.info.municipality
        self.city_name = t("kaart.city", lang, gemeente=pkg.facts.municipality_name)
        self.city_note = t("won.what.city", lang, gemeente=pkg.facts.municipality_name,
                           n=fmt.number(len(pkg.wijken), lang))
        self.empty = t("won.no_data", lang, year=year)

    def label(self, indicator: str) -> str:
        return str(self.pkg.indicatoren.loc[indicator, f"label_{self.lang}"])

    def illustrative(self, indicators: list[str]) -> bool:
        return housing.illustrative(self.pkg.cijfers, indicators, self.year)

    def what(self, indicators: list[str], reading: str, limits: pd.DataFrame | None = None) -> list[str]:
        """"Wat zie ik?": how to read the chart; per indicator its definition, source, year and caveat
        (indicators that share source and caveat listed together, those said once); the rent limits."""
        lang, year = self.lang, self.year
        groups: dict[tuple[str, str], list[str]] = {}
        for indicator in indicators:
            definition = self.pkg.indicatoren.loc[indicator]
            source = self.pkg.facts.source_names(_sources(self.pkg.cijfers, indicator, year) or str(definition["bron"]),
                                                 lang)
            caveat = ind.caveat(definition, lang)
            head = f"**{definition[f'label_{lang}']}** — {definition[f'definitie_{lang}']}"
            groups.setdefault((source, caveat), []).append(head)
        blocks = [reading]
        for (source, caveat), heads in groups.items():
            details = [t("won.what.source", lang, source=source), t("won.what.year", lang, year=year)]
            if caveat:
                details.append(t("won.what.caveat", lang, caveat=caveat))
            if len(heads) == 1:
                blocks.append(heads[0] + "  \n" + " · ".join(details))
            else:
                blocks.append("\n".join(f"- {head}" for head in heads) + "\n\n" + " · ".join(details))
        if limits is not None:
            blocks.append(_limits(limits, year, lang))
        if self.illustrative(indicators):
            blocks.append(f":orange[:material/science:] {t('won.what.illustrative', lang, year=year)}")
        return blocks

    def table(self, columns: dict[str, list | pd.Series], illustrative: bool) -> pd.DataFrame:
        table = pd.DataFrame({name: list(values) for name, values in columns.items()})
        return table.assign(**{t("col.year", self.lang): self.year, t("col.illustrative", self.lang): illustrative})

    def classes(self, klassen) -> list[str]:
        return ["" if k == housing.CITY_CLASS else self.pkg.facts.classes.label(k, self.lang) for k in klassen]


def _answer(view: _View) -> Section:
    lang, year = view.lang, view.year
    indicators = [housing.RATIO, housing.CHEAP, housing.LOW_INCOME]
    illustrative = view.illustrative(indicators)
    result = housing.affordability(view.pkg.cijfers, view.pkg.wijken, year, view.municipality)
    title = t("won.answer.title", lang)
    if not result.known:
        return Section("answer", title, illustrative, None, empty=view.empty)
    note = t("won.illustrative_figures", lang) if illustrative else ""
    key = "won.answer.sentence" if result.below_one else "won.answer.none"
    sentence = t(key, lang, year=year, below=result.below_one, known=result.known, note=note)
    tightest = result.table.dropna(subset=["verhouding"]).head(3)
    names = _join([f"{row.naam} ({fmt.number(row.verhouding, lang, 2)})" for row in tightest.itertuples()], lang)
    lines = [sentence + " " + t("won.answer.tightest", lang, names=names)]
    if result.city is not None:
        lines.append(t("won.answer.city", lang, ratio=fmt.number(result.city, lang, 2),
                       cheap=fmt.number(result.city_cheap, lang), low=fmt.number(result.city_low_income, lang)))
    figure = charts.affordability_bars(result.table, result.city, classes=view.pkg.facts.classes, lang=lang,
                                       illustrative=illustrative, selected=view.selected)
    cheap, low, ratio = (view.label(i) for i in (housing.CHEAP, housing.LOW_INCOME, housing.RATIO))
    rows = result.table
    table = view.table({
        t("won.col.rank", lang): [*rows["rang"], None],
        t("col.wijk", lang): [*rows["naam"], view.city_name],
        t("col.class", lang): [*view.classes(rows["klasse"]), ""],
        cheap: [*rows[housing.CHEAP], result.city_cheap],
        low: [*rows[housing.LOW_INCOME], result.city_low_income],
        ratio: [*rows["verhouding"], result.city],
    }, illustrative)
    table[t("won.col.rank", lang)] = table[t("won.col.rank", lang)].astype("Int64")
    return Section("answer", title, illustrative, figure, lead="  \n".join(lines),
                   what=view.what(indicators, t("won.answer.read", lang)),
                   notes=[t("won.answer.caveat", lang), view.city_note],
                   table=table, formats={cheap: "aantal", low: "aantal", ratio: "verhouding"})


def _spread(view: _View) -> Section:
    lang = view.lang
    indicators = [housing.CHEAP, housing.LOW_INCOME]
    illustrative = view.illustrative(indicators)
    result = housing.spread(view.pkg.cijfers, view.pkg.wijken, view.year, view.municipality)
    title = t("won.spread.title", lang)
    if result.table["verschil"].isna().all():
        return Section("spread", title, illustrative, None, empty=view.empty)
    rows = result.table
    cheap, low = view.label(housing.CHEAP), view.label(housing.LOW_INCOME)
    share_cheap, share_low = t("won.col.share_cheap", lang), t("won.col.share_low", lang)
    difference = t("won.col.difference", lang)
    table = view.table({
        t("col.wijk", lang): rows["naam"], t("col.class", lang): view.classes(rows["klasse"]),
        cheap: rows[housing.CHEAP], low: rows[housing.LOW_INCOME],
        share_cheap: rows["aandeel_goedkoop"].round(2), share_low: rows["aandeel_laag_inkomen"].round(2),
        difference: rows["verschil"].round(2),
    }, illustrative)
    return Section(
        "spread", title, illustrative,
        charts.spread_dumbbell(rows, lang=lang, illustrative=illustrative, selected=view.selected),
        lead=t("won.spread.sentence", lang, n=fmt.number(len(view.pkg.wijken), lang),
               cheap=fmt.percent(result.nla_cheap, lang), low=fmt.percent(result.nla_low_income, lang)),
        what=view.what(indicators, t("won.spread.read", lang)), notes=[view.city_note], table=table,
        formats={cheap: "aantal", low: "aantal", share_cheap: "procent", share_low: "procent", difference: "punt"})


def _tenure(view: _View) -> Section:
    return _shares(view, "tenure", housing.TENURE, housing.tenure, charts.tenure_bars)


def _shares(view: _View, name: str, indicators, frame_of, chart_of) -> Section:
    """A section of percentages that add up per wijk (tenure, energy labels): stacked bars and a table."""
    lang = view.lang
    illustrative = view.illustrative(indicators)
    long = frame_of(view.pkg.cijfers, view.pkg.wijken, view.year, view.municipality, view.city_name)
    title = t(f"won.{name}.title", lang)
    if long["waarde"].isna().all():
        return Section(name, title, illustrative, None, empty=view.empty)
    names = {i: view.label(i) for i in indicators}
    return Section(
        name, title, illustrative,
        chart_of(long, lang=lang, illustrative=illustrative, selected=view.selected),
        what=view.what(indicators, t(f"won.{name}.read", lang)), notes=[view.city_note],
        table=_wide(view, long, "waarde", names, illustrative), formats={n: "procent" for n in names.values()})


def _corporations(view: _View) -> Section:
    lang = view.lang
    names = housing.corporations(view.pkg.indicatoren, lang)
    illustrative = view.illustrative(list(names))
    title = t("won.corp.title", lang)
    long = housing.corporation_stock(view.pkg.cijfers, view.pkg.indicatoren, view.pkg.wijken, view.year,
                                     view.municipality, view.city_name, lang)
    if not names or long["woningen"].isna().all():
        return Section("corporations", title, illustrative, None, empty=view.empty)
    table = _wide(view, long, "woningen", names, illustrative)
    total = t("won.col.social_total", lang)
    table.insert(len(table.columns) - 2, total, table[list(names.values())].sum(axis=1, min_count=1))
    own = view.own if view.own in names.values() else None
    return Section(
        "corporations", title, illustrative,
        charts.corporation_bars(long, lang=lang, illustrative=illustrative, selected=view.selected, own=own),
        what=view.what(list(names), t("won.corp.read", lang, n=fmt.number(len(names), lang))), notes=[view.city_note],
        table=table,
        lead=t("won.corp.own", lang, name=literal(own)) if own else "",
        formats={n: "aantal" for n in [*names.values(), total]})


def _rent_classes(view: _View) -> Section:
    lang, year = view.lang, view.year
    indicators = housing.RENT_CLASSES + [housing.LOW_INCOME]
    illustrative = view.illustrative(indicators)
    result = housing.rent_classes(view.pkg.cijfers, view.pkg.wijken, view.pkg.huurgrenzen, year,
                                  view.municipality, view.city_name, lang)
    title = t("won.rent.title", lang)
    if result.homes["woningen"].isna().all():
        return Section("rent-classes", title, illustrative, None, empty=view.empty)
    table = _wide(view, result.homes, "woningen", result.labels, illustrative)
    households = result.households.set_index("gebied_id").reindex(result.homes["gebied_id"].unique())
    columns = {t("won.col.cheap_sum", lang): "goedkoop", view.label(housing.LOW_INCOME): housing.LOW_INCOME,
               t("won.col.shortage", lang): "tekort"}
    for position, (name, column) in enumerate(columns.items()):
        table.insert(2 + len(result.labels) + position, name, list(households[column]))
    return Section(
        "rent-classes", title, illustrative,
        charts.rent_class_bars(result.homes, result.households, year, lang=lang, illustrative=illustrative,
                               selected=view.selected),
        what=view.what(indicators, t("won.rent.read", lang, year=year), limits=result.limits),
        table=table, formats={n: "aantal" for n in [*result.labels.values(), *columns]})


def _ranked(view: _View, name: str, indicator: str, title_key: str, read_key: str, axis_title: str) -> Section:
    lang = view.lang
    illustrative = view.illustrative([indicator])
    unit = str(view.pkg.indicatoren.loc[indicator, "eenheid"])
    rows, city = housing.ranked(view.pkg.cijfers, view.pkg.wijken, indicator, view.year, view.municipality)
    if rows["waarde"].isna().all():
        return Section(name, t(title_key, lang), illustrative, None, empty=view.empty)
    label = view.label(indicator)
    table = view.table({
        t("col.wijk", lang): [*rows["naam"], view.city_name],
        t("col.class", lang): [*view.classes(rows["klasse"]), ""],
        label: [*rows["waarde"], city],
    }, illustrative)
    return Section(
        name, t(title_key, lang), illustrative,
        charts.value_bars(rows, city, unit, axis_title, classes=view.pkg.facts.classes, lang=lang,
                          illustrative=illustrative, selected=view.selected),
        what=view.what([indicator], t(read_key, lang)), notes=[view.city_note], table=table,
        formats={label: unit})


def _energy(view: _View) -> Section:
    return _shares(view, "energy", housing.ENERGY_LABELS, housing.energy_labels, charts.energy_label_bars)


def _limits(limits: pd.DataFrame, year: int, lang: str) -> str:
    """The year's rent limits as a list (from the package's table huurgrenzen), with source and note."""
    if limits.empty:
        return t("won.rent.no_limits", lang, year=year)
    lines = [f"**{t('won.rent.limits', lang, year=year)}**", ""]
    for row in limits.itertuples():
        line = f"- {t(f'won.limitname.{row.grens}', lang)}: **{fmt.money(row.bedrag, lang, cents=True)}** ({row.bron})"
        if pd.notna(row.opmerking) and str(row.opmerking).strip():
            line += f" — *{row.opmerking}*"
        lines.append(line)
    return "\n".join(lines)


def _sources(cijfers: pd.DataFrame, indicator: str, year: int) -> str:
    """The sources of the values actually shown (they may differ from the indicator's usual source)."""
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["jaar"] == year)]
    return "; ".join(dict.fromkeys(str(s) for s in rows["bron"].dropna()))


def _wide(view: _View, long: pd.DataFrame, value: str, names: dict[str, str], illustrative: bool) -> pd.DataFrame:
    """Long (area × indicator) -> one row per area (in their order), one column per indicator."""
    wide = long.pivot(index="gebied_id", columns="indicator", values=value)
    areas = long.drop_duplicates("gebied_id")
    wide = wide.reindex(index=areas["gebied_id"], columns=list(names)).rename(columns=names)
    columns = {t("col.wijk", view.lang): areas["naam"], t("col.class", view.lang): view.classes(areas["klasse"])}
    columns.update({column: wide[column] for column in wide.columns})
    return view.table(columns, illustrative)


def _join(names: list[str], lang: str) -> str:
    """`a, b en c` / `a, b and c`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + (" en " if lang == "nl" else " and ") + names[-1]


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
