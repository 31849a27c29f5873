"""The council report of one wijk: what goes on its one printed page, gathered and formatted (Dutch by
default), ready for a renderer (`report.pdf`) that only places it.

Only public fields of public entries: the caller passes the entries as the public sees them
(`domain.privacy.visible_entries` with `PUBLIC`), and this module reads no editor, contact or street
field even when one is there. Every figure keeps its year and source; illustrative ones say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from domain import budget as budget_rules
from domain import entries as entry_rows
from domain import format as fmt
from domain import indicators as ind
from domain.languages import DUTCH
from domain.outlook import ReportOutlook, report_outlook
from domain.texts import label, t, tn
from domain.wijken import budget, budget_source, outline_note, themes

if TYPE_CHECKING:
    from nla_data import NlaPackage

ENTRIES_PER_SECTION = 6  # what fits a third of the page's width under the map; the rest is counted
PERSON = "persoon"  # the `soort` of a network entry about one person
DECISION_LINES = 4  # the newest budget decisions on the page; the rest is counted
SUMMARY_CHARS = 150  # of an open entry's description: about three lines in a third of the page


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str  # formatted: `6.585`, `51,1%`
    year: str
    source: int  # number of the source in `WijkReport.sources` (1-based)
    illustrative: bool


@dataclass(frozen=True)
class ReportEntry:
    title: str
    facts: str  # `loopt · stimuleren · Selwerd-Oost`: public fields only
    open: bool
    summary: str  # the start of the description (open entries only), or ""


@dataclass(frozen=True)
class ReportSection:
    title: str
    counts: str  # `3 open, 1 afgesloten`
    entries: tuple[ReportEntry, ...]  # open first, newest first; at most ENTRIES_PER_SECTION
    hidden: int  # entries of the section not in `entries`
    empty: str  # what belongs here, when there is nothing


@dataclass(frozen=True)
class WijkReport:
    wijk_id: str
    name: str
    kicker: str  # `Wijkperspectief Groningen · rapport voor de gemeenteraad`
    chips: tuple[str, ...]  # class, frontline, organisation after 2014
    themes: str
    profile_note: str  # frontline/organisation/themes are illustrative, or ""
    key_figures: tuple[KeyFigure, ...]
    illustrative_note: str
    sources: tuple[str, ...]
    buurten: str
    outline_note: str
    budget_title: str
    budget_lines: tuple[tuple[str, str], ...]
    budget_source: str
    decisions: tuple[str, ...]
    sections: tuple[ReportSection, ...]
    data_date: str  # `Stand van de gegevens: …`
    privacy_note: str
    lang: str
    outlook: tuple[ReportOutlook, ...] = ()  # the open kansen and bedreigingen, per kind
    outlook_title: str = ""
    outlook_empty: str = ""  # said when no kind has an open line


def wijk_report(pkg: NlaPackage, items: pd.DataFrame, links: pd.DataFrame, wijk_id: str, *, lang: str = DUTCH,
                today: dt.date | None = None, decisions: pd.DataFrame | None = None,
                outlook: pd.DataFrame | None = None) -> WijkReport:
    """The content of one wijk's page. `items` and `links`: the entries as the public sees them; `decisions`:
    the recorded budget decisions (`nla_data.decisions`), if any; `outlook`: the recorded kansen and
    bedreigingen (`nla_data.outlook`), if any."""
    wijk = pkg.wijken.loc[wijk_id]
    items = without_persons(items)
    opened = pkg.facts.entry_rules.open_statuses
    figures = ind.key_figures(pkg.cijfers, pkg.indicatoren, "wijk", wijk_id)
    sources: list[str] = []
    key = []
    for figure in figures:
        source = pkg.facts.source_names(figure.source, lang)
        if source not in sources:
            sources.append(source)
        value = fmt.value(figure.value, figure.unit, lang) if figure.value is not None else t("value.missing", lang)
        key.append(KeyFigure(pkg.indicatoren.loc[figure.indicator, f"label_{lang}"], value,
                             str(figure.year) if figure.year else "–", sources.index(source) + 1,
                             figure.illustrative))
    money = budget(pkg.wijken, wijk_id)
    lines = ((t("wijk.ceiling", lang), fmt.money(money.ceiling, lang)),
             (t("wijk.cut", lang), "− " + fmt.money(money.cut_2014, lang)),
             (t("wijk.after_cut", lang), fmt.money(money.after_cut, lang)),
             (t("wijk.needs_total", lang),
              fmt.money(entry_rows.needs_total(items, wijk_id, open_statuses=opened), lang)))
    own = _decisions_of(decisions, wijk_id)
    if own is not None and len(own):
        granted = int(budget_rules.granted(own).get(wijk_id, 0))
        lines += ((t("bud.granted", lang), fmt.money(granted, lang)),
                  (t("bud.remaining", lang), fmt.money(money.after_cut - granted, lang)))
    chips = (pkg.facts.classes.label(wijk["klasse"], lang),
             f"{t('wijk.frontline', lang)}: {label('frontline', wijk['frontlijn_invulling'], lang)}",
             f"{t('wijk.organisation', lang)}: {label('organisation', wijk['organisatievorm_na_2014'], lang)}")
    names = pkg.buurten.loc[pkg.buurten["wijk_id"] == wijk_id, "buurtnaam"]
    named = partial(pkg.facts.source_names, lang=lang)  # the package's sources, in English where it names them so
    return WijkReport(
        wijk_id=wijk_id, name=str(wijk["naam"]),
        kicker=t("report.kicker", lang, app=t("app.title", lang, gemeente=pkg.facts.municipality_name)),
        chips=chips, themes=", ".join(themes(wijk, lang)),
        profile_note=t("report.profile_illustrative", lang) if bool(wijk["illustratief"]) else "",
        key_figures=tuple(key),
        illustrative_note=t("report.illustrative_note", lang) if any(f.illustrative for f in key) else "",
        sources=tuple(sources), buurten=", ".join(str(n) for n in names),
        outline_note=outline_note(pkg.wijkgrenzen, wijk_id, lang, escape=named),
        budget_title=t("wijk.budget", lang), budget_lines=lines,
        budget_source=budget_source(pkg.wijken, lang, wijk_id, escape=named),
        decisions=budget_decisions(own, items, lang=lang),
        sections=tuple(_sections(items, wijk_id, opened, pkg, lang)),
        data_date=data_date(pkg, items, wijk_id, lang, today or dt.date.today()),
        privacy_note=t("report.privacy", lang), lang=lang,
        outlook=report_outlook(outlook, wijk_id, pkg.facts.outlook, lang), outlook_title=t("report.outlook", lang),
        outlook_empty=t("out.empty", lang))


def without_persons(items: pd.DataFrame) -> pd.DataFrame:
    """A printed page names no person: entries about a person (`soort` persoon) stay out, even public ones."""
    if "soort" not in items.columns:
        return items
    return items[items["soort"].astype("object").fillna("") != PERSON]


def budget_decisions(decisions: pd.DataFrame, items: pd.DataFrame, *, lang: str = DUTCH,
                     limit: int = DECISION_LINES) -> tuple[str, ...]:
    """One line per recorded grant or refusal of the wijk, newest first (`Toegekend € 12.000 · Moestuin,
    03-02-2014`), at most `limit` and then how many more; public fields only: outcome, amount, what, date —
    never who decided or recorded it. No decisions: a line that says so."""
    if decisions is None or not len(decisions):
        return (t("report.no_decisions", lang),)
    titles = dict(zip(items["item_id"], items["titel"])) if len(items) else {}
    rows = budget_rules.decisions_of(decisions)
    lines = tuple(t("report.decision_line", lang, outcome=t(f"bud.outcome.{row['uitkomst']}", lang),
                    amount=fmt.money(int(row["bedrag"]), lang),
                    subject=titles.get(row["item_id"], t("report.decision_unknown_subject", lang)),
                    date=fmt.date(row["datum"], lang))
                  for _, row in rows.head(limit).iterrows())
    more = len(rows) - limit
    return lines + ((tn("report.decisions_more", more, lang),) if more > 0 else ())


def _decisions_of(decisions: pd.DataFrame | None, wijk_id: str) -> pd.DataFrame | None:
    """The wijk's recorded decisions; None when nothing is recorded at all (budget_decisions says so)."""
    if decisions is None or not len(decisions):
        return None
    return decisions[decisions["wijk_id"] == wijk_id]


