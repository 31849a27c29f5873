"""Wijk — "Wat speelt er in deze wijk en wat is er nodig?": one wijk's perspective next to its figures."""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import editing, entries, freshness
from domain import format as fmt
from domain import indicators as ind
from domain.texts import t
from domain.wijken import budget, budget_source, size_tension, themes
from figures.maps import MapGeometry, wijk_map
from nla_data import NlaPackage
from nla_data.store import now
from ui import components, downloads, entry_csv_view, network_view, routes, state
from ui import editing as edit_ui
from ui import outlook as outlook_ui
from ui.identity_memo import by_identity
from ui.map_files import map_geometry
from ui.package_memo import per_package, wijken_by_class


def render() -> None:
    pkg, lang = state.package(), state.lang()
    asked = state.wijk_param()
    if asked is not None and asked not in pkg.wijken.index:
        st.warning(t("wijk.unknown", lang, wijk=components.literal(st.query_params.get("wijk")), n=len(pkg.wijken)),
                   icon=":material/search_off:")
        _wijk_list(pkg, lang)
        return
    wijk_id = state.selected_wijk(pkg)
    if wijk_id is None:
        st.header(t("wijk.choose", lang), anchor=False)
        st.markdown(t("wijk.choose_intro", lang, n=len(pkg.wijken)))
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
        components.class_chip(wijk["klasse"], pkg.facts.classes, lang)
        frontline = t(f"frontline.{wijk['frontlijn_invulling']}", lang)
        st.badge(f"{t('wijk.frontline', lang)}: {frontline}", color="gray", icon=":material/person_pin_circle:",
                 help=components.literal(wijk["frontlijn_toelichting"]))
        organisation = t(f"organisation.{wijk['organisatievorm_na_2014']}", lang)
        st.badge(f"{t('wijk.organisation', lang)}: {organisation}", color="gray", icon=":material/groups:")
        for theme in themes(wijk["themas"]):
            st.badge(components.literal(theme), color="blue", icon=":material/flag:")
        if wijk["illustratief"]:
            st.badge(t("value.illustrative", lang), color="yellow", icon=":material/science:",
                     help=t("wijk.illustrative_profile", lang))
    last = _entries_view(pkg, wijk["wijk_id"]).last
    if last is None:
        st.caption(t("wijk.no_update", lang))
    else:
        date = fmt.date(last["bijgewerkt_op"], lang)
        if pd.isna(last["bijgewerkt_door"]):  # the public sees no names
            st.caption(t("wijk.last_update_date", lang, date=date))
        else:
            st.caption(t("wijk.last_update", lang, date=date, who=components.literal(last["bijgewerkt_door"])))
    if pd.notna(wijk["klasse_toelichting"]):
        st.caption(f"ℹ️ {components.literal(wijk['klasse_toelichting'])}")


TILES_PER_ROW = 4  # key figures per row: wide enough for "€ 150.000" and a two-line label


def _figures_and_map(pkg: NlaPackage, wijk: pd.Series, lang: str) -> None:
    figures = _key_figures(pkg, wijk["wijk_id"])
    for start in range(0, len(figures), TILES_PER_ROW):
        row = figures[start:start + TILES_PER_ROW]
        for column, figure in zip(st.columns(TILES_PER_ROW), row):
            definition = pkg.indicatoren.loc[figure.indicator]
            with column:
                components.figure_tile(definition[f"label_{lang}"], figure, lang, definition[f"definitie_{lang}"])
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
        st.caption(f"{t('wijk.buurten', lang)}: {components.literal(', '.join(names))} · "
                   f"{_outline_note(pkg, wijk['wijk_id'], lang)}")


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


def _outline_note(pkg: NlaPackage, wijk_id: str, lang: str) -> str:
    """Where the outline comes from, as the package says: its source, and *indicatief* only when it is."""
    own = pkg.wijkgrenzen[pkg.wijkgrenzen["wijk_id"] == wijk_id]
    if own.empty:
        return t("value.missing", lang)
    feature = own.iloc[0]
    if feature.get("status") == "indicatief":
        return t("value.outlines_indicative", lang)
    return t("wijk.outlines_source", lang, source=components.literal(feature.get("bron") or "–"))


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
             (t("wijk.needs_total", lang), _entries_view(pkg, wijk_id).needs_total)]
    with st.container(border=True):
        st.subheader(t("wijk.budget", lang), anchor=False)
        table = pd.DataFrame({"label": [label for label, _ in lines], "bedrag": [fmt.money(v, lang) for _, v in lines]})
        st.table(table, hide_index=True, hide_header=True, border="horizontal")
        st.caption(budget_source(pkg.wijken, lang, wijk_id, escape=components.literal))
        routes.link(routes.BUDGET, t("wijk.to_budget", lang), icon=":material/savings:", wijk=wijk_id)


