"""Wijk — "Wat speelt er in deze wijk en wat is er nodig?": one wijk's perspective next to its figures."""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from app.wijk_page_reads import WijkCards
from domain import entries, freshness, privacy
from domain import format as fmt
from domain import indicators as ind
from domain.package_text import in_language
from domain.texts import empty_section, for_viewer, t
from domain.wijken import budget, budget_source, outline_note, size_tension, themes
from figures.maps import MapGeometry, wijk_map
from nla_data import NlaPackage
from nla_data.store import now
from ui import auth, components, downloads, entry_csv_view, network_view, routes, state
from ui import editing as edit_ui
from ui import outlook as outlook_ui
from ui.map_files import map_geometry
from ui.package_memo import per_package, wijken_by_class


def render() -> None:
    pkg, lang = state.package(), state.lang()
    asked = state.wijk_param()
    if asked is not None and asked not in pkg.wijken.index:
        st.warning(t("wijk.unknown", lang, wijk=components.literal(st.query_params.get("wijk")),
                     n=fmt.number(len(pkg.wijken), lang)),
                   icon=":material/search_off:")
        _wijk_list(pkg, lang)
        return
    wijk_id = state.selected_wijk(pkg)
    if wijk_id is None:
        st.header(t("wijk.choose", lang), anchor=False)
        st.markdown(t("wijk.choose_intro", lang, n=fmt.number(len(pkg.wijken), lang)))
        _wijk_list(pkg, lang)
        return
    state.set_params(wijk=wijk_id)
    wijk = wijken_by_class(pkg).loc[wijk_id]
    _header(pkg, wijk, lang)
    downloads.report_button(wijk_id, lang)
    _figures_and_map(pkg, wijk, lang)
    outlook_ui.render(pkg, wijk_id, lang)
    network_view.render(pkg, wijk_id, wijk["naam"], lang)
    _sections(pkg, wijk_id, lang)
    entry_csv_view.render(pkg, wijk_id, lang)


def _wijk_list(pkg: NlaPackage, lang: str) -> None:
    wijken = wijken_by_class(pkg)
    for klasse, group in wijken.groupby("klasse", sort=False):
        st.markdown(f"**{components.literal(pkg.facts.classes.label(klasse, lang))}**")
        row = st.container(horizontal=True, gap="small")
        with row:
            for item in group.itertuples():
                routes.link(routes.WIJK, item.naam, wijk=item.wijk_id)


def _header(pkg: NlaPackage, wijk: pd.Series, lang: str) -> None:
    st.caption(t("wijk.question", lang))
    st.header(components.literal(wijk["naam"]), anchor=False)
    chips = st.container(horizontal=True, gap="small")
    with chips:
        components.class_chip(wijk["klasse"], pkg.facts.classes, lang, sources=pkg.facts.source_names)
        frontline = t(f"frontline.{wijk['frontlijn_invulling']}", lang)
        st.badge(f"{t('wijk.frontline', lang)}: {frontline}", color="gray", icon=":material/person_pin_circle:",
                 help=components.literal(in_language(wijk, "frontlijn_toelichting", lang)))
        organisation = t(f"organisation.{wijk['organisatievorm_na_2014']}", lang)
        st.badge(f"{t('wijk.organisation', lang)}: {organisation}", color="gray", icon=":material/groups:")
        for theme in themes(wijk, lang):
            st.badge(components.literal(theme), color="blue", icon=":material/flag:")
        if wijk["illustratief"]:
            st.badge(t("value.illustrative", lang), color="yellow", icon=":material/science:",
                     help=t("wijk.illustrative_profile", lang))
    last = _cards(wijk["wijk_id"]).last
    if last is None:
        st.caption(t(for_viewer("wijk.no_update", privacy.unseen_visibilities(auth.actor(), wijk["wijk_id"])), lang))
    else:
        date = fmt.date(last["bijgewerkt_op"], lang)
        if pd.isna(last["bijgewerkt_door"]):  # the public sees no names
            st.caption(t("wijk.last_update_date", lang, date=date))
        else:
            st.caption(t("wijk.last_update", lang, date=date, who=components.literal(last["bijgewerkt_door"])))
    if note := in_language(wijk, "klasse_toelichting", lang):
        st.caption(f"ℹ️ {components.literal(note)}")