def data_date(pkg: NlaPackage, items: pd.DataFrame, wijk_id: str, lang: str, today: dt.date) -> str:
    """`Stand van de gegevens: datapakket 0.1.0 van 27-11-2026; items bijgewerkt tot 02-10-2013. Gemaakt op …`."""
    created = pd.to_datetime(pkg.info.created, errors="coerce")
    own = items.loc[items["wijk_id"] == wijk_id, "bijgewerkt_op"] if len(items) else pd.Series(dtype=object)
    last = pd.to_datetime(own, errors="coerce").max() if len(own) else pd.NaT
    entries_part = (t("report.entries_until", lang, date=fmt.date(last, lang)) if pd.notna(last)
                    else t("report.entries_none", lang))
    return t("report.data_date", lang, version=pkg.info.version, created=fmt.date(created, lang),
             entries=entries_part, today=fmt.date(today, lang))


def _sections(items: pd.DataFrame, wijk_id: str, opened: Collection[str], pkg: NlaPackage,
              lang: str) -> list[ReportSection]:
    buurt_names = dict(zip(pkg.buurten["buurtcode"], pkg.buurten["buurtnaam"]))
    out = []
    for section, rows in entry_rows.by_section(items, wijk_id, open_statuses=opened).items():
        n_open, n_closed = int(rows["open"].sum()), int((~rows["open"]).sum())
        shown = rows.head(ENTRIES_PER_SECTION)  # by_section: open first, most recently updated first
        hidden = len(rows) - len(shown)
        out.append(ReportSection(
            title=t(f"section.{section}", lang),
            counts=t("report.counts", lang, open=fmt.number(n_open, lang), closed=fmt.number(n_closed, lang)),
            entries=tuple(ReportEntry(str(row.titel), _facts(row, buurt_names, lang), bool(row.open),
                                      _summary(row.beschrijving) if row.open else "")
                          for row in shown.itertuples()),
            hidden=hidden,
            empty=f"{t('report.none', lang)} {t(f'section.purpose.{section}', lang)}"))  # public entries only
    return out


def _facts(row, buurt_names: dict, lang: str) -> str:
    """The public facts of an entry on one line: status, approach or kind of help, amount, buurt."""
    parts = [label("status", row.status, lang)]
    if _given(row.aanpak):
        parts.append(label("approach", row.aanpak, lang))
    if _given(row.soort_hulp):
        parts.append(label("help", row.soort_hulp, lang))
    kind = getattr(row, "soort", None)
    if _given(kind):
        parts.append(label("kind", kind, lang))
    if _given(row.bedrag):
        parts.append(t("wijk.amount", lang, amount=fmt.money(row.bedrag, lang)))
    if _given(row.buurtcode) and row.buurtcode in buurt_names:
        parts.append(str(buurt_names[row.buurtcode]))
    return " · ".join(parts)


def _summary(text, limit: int = SUMMARY_CHARS) -> str:
    """The first sentence of a description, cut at a word before `limit` characters (with `…`)."""
    if not _given(text):
        return ""
    text = " ".join(str(text).split())
    first = text.split(". ")[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA \
        and str(value).strip() != ""
