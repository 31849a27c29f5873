"""Wonen — "Is er genoeg betaalbare huur voor de laagste inkomens?"

The answer first: cheap rental homes per low-income household per wijk, ranked, with the city; then
how they are spread over the city, the stock by tenure and owner, rent classes against low-income
households, WOZ, liveability and energy labels. Under every chart: "Wat zie ik?" (definition, source,
year, caveat) and "Tabel" (the same figures as a table, with downloads).
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import format as fmt
from domain import housing
from domain.texts import t
from figures import housing_charts as charts
from nla_data import NlaPackage
from ui import state
from ui.downloads import download_buttons

YEAR_KEY = "wonen_jaar"
CHART_CONFIG = {"displayModeBar": False}


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("won.question", lang), anchor=False)
    years = housing.years(pkg.cijfers)
    if not years:
        st.info(t("won.no_years", lang), icon=":material/info:")
        return
    year = _year_picker(years, lang)
    st.caption(t("won.intro", lang))
    view = _View(pkg, lang, year, state.selected_wijk(pkg))

    _answer(view)
    _spread(view)
    _tenure(view)
    _corporations(view)
    _rent_classes(view)
    left, right = st.columns(2, gap="large")
    with left:
        _value_chart(view, housing.WOZ, "won.woz.title", "won.woz.read", t("won.woz.title", lang))
    with right:
        _value_chart(view, housing.LIVEABILITY, "won.live.title", "won.live.read", t("won.live.axis", lang))
    _energy(view)


class _View:
    """What every section needs: the package, language, year, selected wijk, and the city's name."""

    def __init__(self, pkg: NlaPackage, lang: str, year: int, selected: str | None) -> None:
        self.pkg, self.lang, self.year, self.selected = pkg, lang, year, selected
        self.municipality = pkg.info.municipality
        self.city_name = t("kaart.city", lang)

    def label(self, indicator: str) -> str:
        return str(self.pkg.indicatoren.loc[indicator, f"label_{self.lang}"])

    def illustrative(self, indicators: list[str]) -> bool:
        return housing.illustrative(self.pkg.cijfers, indicators, self.year)


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


# --- sections -----------------------------------------------------------------------------------------


def _answer(view: _View) -> None:
    lang, year = view.lang, view.year
    indicators = [housing.RATIO, housing.CHEAP, housing.LOW_INCOME]
    illustrative = view.illustrative(indicators)
    result = housing.affordability(view.pkg.cijfers, view.pkg.wijken, year, view.municipality)
    _title(t("won.answer.title", lang), illustrative, lang)
    if not result.known:
        st.info(t("won.no_data", lang, year=year))
        return
    note = t("won.illustrative_figures", lang) if illustrative else ""
    key = "won.answer.sentence" if result.below_one else "won.answer.none"
    sentence = t(key, lang, year=year, below=result.below_one, known=result.known, note=note)
    tightest = result.table.dropna(subset=["verhouding"]).head(3)
    names = _join([f"{row.naam} ({fmt.number(row.verhouding, lang, 2)})" for row in tightest.itertuples()], lang)
    lines = [sentence + " " + t("won.answer.tightest", lang, names=names)]
    if result.city is not None:
        lines.append(t("won.answer.city", lang, ratio=fmt.number(result.city, lang, 2),
                       cheap=fmt.number(result.city_cheap, lang), low=fmt.number(result.city_low_income, lang)))
    st.markdown("  \n".join(lines))
    figure = charts.affordability_bars(result.table, result.city, lang=lang, illustrative=illustrative,
                                       selected=view.selected)
    st.plotly_chart(figure, key="wonen_answer", config=CHART_CONFIG, alt=sentence)
    _what(view, indicators, t("won.answer.read", lang), extra=[t("won.answer.caveat", lang), t("won.what.city", lang)])
    table = pd.DataFrame({
        t("won.col.rank", lang): result.table["rang"],
        t("col.wijk", lang): result.table["naam"],
        t("col.class", lang): [t(f"class.{k}", lang) for k in result.table["klasse"]],
        view.label(housing.CHEAP): result.table[housing.CHEAP],
        view.label(housing.LOW_INCOME): result.table[housing.LOW_INCOME],
        view.label(housing.RATIO): result.table["verhouding"],
    })
    city = {t("col.wijk", lang): view.city_name, view.label(housing.CHEAP): result.city_cheap,
            view.label(housing.LOW_INCOME): result.city_low_income, view.label(housing.RATIO): result.city}
    table = pd.concat([table, pd.DataFrame([city])], ignore_index=True)
    _table(view, table, "goedkope-huur-per-laag-inkomen", illustrative,
           formats={view.label(housing.CHEAP): "aantal", view.label(housing.LOW_INCOME): "aantal",
                    view.label(housing.RATIO): "verhouding"})


