"""A wijk's outlook: its kansen and bedreigingen (the kinds the package declares, `facts.outlook`).

Checks a line before anything is stored — per field a Dutch message that can stand next to it — and
orders the stored lines for the wijk page and the council report. A line is short (one sentence: the
package's `tekst_max`), of a declared kind, dated on or before today (it records when it was noted).
Its status is open or vervallen (it no longer holds); a removed line leaves the list but keeps its
history. The write paths, with their permission check, are in app.outlook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from domain import format as fmt
from domain.languages import DUTCH
from domain.messages import Message, date, number
from domain.validation import Checked, _missing, _str, strip_invisible
from nla_data.facts import OutlookRules

OPEN, LAPSED, REMOVED = "open", "vervallen", "verwijderd"
STATUSES = (OPEN, LAPSED, REMOVED)
TEXT_MIN = 3
DATE_MIN = dt.date(1990, 1, 1)
REPORT_LINES = 3  # per kind on the printed page; the rest is counted
REPORT_CHARS = 110  # of a line's text on the printed page: about two lines in half its width


def check_line(raw: dict, rules: OutlookRules, today: dt.date) -> Checked:
    """Clean and check one line (kind, text, date); never raises on any input."""
    errors: dict[str, str] = {}
    kind = raw.get("soort")
    if kind not in rules.keys:
        errors["soort"] = Message("msg.outlook_kind", kinds=lambda lang: (" or " if lang == "en" else " of ").join(
            k.singular(lang) for k in rules.kinds) or ("a kind" if lang == "en" else "een soort"))
    text = "" if _missing(raw.get("tekst")) else " ".join(strip_invisible(_str(raw.get("tekst"))).split())
    if not text:
        errors["tekst"] = Message("msg.outlook_text")
    elif len(text) < TEXT_MIN:
        errors["tekst"] = Message("msg.text_short", n=number(TEXT_MIN))
    elif len(text) > rules.text_max:
        errors["tekst"] = Message("msg.outlook_long", max=number(rules.text_max), n=number(len(text)))
    return Checked({"soort": kind, "tekst": text or None, "datum": _date(raw.get("datum"), today, errors)}, errors)


def _date(value, today: dt.date, errors: dict) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str) and value.strip():
        for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                value = dt.datetime.strptime(value.strip(), pattern).date()
                break
            except ValueError:
                continue
    if not isinstance(value, dt.date):
        errors["datum"] = Message("msg.outlook_date") if _missing(value) else Message("msg.date_format")
        return None
    if value > today:
        errors["datum"] = Message("msg.date_future", today=date(today))
        return None
    if value < DATE_MIN:
        errors["datum"] = Message("msg.date_from", first=date(DATE_MIN))
        return None
    return value


@dataclass(frozen=True)
class KindLines:
    """One kind's lines of a wijk, as the page and the report show them: open ones and vervallen ones,
    each newest first. Removed lines are not here."""

    kind: str
    open: pd.DataFrame
    lapsed: pd.DataFrame


def by_kind(lines: pd.DataFrame, wijk_id: str, rules: OutlookRules) -> list[KindLines]:
    """The wijk's lines per declared kind, in the package's order."""
    own = lines[(lines["wijk_id"] == wijk_id) & (lines["status"] != REMOVED)]
    own = own.sort_values(["datum", "vastgelegd_op"], ascending=False)  # several columns: ties keep their order
    return [KindLines(kind, own[(own["soort"] == kind) & (own["status"] == OPEN)],
                      own[(own["soort"] == kind) & (own["status"] == LAPSED)]) for kind in rules.keys]


@dataclass(frozen=True)
class ReportOutlook:
    """One kind on the printed page: its heading, up to REPORT_LINES open lines (`18-09-2013 · tekst`), how
    many more are open."""

    title: str
    lines: tuple[str, ...]
    hidden: int


def report_outlook(lines: pd.DataFrame | None, wijk_id: str, rules: OutlookRules, lang: str = DUTCH,
                   limit: int = REPORT_LINES) -> tuple[ReportOutlook, ...]:
    """The open kansen and bedreigingen of the wijk, short; nothing when the package declares no outlook.
    Only kind, date and text: who recorded a line is not printed."""
    if lines is None:
        lines = pd.DataFrame(columns=["wijk_id", "soort", "tekst", "datum", "status", "vastgelegd_op"])
    out = []
    for group in by_kind(lines, wijk_id, rules):
        shown = group.open.head(limit)
        out.append(ReportOutlook(rules.kind(group.kind).label(lang),
                                 tuple(f"{fmt.date(row.datum, lang)} · {_short(row.tekst)}"
                                       for row in shown.itertuples()),
                                 len(group.open) - len(shown)))
    return tuple(out)


def _short(text: str, limit: int = REPORT_CHARS) -> str:
    """Cut at a word before `limit` characters, with `…`."""
    text = str(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