TILES_PER_ROW = 4  # key figures per row: wide enough for "€ 150.000" and a two-line label


def _figures_and_map(pkg: NlaPackage, wijk: pd.Series, lang: str) -> None:
    figures = _key_figures(pkg, wijk["wijk_id"])
    with components.two_per_row_when_narrow("wijk-figures"):
        for start in range(0, len(figures), TILES_PER_ROW):
            row = figures[start:start + TILES_PER_ROW]
            for column, figure in zip(st.columns(TILES_PER_ROW), row):
                definition = pkg.indicatoren.loc[figure.indicator]
                with column:
                    components.figure_tile(definition[f"label_{lang}"], figure, lang, definition[f"definitie_{lang}"],
                                           sources=pkg.facts.source_names)
    _class_tension(pkg, wijk, figures, lang)
    money, place = st.columns([3, 2], gap="medium")
    with money:
        _budget_box(pkg, wijk["wijk_id"], lang)
    with place:
        key = state.package_key(pkg)
        figure = _map(pkg, key, wijk["wijk_id"], wijk["klasse"], lang, state.map_style(), map_geometry(pkg, key))
        st.plotly_chart(figure,
                        config={"displayModeBar": False}, key=f"wijk_map:{wijk['wijk_id']}")
        names = pkg.buurten[pkg.buurten["wijk_id"] == wijk["wijk_id"]]["buurtnaam"]
        note = outline_note(pkg.wijkgrenzen, wijk["wijk_id"], lang, escape=components.sourced(pkg.facts.source_names, lang))
        st.caption(f"{t('wijk.buurten', lang)}: {components.literal(', '.join(names))} · {note}")


@per_package
def _key_figures(pkg: NlaPackage, wijk_id: str) -> tuple[ind.Figure, ...]:
    return tuple(ind.key_figures(pkg.cijfers, pkg.indicatoren, "wijk", wijk_id))


@st.cache_resource(show_spinner=False, max_entries=64)
def _map(_pkg: NlaPackage, package_key: tuple, wijk_id: str, klasse: str, lang: str,  # noqa: ARG001 - cache key
         style: str, geometry: MapGeometry):
    """The wijk's map as a resource per package version (plotly re-validates an unpickled figure): the
    same on every run, where building it took about a third of the page's script time."""
    outlines = _pkg.wijkgrenzen.assign(klasse=klasse)
    return wijk_map(_pkg.buurtgrenzen, outlines, wijk_id, lang=lang, style=style, classes=_pkg.facts.classes,
                    geometry=geometry)


def _class_tension(pkg: NlaPackage, wijk: pd.Series, figures: tuple[ind.Figure, ...], lang: str) -> None:
    """The source classes Hoogkerk as small; by the package's threshold its buurten make it large. Show, don't hide."""
    classes = pkg.facts.classes
    dwellings = next((f.value for f in figures if f.indicator == "woningen"), None)
    expected = size_tension(wijk["grootte"], dwellings, classes)
    if expected is not None:
        st.info(t("wijk.class_tension", lang, n=fmt.number(dwellings, lang),
                  threshold=fmt.number(classes.threshold, lang), expected=classes.size.label(expected, lang),
                  given=classes.size.label(wijk["grootte"], lang)), icon=":material/info:")


def _budget_box(pkg: NlaPackage, wijk_id: str, lang: str) -> None:
    money = budget(pkg.wijken, wijk_id)
    lines = [(t("wijk.ceiling", lang), money.ceiling), (t("wijk.cut", lang), money.cut_2014),
             (t("wijk.after_cut", lang), money.after_cut),
             (t("wijk.needs_total", lang), _cards(wijk_id).needs_total)]
    with st.container(border=True):
        st.subheader(t("wijk.budget", lang), anchor=False)
        table = pd.DataFrame({"label": [label for label, _ in lines], "bedrag": [fmt.money(v, lang) for _, v in lines]})
        st.table(table, hide_index=True, hide_header=True, border="horizontal")
        st.caption(budget_source(pkg.wijken, lang, wijk_id, escape=components.sourced(pkg.facts.source_names, lang)))
        routes.link(routes.BUDGET, t("wijk.to_budget", lang), icon=":material/savings:", wijk=wijk_id)