@dataclass(frozen=True)
class EntriesView:
    """What the page derives from the wijk's entries, once per read of them (not per run: with 10,000 entries
    in a wijk this was most of the page's run, py-spy)."""

    context: editing.WijkContext  # the wijk's entries as the forms see them (link choices, unique titles)
    linked: dict  # per entry of the wijk its links (entries.links_index)
    sections: dict[str, tuple[pd.DataFrame, pd.DataFrame]]  # per section its open and closed entries, newest first
    last: pd.Series | None  # the entry updated last (the header's "last updated"), None without entries
    needs_total: int  # the open needs' amounts, in euros


def _entries_view(pkg: NlaPackage, wijk_id: str) -> EntriesView:
    items, links = state.visible_wijk_entries(wijk_id)  # with the entries of other wijken its links reach
    return _derive(items, links, pkg.buurten, wijk_id, pkg.facts.entry_rules)


@by_identity(maxsize=64)
def _derive(items: pd.DataFrame, links: pd.DataFrame, buurten: pd.DataFrame, wijk_id: str, rules) -> EntriesView:
    opened = rules.open_statuses
    own = items[items["wijk_id"] == wijk_id]  # the city's other entries play no part below (but link titles)
    shown = own.merge(buurten[["buurtcode", "buurtnaam"]], on="buurtcode", how="left")
    sections = {}
    for section, rows in entries.by_section(shown, wijk_id, open_statuses=opened).items():
        rows = rows.sort_values("bijgewerkt_op", ascending=False, kind="stable")  # newest first
        sections[section] = (rows[rows["open"]], rows[~rows["open"]])
    return EntriesView(context=editing.wijk_context(items, buurten, wijk_id, rules),
                       linked=entries.links_index(own["item_id"], items, links), sections=sections,
                       last=None if own.empty else own.sort_values("bijgewerkt_op").iloc[-1],
                       needs_total=entries.needs_total(own, wijk_id, open_statuses=opened))


def _sections(pkg: NlaPackage, wijk_id: str, lang: str) -> None:
    view = _entries_view(pkg, wijk_id)
    context, linked = view.context, view.linked
    buurten = edit_ui.wijk_buurten(pkg.buurten, wijk_id)
    months = state.settings().stale_months
    edit_ui.show_flash()
    if not edit_ui.can_edit(wijk_id):
        st.caption(t("auth.edit_hint", lang))
    for column, (section, (open_rows, closed_rows)) in zip(st.columns(3, gap="medium"), view.sections.items()):
        with column:
            st.subheader(t(f"section.{section}", lang), anchor=False)
            st.caption(t("wijk.section_count", lang, open=len(open_rows), closed=len(closed_rows)))
            edit_ui.new_entry(section, context, buurten, lang)
            if open_rows.empty and closed_rows.empty:
                st.info(t(f"section.empty.{section}", lang), icon=":material/edit_note:")
            # stale as of now, decided on the cards drawn only (time makes entries stale, not a read)
            stale = _stale(_page_of(open_rows, f"{wijk_id}:{section}:open"), months, context.rules.open_statuses)
            _capped(open_rows, f"{wijk_id}:{section}:open", lang, lambda entry, stale=stale: _entry(
                entry, linked, context, buurten, entry.item_id in stale, months, lang))
            if not closed_rows.empty:
                with st.expander(t("wijk.closed", lang, n=len(closed_rows))):
                    _capped(closed_rows, f"{wijk_id}:{section}:closed", lang, lambda entry: _entry(
                        entry, linked, context, buurten, False, months, lang))


PAGE_SIZE = 20  # entries of a section drawn at first, and how many more each "Meer tonen" adds


def _page_of(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """The entries of `rows` drawn now: the first, as far as the session has unfolded the list."""
    return rows.head(st.session_state.get(f"more:{key}", PAGE_SIZE))


def _stale(rows: pd.DataFrame, months: int, opened) -> set[str]:
    return set(rows.loc[freshness.stale_mask(rows, now(), months, open_statuses=opened), "item_id"])


def _capped(rows: pd.DataFrame, key: str, lang: str, draw) -> None:
    """Draw the first entries of `rows` (a section, newest first), then a "Meer tonen" button for the rest:
    a wijk with a thousand entries stays quick to draw. How far it is unfolded stays for the session."""
    limit = st.session_state.get(f"more:{key}", PAGE_SIZE)
    for entry in _page_of(rows, key).itertuples():
        draw(entry)
    hidden = len(rows) - limit
    if hidden > 0 and st.button(t("wijk.more", lang, hidden=hidden), key=f"btn-more:{key}",
                                icon=":material/expand_more:", width="stretch"):
        st.session_state[f"more:{key}"] = limit + PAGE_SIZE
        st.rerun()


def _entry(entry, linked: dict, context, buurten, stale: bool, months: int, lang: str) -> None:
    with st.container(border=True):
        components.entry_card(entry, linked.get(entry.item_id, []), context.rules.relations, lang,
                              stale_note=t("edit.stale_help", lang, months=months) if stale else None)
        edit_ui.entry_actions(entry, context, buurten, lang)


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