def _spread(view: _View) -> None:
    lang, year = view.lang, view.year
    indicators = [housing.CHEAP, housing.LOW_INCOME]
    illustrative = view.illustrative(indicators)
    result = housing.spread(view.pkg.cijfers, view.pkg.wijken, year, view.municipality)
    _title(t("won.spread.title", lang), illustrative, lang)
    rows = result.table.dropna(subset=["verschil"])
    if rows.empty:
        st.info(t("won.no_data", lang, year=year))
        return
    st.markdown(t("won.spread.sentence", lang, cheap=fmt.percent(result.nla_cheap, lang),
                  low=fmt.percent(result.nla_low_income, lang)))
    figure = charts.spread_dumbbell(result.table, lang=lang, illustrative=illustrative, selected=view.selected)
    st.plotly_chart(figure, key="wonen_spread", config=CHART_CONFIG)
    _what(view, indicators, t("won.spread.read", lang), extra=[t("won.what.city", lang)])
    table = pd.DataFrame({
        t("col.wijk", lang): result.table["naam"],
        t("col.class", lang): [t(f"class.{k}", lang) for k in result.table["klasse"]],
        view.label(housing.CHEAP): result.table[housing.CHEAP],
        view.label(housing.LOW_INCOME): result.table[housing.LOW_INCOME],
        t("won.col.share_cheap", lang): result.table["aandeel_goedkoop"].round(2),
        t("won.col.share_low", lang): result.table["aandeel_laag_inkomen"].round(2),
        t("won.col.difference", lang): result.table["verschil"].round(2),
    })
    _table(view, table, "spreiding-goedkope-huur", illustrative,
           formats={view.label(housing.CHEAP): "aantal", view.label(housing.LOW_INCOME): "aantal",
                    t("won.col.share_cheap", lang): "procent", t("won.col.share_low", lang): "procent",
                    t("won.col.difference", lang): "punt"})


def _tenure(view: _View) -> None:
    lang = view.lang
    illustrative = view.illustrative(housing.TENURE)
    long = housing.tenure(view.pkg.cijfers, view.pkg.wijken, view.year, view.municipality, view.city_name)
    _title(t("won.tenure.title", lang), illustrative, lang)
    if long["waarde"].isna().all():
        st.info(t("won.no_data", lang, year=view.year))
        return
    st.plotly_chart(charts.tenure_bars(long, lang=lang, illustrative=illustrative, selected=view.selected),
                    key="wonen_tenure", config=CHART_CONFIG)
    _what(view, housing.TENURE, t("won.tenure.read", lang), extra=[t("won.what.city", lang)])
    names = {i: view.label(i) for i in housing.TENURE}
    table = _wide(long, "waarde", names, lang)
    _table(view, table, "woningvoorraad-eigendom", illustrative, formats={n: "procent" for n in names.values()})


def _corporations(view: _View) -> None:
    lang = view.lang
    names = housing.corporations(view.pkg.indicatoren, lang)
    illustrative = view.illustrative(list(names))
    long = housing.corporation_stock(view.pkg.cijfers, view.pkg.indicatoren, view.pkg.wijken, view.year,
                                     view.municipality, view.city_name, lang)
    _title(t("won.corp.title", lang), illustrative, lang)
    if not names or long["woningen"].isna().all():
        st.info(t("won.no_data", lang, year=view.year))
        return
    st.plotly_chart(charts.corporation_bars(long, lang=lang, illustrative=illustrative, selected=view.selected),
                    key="wonen_corporations", config=CHART_CONFIG)
    _what(view, list(names), t("won.corp.read", lang), extra=[t("won.corp.note", lang)])
    table = _wide(long, "woningen", names, lang)
    total = t("won.col.social_total", lang)
    table[total] = table[list(names.values())].sum(axis=1, min_count=1)
    _table(view, table, "sociale-huur-per-corporatie", illustrative,
           formats={n: "aantal" for n in [*names.values(), total]})