# entries of a section drawn at first, and how many more each "Meer tonen" adds: a screen's worth in three columns
# (the package's wijken have at most 5 a section); drawing the cards is most of a big wijk's page (issue 11)
PAGE_SIZE = 10


def _more_key(wijk_id: str, section: str, opened: bool) -> str:
    return f"more:{wijk_id}:{section}:{'open' if opened else 'closed'}"


def _cards(wijk_id: str) -> WijkCards:
    """The cards drawn now (per section and open or closed, as far as the session has unfolded the list), read
    a page at a time: a wijk of 10,000 entries reads what it draws (issue 11)."""
    limits = {(section, opened): st.session_state.get(_more_key(wijk_id, section, opened), PAGE_SIZE)
              for section in entries.SECTIONS for opened in (True, False)}
    return state.wijk_cards(wijk_id, limits)


def _sections(pkg: NlaPackage, wijk_id: str, lang: str) -> None:
    cards = _cards(wijk_id)
    context = edit_ui.wijk_context(pkg, wijk_id)
    buurten = edit_ui.wijk_buurten(pkg.buurten, wijk_id)
    months = state.settings().stale_months
    unseen = privacy.unseen_visibilities(auth.actor(), wijk_id)
    edit_ui.show_flash()
    if not edit_ui.can_edit(wijk_id):
        st.caption(t("auth.edit_hint_signed_in" if auth.actor().signed_in else "auth.edit_hint", lang))
    for column, section in zip(st.columns(3, gap="medium"), entries.SECTIONS):
        open_rows, closed_rows = (_shown(pkg, cards.section(section, flag)) for flag in (True, False))
        n_open, n_closed = cards.counts[(section, True)], cards.counts[(section, False)]
        with column:
            st.subheader(t(f"section.{section}", lang), anchor=False)
            st.caption(t("wijk.section_count", lang, open=fmt.number(n_open, lang), closed=fmt.number(n_closed, lang)))
            edit_ui.new_entry(section, context, buurten, lang)
            if not n_open and not n_closed:
                st.info(empty_section(section, unseen, lang), icon=":material/edit_note:")
            # stale as of now (time makes entries stale, not a read)
            stale = _stale(open_rows, months, context.rules.open_statuses)
            _capped(open_rows, n_open, _more_key(wijk_id, section, True), lang, lambda entry, stale=stale: _entry(
                entry, cards.links, context, buurten, entry.item_id in stale, months, lang))
            if n_closed:
                # keyed: its label counts them, and a changed label made a new, closed fold after each reopening
                with st.expander(t("wijk.closed", lang, n=fmt.number(n_closed, lang)),
                                 key=f"closed:{wijk_id}:{section}"):
                    _capped(closed_rows, n_closed, _more_key(wijk_id, section, False), lang, lambda entry: _entry(
                        entry, cards.links, context, buurten, False, months, lang))


def _shown(pkg: NlaPackage, rows: pd.DataFrame) -> pd.DataFrame:
    """Cards with their buurt's name."""
    return rows.merge(pkg.buurten[["buurtcode", "buurtnaam"]], on="buurtcode", how="left")


def _stale(rows: pd.DataFrame, months: int, opened) -> set[str]:
    return set(rows.loc[freshness.stale_mask(rows, now(), months, open_statuses=opened), "item_id"])


def _capped(rows: pd.DataFrame, total: int, key: str, lang: str, draw) -> None:
    """Draw `rows` (the first of a section's `total` entries, newest first), then a "Meer tonen" button for the
    rest: a wijk with a thousand entries stays quick to draw. How far it is unfolded stays for the session."""
    for entry in rows.itertuples():
        draw(entry)
    hidden = total - len(rows)
    if hidden > 0 and st.button(t("wijk.more", lang, hidden=fmt.number(hidden, lang)), key=f"btn-{key}",
                                icon=":material/expand_more:", width="stretch"):
        st.session_state[key] = len(rows) + PAGE_SIZE
        st.rerun()


def _entry(entry, linked: dict, context, buurten, stale: bool, months: int, lang: str) -> None:
    with st.container(border=True):
        components.entry_card(entry, linked.get(entry.item_id, []), context.rules.relations, lang,
                              stale_note=t("edit.stale_help", lang, months=months) if stale else None)
        edit_ui.entry_actions(entry, context, buurten, lang)


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
