"""Budget — "Hoeveel wijkbudget is er, wat vragen de behoeften en wat is besloten?"

The answer first (available after the 2014 cut, proposed from the open needs, granted, still available),
for the city or the wijk chosen in the sidebar (`?wijk=`); then per wijk and per class as a chart and a
table; the roll-up line by line (each open need with an amount, and the initiatives it belongs to); the
needs without an amount; the decisions, which anyone may read; and, for the wijk's frontline worker and the
beheerder, the form to record one.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import streamlit as st

from domain import budget
from domain import format as fmt
from domain.texts import label as value_label
from domain.texts import t
from domain.wijken import budget_source
from figures import budget_charts
from nla_data import NlaPackage
from ui import components, decision_form, decision_revision, routes, state
from ui.table_fold import table_fold
from ui.downloads import download_buttons, report_button
from ui.package_memo import wijken_by_class

CHART_CONFIG = {"displayModeBar": False}


def render() -> None:
    pkg, lang = state.package(), state.lang()
    st.header(t("bud.question", lang), anchor=False)
    wijk_id = state.selected_wijk(pkg)
    state.set_params(wijk=wijk_id)
    items, links = state.visible_entries()
    opened = pkg.facts.entry_rules.open_statuses
    lines = budget.rollup(items, links, open_statuses=opened)
    missing = budget.without_amount(items, open_statuses=opened)
    decisions = decision_form.frame()
    wijken = wijken_by_class(pkg)
    table = budget.budget_table(wijken, lines, decisions, missing)
    if wijk_id is None:
        st.markdown(t("bud.scope_city", lang, n=fmt.number(len(table), lang)))
        report_button(None, lang)  # every wijk's printed page in one PDF, for the council
    else:
        row = table.loc[wijk_id]
        st.markdown(t("bud.scope_wijk", lang, wijk=components.literal(row["naam"]),
                      klasse=pkg.facts.classes.label(row["klasse"], lang)))
        routes.link(routes.WIJK, t("bud.open_wijk", lang), icon=":material/home_work:", wijk=wijk_id)
        report_button(wijk_id, lang)  # the council's printed page, with this budget and its decisions
    _answer(table if wijk_id is None else table.loc[[wijk_id]], lang)
    st.caption(budget_source(pkg.wijken, lang, wijk_id, escape=components.sourced(pkg.facts.source_names, lang))
               + " " + t("bud.no_spent", lang))
    _flow(table if wijk_id is None else table.loc[[wijk_id]], lines, decisions, wijk_id, lang)
    _per_wijk(pkg, table, wijk_id, lang)
    _lines(pkg, lines, missing, decisions, items, wijk_id, lang)
    _decisions(pkg, decisions, items, table, wijk_id, lang)


def _answer(rows: pd.DataFrame, lang: str) -> None:
    total = budget.city_total(rows)
    tiles = [("bud.after_cut", total["na_korting"], t("bud.after_cut_help", lang, ceiling=fmt.money(total["plafond"], lang),
                                                        cut=fmt.money(total["korting"], lang))),
             ("bud.proposed", total["voorgesteld"], t("bud.proposed_help", lang)),
             ("bud.granted", total["toegekend"], t("bud.granted_help", lang)),
             ("bud.remaining", total["resterend"], t("bud.remaining_help", lang))]
    for column, (key, amount, help_text) in zip(st.columns(len(tiles)), tiles):
        column.metric(t(key, lang), fmt.money(amount, lang), help=help_text, border=True)
    proposed, left = total["voorgesteld"], total["resterend"]
    money = {"proposed": fmt.money(proposed, lang), "remaining": fmt.money(left, lang)}
    if proposed > left:
        st.warning(t("bud.over", lang, **money), icon=":material/warning:")
    else:
        share = fmt.percent(100 * proposed / left, lang, 1) if left > 0 else fmt.percent(0, lang, 1)
        st.markdown(t("bud.against", lang, share=share, **money))


def _flow(rows: pd.DataFrame, lines: pd.DataFrame, decisions: pd.DataFrame, wijk_id: str | None, lang: str) -> None:
    st.subheader(t("bud.flow", lang), anchor=False)
    st.caption(t("bud.flow_intro", lang))
    steps = budget.steps(rows, lines, decisions)
    components.every_other_tick_when_narrow("budget-flow")
    st.plotly_chart(budget_charts.waterfall(steps, lang), key="budget-flow", config=CHART_CONFIG,
                    alt=t("bud.flow_alt", lang))
    if fold := table_fold(t("bud.table_of", lang, what=t("bud.flow", lang).lower()), "budget-flow-fold"):
        with fold:
            plain = pd.DataFrame({t("bud.col.step", lang): [t(f"bud.step.{s}", lang) for s in steps["stap"]],
                                  t("bud.col.amount", lang): list(steps["bedrag"])})
            _money_frame(plain, [t("bud.col.amount", lang)], "budget-flow-table", lang)
            download_buttons(plain, "budget-stappen" if wijk_id is None else f"budget-stappen-{wijk_id}", lang)


def _money_table(table: pd.DataFrame, pkg: NlaPackage, lang: str, with_total: bool) -> pd.DataFrame:
    """The per-wijk figures as plain numbers with Dutch column names (for the screen and the downloads)."""
    shown = pd.DataFrame({
        t("col.wijk", lang): list(table["naam"]),
        t("col.class", lang): [pkg.facts.classes.label(k, lang) for k in table["klasse"]],
        t("bud.col.ceiling", lang): list(table["plafond"]), t("bud.col.cut", lang): list(table["korting"]),
        t("bud.after_cut", lang): list(table["na_korting"]), t("bud.proposed", lang): list(table["voorgesteld"]),
        t("bud.granted", lang): list(table["toegekend"]), t("bud.remaining", lang): list(table["resterend"]),
        t("bud.col.without", lang): list(table["zonder_bedrag"])})
    if with_total:
        total = budget.city_total(table)
        shown.loc[len(shown)] = [t("bud.city_row", lang), "", total["plafond"], total["korting"], total["na_korting"],
                                 total["voorgesteld"], total["toegekend"], total["resterend"], total["zonder_bedrag"]]
    return shown


def _per_wijk(pkg: NlaPackage, table: pd.DataFrame, wijk_id: str | None, lang: str) -> None:
    st.subheader(t("bud.per_wijk", lang), anchor=False)
    rows = table if wijk_id is None else table.loc[[wijk_id]]
    st.plotly_chart(budget_charts.per_wijk(rows, pkg.facts.classes, lang), key="budget-per-wijk",
                    config=CHART_CONFIG, alt=t("bud.chart_alt", lang))
    st.caption(t("bud.chart_note", lang))
    label = t("bud.table_of", lang, what=t("bud.per_wijk", lang).lower())
    if fold := table_fold(label, f"budget-per-wijk-fold:{wijk_id or ''}", expanded=wijk_id is not None):
        with fold:
            plain = _money_table(table, pkg, lang, with_total=True)
            _money_frame(plain, plain.columns[2:8], "budget-table", lang)
            download_buttons(plain, "budget-per-wijk", lang)
    st.markdown(f"**{t('bud.per_class', lang)}**")
    summed = budget.by_class(table, pkg.facts.classes.keys)
    st.plotly_chart(budget_charts.per_class(summed, pkg.facts.classes, lang), key="budget-per-class",
                    config=CHART_CONFIG, alt=t("bud.class_alt", lang))
    if fold := table_fold(t("bud.table_of", lang, what=t("bud.per_class", lang).lower()), "budget-per-class-fold"):
        with fold:
            plain = pd.DataFrame({t("col.class", lang): [pkg.facts.classes.label(k, lang) for k in summed["klasse"]],
                                  t("bud.after_cut", lang): list(summed["na_korting"]),
                                  t("bud.proposed", lang): list(summed["voorgesteld"]),
                                  t("bud.granted", lang): list(summed["toegekend"])})
            _money_frame(plain, plain.columns[1:], "budget-class-table", lang)
            download_buttons(plain, "budget-per-klasse", lang)


def _money_frame(plain: pd.DataFrame, money: list[str], key: str, lang: str) -> None:
    shown = plain.copy()
    for column in money:
        shown[column] = [fmt.money(v, lang) for v in plain[column]]
    components.wide_dataframe(f"{key}-grid", shown, lang, hide_index=True, key=key)


def _lines(pkg: NlaPackage, lines: pd.DataFrame, missing: pd.DataFrame, decisions: pd.DataFrame,
           items: pd.DataFrame, wijk_id: str | None, lang: str) -> None:
    st.subheader(t("bud.lines", lang), anchor=False)
    st.caption(t("bud.lines_intro", lang))
    own = lines if wijk_id is None else lines[lines["wijk_id"] == wijk_id]
    if own.empty:
        st.info(t("bud.lines_none", lang), icon=":material/info:")
    else:
        latest = budget.decisions_of(decisions).drop_duplicates("item_id")
        outcome = {i: f"{t(f'bud.outcome.{o}', lang)} ({fmt.money(a, lang)})"
                   for i, o, a in zip(latest["item_id"], latest["uitkomst"], latest["bedrag"])}
        # the amount beside the need: on a phone the columns after the third are out of view at first
        plain = pd.DataFrame({
            t("col.wijk", lang): [pkg.wijken.loc[w, "naam"] for w in own["wijk_id"]],
            t("bud.col.need", lang): list(own["titel"]),
            t("bud.col.amount", lang): list(own["bedrag"]),
            t("bud.col.status", lang): [value_label("status", s, lang) for s in own["status"]],
            t("bud.col.help", lang): ["" if pd.isna(h) else value_label("help", h, lang) for h in own["soort_hulp"]],
            t("bud.col.initiatives", lang): ["; ".join(names) for names in own["initiatieven"]],
            t("bud.col.decision", lang): [outcome.get(i, "") for i in own["item_id"]]})
        # names and labels from the package and what people typed: text, never markup
        typed = [t(key, lang) for key in ("col.wijk", "bud.col.need", "bud.col.status", "bud.col.help",
                                          "bud.col.initiatives")]
        shown = plain.assign(**{column: [components.literal(v) for v in plain[column]] for column in typed})
        shown[t("bud.col.amount", lang)] = [fmt.money(a, lang) for a in own["bedrag"]]
        if not any(outcome.get(i) for i in own["item_id"]):  # nothing decided yet: no empty column
            shown = shown.drop(columns=[t("bud.col.decision", lang)])
        # A static table: long needs and initiatives wrap instead of being cut off (st.table reads its cells as
        # markdown: what people typed is `literal`); a phone scrolls it sideways, and says so.
        components.wide_static_table("budget-lines", shown, lang, hide_index=True, border="horizontal")
        st.markdown(f"**{t('bud.proposed', lang)}: {fmt.money(int(own['bedrag'].sum()), lang)}**")
        download_buttons(plain, "budget-regels" if wijk_id is None else f"budget-regels-{wijk_id}", lang)
    gaps = missing if wijk_id is None else missing[missing["wijk_id"] == wijk_id]
    if not gaps.empty:
        with st.expander(t("bud.without", lang, n=fmt.number(len(gaps), lang)), icon=":material/help:"):
            st.caption(t("bud.without_intro", lang))
            for row in gaps.itertuples():
                routes.link(routes.WIJK, f"{pkg.wijken.loc[row.wijk_id, 'naam']}: {row.titel}", wijk=row.wijk_id)


def _decisions(pkg: NlaPackage, decisions: pd.DataFrame, items: pd.DataFrame, table: pd.DataFrame,
               wijk_id: str | None, lang: str) -> None:
    st.subheader(t("bud.decisions", lang), anchor=False)
    if pkg.facts.criteria.items:
        st.caption(t("bud.decisions_intro", lang, source=components.sourced(pkg.facts.source_names, lang)(pkg.facts.criteria.source)))
    own = decisions if wijk_id is None else decisions[decisions["wijk_id"] == wijk_id]
    decision_form.show_list(own, dict(zip(items["item_id"], items["titel"])), pkg, lang)
    if wijk_id is None:
        if decision_form.can_record_somewhere(pkg):  # the others are not asked to record one
            st.caption(t("bud.form_choose_wijk", lang))
        return
    remaining = int(table.loc[wijk_id, "resterend"])
    decision_form.show_form(pkg, wijk_id, state.entries()[0], remaining, lang)
    decision_revision.show(pkg, wijk_id, own, dict(zip(items["item_id"], items["titel"])), remaining, lang)


if __name__ == "__main__":
    # Opened directly (a deep link on a fresh server runs this file alone): run the frame instead.
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