def _rent_classes(view: _View) -> None:
    lang, year = view.lang, view.year
    indicators = housing.RENT_CLASSES + [housing.LOW_INCOME]
    illustrative = view.illustrative(indicators)
    result = housing.rent_classes(view.pkg.cijfers, view.pkg.wijken, view.pkg.huurgrenzen, year,
                                  view.municipality, view.city_name, lang)
    _title(t("won.rent.title", lang), illustrative, lang)
    if result.homes["woningen"].isna().all():
        st.info(t("won.no_data", lang, year=year))
        return
    figure = charts.rent_class_bars(result.homes, result.households, year, lang=lang, illustrative=illustrative,
                                    selected=view.selected)
    st.plotly_chart(figure, key="wonen_rent_classes", config=CHART_CONFIG)
    _what(view, indicators, t("won.rent.read", lang, year=year), limits=result.limits)
    table = _wide(result.homes, "woningen", result.labels, lang)
    households = result.households.set_index("gebied_id")
    columns = {t("won.col.cheap_sum", lang): "goedkoop", view.label(housing.LOW_INCOME): housing.LOW_INCOME,
               t("won.col.shortage", lang): "tekort"}
    for name, column in columns.items():
        table[name] = list(households[column].reindex(result.homes.drop_duplicates("gebied_id")["gebied_id"]))
    _table(view, table, "huurklassen", illustrative, formats={n: "aantal" for n in [*result.labels.values(), *columns]})


def _value_chart(view: _View, indicator: str, title_key: str, read_key: str, axis_title: str) -> None:
    lang = view.lang
    illustrative = view.illustrative([indicator])
    unit = str(view.pkg.indicatoren.loc[indicator, "eenheid"])
    rows, city = housing.ranked(view.pkg.cijfers, view.pkg.wijken, indicator, view.year, view.municipality)
    _title(t(title_key, lang), illustrative, lang)
    if rows["waarde"].isna().all():
        st.info(t("won.no_data", lang, year=view.year))
        return
    figure = charts.value_bars(rows, city, unit, axis_title, lang=lang, illustrative=illustrative,
                               selected=view.selected)
    st.plotly_chart(figure, key=f"wonen_{indicator}", config=CHART_CONFIG)
    _what(view, [indicator], t(read_key, lang), extra=[t("won.what.city", lang)])
    table = pd.DataFrame({
        t("col.wijk", lang): list(rows["naam"]) + [view.city_name],
        t("col.class", lang): [t(f"class.{k}", lang) for k in rows["klasse"]] + [""],
        view.label(indicator): list(rows["waarde"]) + [city],
    })
    _table(view, table, indicator.replace("_", "-"), illustrative, formats={view.label(indicator): unit})


def _energy(view: _View) -> None:
    lang = view.lang
    illustrative = view.illustrative(housing.ENERGY_LABELS)
    long = housing.energy_labels(view.pkg.cijfers, view.pkg.wijken, view.year, view.municipality, view.city_name)
    _title(t("won.energy.title", lang), illustrative, lang)
    if long["waarde"].isna().all():
        st.info(t("won.no_data", lang, year=view.year))
        return
    st.plotly_chart(charts.energy_label_bars(long, lang=lang, illustrative=illustrative, selected=view.selected),
                    key="wonen_energy", config=CHART_CONFIG)
    _what(view, housing.ENERGY_LABELS, t("won.energy.read", lang), extra=[t("won.what.city", lang)])
    names = {i: view.label(i) for i in housing.ENERGY_LABELS}
    _table(view, _wide(long, "waarde", names, lang), "energielabels", illustrative,
           formats={n: "procent" for n in names.values()})


# --- shared pieces ------------------------------------------------------------------------------------


def _title(text: str, illustrative: bool, lang: str) -> None:
    """A chart's title with, where its values are illustrative, a visible badge next to it."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with row:
        st.subheader(text, anchor=False, width="content")
        if illustrative:
            st.badge(t("value.illustrative", lang), icon=":material/science:", color="orange",
                     help=t("won.badge_help", lang))


def _what(view: _View, indicators: list[str], reading: str, *, extra: list[str] | None = None,
          limits: pd.DataFrame | None = None) -> None:
    """"Wat zie ik?": how to read the chart, then per indicator its definition, source, year and caveat.

    Indicators that share source and caveat (the five corporations, the rent classes) are listed
    together, with the source and caveat said once.
    """
    lang, year = view.lang, view.year
    with st.expander(t("won.what", lang), icon=":material/help:"):
        st.markdown(reading)
        groups: dict[tuple[str, str], list[str]] = {}
        for indicator in indicators:
            definition = view.pkg.indicatoren.loc[indicator]
            source = _sources(view.pkg.cijfers, indicator, year) or str(definition["bron"])
            caveat = "" if pd.isna(definition["kanttekening"]) else str(definition["kanttekening"]).strip()
            head = f"**{definition[f'label_{lang}']}** — {definition[f'definitie_{lang}']}"
            groups.setdefault((source, caveat), []).append(head)
        blocks = []
        for (source, caveat), heads in groups.items():
            details = [t("won.what.source", lang, source=source), t("won.what.year", lang, year=year)]
            if caveat:
                details.append(t("won.what.caveat", lang, caveat=caveat))
            if len(heads) == 1:
                blocks.append(heads[0] + "  \n" + " · ".join(details))
            else:
                blocks.append("\n".join(f"- {head}" for head in heads) + "\n\n" + " · ".join(details))
        st.markdown("\n\n".join(blocks))
        if limits is not None:
            _limits(limits, year, lang)
        if view.illustrative(indicators):
            st.markdown(f":orange[:material/science:] {t('won.what.illustrative', lang, year=year)}")
        for text in extra or []:
            st.caption(text)


def _limits(limits: pd.DataFrame, year: int, lang: str) -> None:
    if limits.empty:
        st.markdown(t("won.rent.no_limits", lang, year=year))
        return
    lines = [f"**{t('won.rent.limits', lang, year=year)}**"]
    for row in limits.itertuples():
        line = f"- {t(f'won.limitname.{row.grens}', lang)}: **{fmt.money(row.bedrag, lang, cents=True)}** ({row.bron})"
        if pd.notna(row.opmerking) and str(row.opmerking).strip():
            line += f" — *{row.opmerking}*"
        lines.append(line)
    st.markdown("\n".join(lines))


def _sources(cijfers: pd.DataFrame, indicator: str, year: int) -> str:
    """The sources of the values actually shown (they may differ from the indicator's usual source)."""
    rows = cijfers[(cijfers["indicator"] == indicator) & (cijfers["jaar"] == year)]
    return "; ".join(dict.fromkeys(str(s) for s in rows["bron"].dropna()))


def _wide(long: pd.DataFrame, value: str, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Long (area × indicator) -> one row per area, one column per indicator, areas in their order."""
    wide = long.pivot(index="gebied_id", columns="indicator", values=value)
    areas = long.drop_duplicates("gebied_id")
    wide = wide.reindex(index=areas["gebied_id"], columns=list(names)).rename(columns=names)
    table = pd.DataFrame({
        t("col.wijk", lang): list(areas["naam"]),
        t("col.class", lang): ["" if k == housing.CITY_CLASS else t(f"class.{k}", lang) for k in areas["klasse"]],
    })
    for column in wide.columns:
        table[column] = list(wide[column])
    return table


def _table(view: _View, table: pd.DataFrame, name: str, illustrative: bool, formats: dict[str, str]) -> None:
    """"Tabel": the chart's figures, formatted the Dutch way on screen; downloads keep the plain numbers."""
    lang = view.lang
    table = table.assign(**{t("col.year", lang): view.year, t("col.illustrative", lang): illustrative})
    with st.expander(t("won.table", lang), icon=":material/table:"):
        shown = table.copy()
        for column, unit in formats.items():
            shown[column] = [_cell(v, unit, lang) for v in table[column]]
        shown[t("col.year", lang)] = shown[t("col.year", lang)].astype(str)
        st.dataframe(shown, hide_index=True, width="stretch")
        download_buttons(table, f"wonen-{name}-{view.year}", lang)


def _cell(value, unit: str, lang: str) -> str:
    if value is None or pd.isna(value):
        return ""
    if unit == "punt":
        return fmt.number(value, lang, 2)
    if unit == "procent":
        return fmt.percent(value, lang, 1)
    return fmt.value(value, unit, lang)


def _join(names: list[str], lang: str) -> str:
    """`a, b en c` / `a, b and c`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + (" en " if lang == "nl" else " and ") + names[-1]


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
