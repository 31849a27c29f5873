"""A wijk's entries as a CSV file, and an edited CSV back in: read, plan (preview), apply.

Nothing here writes: app.entry_import applies the rows the plan accepted, each through
app.editing (the same permission check and validation as the forms) in its own transaction. Every message is Dutch and
names the row as a spreadsheet shows it: the header is row 1, the first entry row 2 (a
description with line breaks stays one row). Reading never raises, whatever the bytes.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd

from domain.entries import SECTIONS
from domain.messages import Message
from domain.messages import number as counted
from domain.validation import EDITABLE, WijkContext, check_entry, title_key
from nla_data.csv_safety import neutralise, restore
from nla_data.facts import EntryRules

EXPORT_COLUMNS = ["item_id", "sectie", "titel", "beschrijving", "status", "aanpak", "thema", "buurtcode", "straat",
                  "rol", "soort_hulp", "bedrag", "startdatum", "koppelingen", "versie", "bijgewerkt_op",
                  "bijgewerkt_door", "bevestigd_op"]
# Shown for information only: the store sets these itself, an edit in the file is ignored.
INFO_COLUMNS = {"bijgewerkt_op", "bijgewerkt_door", "bevestigd_op"}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500  # per file: planning and showing 5.000 rows took the wijk page minutes
DELIMITERS = ",;\t"
# A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a
# leading apostrophe on export and loses it again on import (nla_data.csv_safety, the one rule for
# every CSV the app writes), so a title can never become a formula.
_TEXT_COLUMNS = {"titel", "beschrijving", "thema", "straat", "rol", "bijgewerkt_door"}

TOEVOEGEN, WIJZIGEN, ONGEWIJZIGD, GEWEIGERD = "toevoegen", "wijzigen", "ongewijzigd", "geweigerd"


# --- export --------------------------------------------------------------------------------------

def export_csv(items_df: pd.DataFrame, links_df: pd.DataFrame, wijk_id: str, excel: bool) -> bytes:
    """The wijk's entries; `excel`: semicolons and a BOM, so Dutch Excel opens it as it should."""
    rows = items_df[items_df["wijk_id"] == wijk_id]
    order = {section: number for number, section in enumerate(SECTIONS)}
    rows = rows.assign(_order=rows["sectie"].map(order), _title=rows["titel"].astype(str).str.casefold())
    rows = rows.sort_values(["_order", "_title", "item_id"])
    links = _links_by_item(links_df)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for record in rows.to_dict("records"):
        record = {k: _plain(v) for k, v in record.items()}
        record["koppelingen"] = ";".join(links.get(record["item_id"], []))
        writer.writerow([_cell(name, record.get(name)) for name in EXPORT_COLUMNS])
    return (codecs.BOM_UTF8 if excel else b"") + out.getvalue().encode("utf-8")


def _cell(name: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return neutralise(str(value)) if name in _TEXT_COLUMNS else str(value)


# --- reading -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CsvRow:
    number: int  # as a spreadsheet shows it: the header is row 1
    values: dict[str, str]  # column -> cell, for the known columns of the file
    problem: str | None = None  # the row cannot be read as a whole (cells do not match the header)


@dataclass(frozen=True)
class ParsedCsv:
    encoding: str
    delimiter: str
    columns: list[str]
    rows: list[CsvRow]
    unknown_columns: list[str] = field(default_factory=list)  # ignored, and said so in the preview


@dataclass(frozen=True)
class CsvError:
    """The file as a whole cannot be read; nothing of it is used."""

    message: str


def read_csv_bytes(data: bytes) -> ParsedCsv | CsvError:
    """Decode, find the delimiter and the header, and split into rows. Never raises."""
    if len(data) > MAX_BYTES:
        return CsvError(Message("csvmsg.too_big", mb=MAX_BYTES // (1024 * 1024)))
    decoded = _decode(data)
    if isinstance(decoded, CsvError):
        return decoded
    text, encoding = decoded
    if not text.strip():
        return CsvError(Message("csvmsg.empty"))
    if "\x00" in text:
        return CsvError(Message("csvmsg.binary"))
    delimiter = _delimiter(text)
    try:
        records = list(_records(text, delimiter))
    except csv.Error as error:
        return CsvError(Message("csvmsg.unreadable", error=str(error)))
    if not records:
        return CsvError(Message("csvmsg.empty"))
    if len(records) - 1 > MAX_ROWS:  # the first record is the header
        return CsvError(Message("csvmsg.too_many_rows", n=counted(len(records) - 1), max=counted(MAX_ROWS)))
    names = [_column_name(cell) for cell in records[0][1]]
    return _with_header(names, records[1:], encoding, delimiter)


def _decode(data: bytes) -> tuple[str, str] | CsvError:
    """UTF-8 with or without BOM, UTF-16 with BOM (Excel's 'Unicode-tekst'), else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        attempts = [("utf-8-sig", "UTF-8 met BOM")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts = [("utf-16", "UTF-16")]
    else:
        attempts = [("utf-8", "UTF-8"), ("cp1252", "Windows-1252")]
    for codec, label in attempts:
        try:
            return data.decode(codec).lstrip("\ufeff"), label
        except UnicodeDecodeError:
            continue
    return CsvError(Message("csvmsg.encoding"))


def _delimiter(text: str) -> str:
    """The delimiter whose split of the header gives the most known column names.

    The sniffer goes first (it also looks at the rows), counting in the header line is the
    fallback; the header decides, because a comma inside a title must not fool us.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    header = lines[0] if lines else ""
    candidates = []
    try:  # a small sample: the sniffer's regular expressions get slow on long text
        candidates.append(csv.Sniffer().sniff("\n".join(lines[:5])[:2000], delimiters=DELIMITERS).delimiter)
    except csv.Error:
        pass
    candidates += sorted(DELIMITERS, key=lambda d: -header.count(d))
    return max(candidates, key=lambda d: len({_column_name(c) for c in header.split(d)} & set(EXPORT_COLUMNS)))


def _records(text: str, delimiter: str):
    """(row number, cells) of the non-empty rows; row numbers count records, as a spreadsheet does.
    All of them, also beyond MAX_ROWS, so the message can say how many the file has (MAX_BYTES
    bounds the work)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if any(cell.strip() for cell in cells):
            yield number, cells


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().strip('"').strip().lower().split())


def _with_header(names: list[str], records: list, encoding: str, delimiter: str) -> ParsedCsv | CsvError:
    named = [name for name in names if name]
    unknown = [name for name in named if name not in EXPORT_COLUMNS]
    doubles = sorted({name for name in named if named.count(name) > 1})
    if doubles:
        return CsvError(Message("csvmsg.header_twice", names=_list(doubles)))
    columns = [name for name in named if name in EXPORT_COLUMNS]
    if "item_id" not in columns and not {"titel", "sectie"} <= set(columns):
        missing = [name for name in ("titel", "sectie") if name not in columns]
        if unknown:
            return CsvError(Message("csvmsg.header_missing_unknown", missing=_list(missing), unknown=_list(unknown[:10])))
        return CsvError(Message("csvmsg.header_missing", missing=_list(missing)))
    if not records:
        return CsvError(Message("csvmsg.header_only"))
    last = max(i for i, name in enumerate(names) if name)
    rows = []
    for number, cells in records:
        values = {name: _uncell(name, cells[i]) for i, name in enumerate(names)
                  if name in EXPORT_COLUMNS and i < len(cells)}
        problem = None
        if len(cells) <= last:
            problem = Message("csvmsg.row_short", cells=len(cells), header=last + 1)
        elif any(cell.strip() for cell in cells[len(names):]):
            problem = Message("csvmsg.row_long")
        rows.append(CsvRow(number, values, problem))
    return ParsedCsv(encoding, delimiter, columns, rows, unknown)


def _uncell(name: str, cell: str) -> str:
    return restore(cell) if name in _TEXT_COLUMNS else cell


def _list(names: list[str]):
    """`'a'`, `'a' en 'b'`, `'a', 'b' en 'c'` (in English: "and"), for a message (domain.messages)."""
    quoted = [f"'{n[:40]}'" for n in names]
    return lambda lang: quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + (
        " and " if lang == "en" else " en ") + quoted[-1]


# --- planning ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedRow:
    number: int
    kind: str  # toevoegen / wijzigen / ongewijzigd / geweigerd
    section: str | None
    title: str | None
    item_id: str | None = None
    raw: dict = field(default_factory=dict)  # what add_entry / edit_entry get
    base_version: int | None = None
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (old, new), as shown
    reasons: dict[str, str] = field(default_factory=dict)  # column -> Dutch message

    @property
    def reason(self) -> str:
        return " ".join(f"{name}: {message}" for name, message in self.reasons.items())


@dataclass(frozen=True)
class ImportPlan:
    wijk_id: str
    rows: list[PlannedRow]
    unknown_columns: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[PlannedRow]:
        return [row for row in self.rows if row.kind == kind]

    @property
    def to_apply(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.kind in (TOEVOEGEN, WIJZIGEN)]


def plan_import(parsed: ParsedCsv, wijk_id: str, current_items_df: pd.DataFrame, links_df: pd.DataFrame,
                buurten_df: pd.DataFrame, rules: EntryRules) -> ImportPlan:
    """What the file would add, change and leave, and what it cannot do and why. Writes nothing.
    `rules` are the package's (`NlaPackage.facts.entry_rules`)."""
    current = {r["item_id"]: {k: _plain(v) for k, v in r.items()} for r in current_items_df.to_dict("records")}
    links = _links_by_item(links_df)
    buurtcodes = frozenset(buurten_df.loc[buurten_df["wijk_id"] == wijk_id, "buurtcode"])
    ours = {i: (r["sectie"], r["titel"]) for i, r in current.items() if r["wijk_id"] == wijk_id}
    # Titles as they will be once the file is in, so a rename in one row frees or takes a title.
    end_state = dict(ours)
    for row in parsed.rows:
        item_id = _text(row.values.get("item_id"))
        if item_id in ours and _text(row.values.get("titel")):
            end_state[item_id] = (ours[item_id][0], _text(row.values["titel"]))
    context = WijkContext(wijk_id, buurtcodes, end_state, rules=rules)
    clashes = _clashes(parsed.rows, ours)
    planned = []
    for row in parsed.rows:
        item_id = _text(row.values.get("item_id"))
        if row.problem:
            planned.append(PlannedRow(row.number, GEWEIGERD, None, _text(row.values.get("titel")), item_id,
                                      reasons={"rij": row.problem}))
        elif item_id is None:
            planned.append(_plan_new(row, context, clashes))
        else:
            planned.append(_plan_change(row, item_id, wijk_id, current, links, context, clashes))
    return ImportPlan(wijk_id, planned, list(parsed.unknown_columns))


def _clashes(rows: list[CsvRow], ours: dict) -> dict[int, tuple[str, str]]:
    """Rows that clash with another row of the file: the same new title in the same section, or the
    same item twice. Row number -> (column, message); all rows of a clash are refused, the editor
    decides which one is meant."""
    seen: dict[tuple[str, str], list[int]] = {}
    clashes: dict[int, tuple[str, str]] = {}
    ids: dict[str, list[int]] = {}
    for row in rows:
        item_id, title = _text(row.values.get("item_id")), _text(row.values.get("titel"))
        if item_id:
            ids.setdefault(item_id, []).append(row.number)
        section = ours[item_id][0] if item_id in ours else (_text(row.values.get("sectie")) or "").lower()
        unchanged = item_id in ours and title is not None and title_key(title) == title_key(ours[item_id][1])
        if title and not unchanged:
            seen.setdefault((section, title_key(title)), []).append(row.number)
    for numbers in seen.values():
        for number in numbers if len(numbers) > 1 else []:
            others = _others(numbers, number)
            clashes[number] = ("titel", Message("csvmsg.same_title", rows=others))
    for item_id, numbers in ids.items():
        for number in numbers if len(numbers) > 1 else []:
            others = _others(numbers, number)
            clashes[number] = ("item_id", Message("csvmsg.same_item", item=item_id[:40], rows=others))
    return clashes


def _others(numbers: list[int], number: int):
    """The other rows of a clash; a few are enough (a file may repeat one row thousands of times)."""
    others = ", ".join([str(n) for n in numbers[:4] if n != number][:3])
    return lambda lang: others + ((" etc." if lang == "en" else " enz.") if len(numbers) > 4 else "")


def _plan_new(row: CsvRow, context: WijkContext, clashes: dict[int, tuple[str, str]]) -> PlannedRow:
    section = (_text(row.values.get("sectie")) or "").lower()
    title = _text(row.values.get("titel"))
    if not section:
        return PlannedRow(row.number, GEWEIGERD, None, title,
                          reasons={"sectie": Message("csvmsg.no_section", sections=", ".join(SECTIONS))})
    raw = _raw_from_file(row, {})
    checked = check_entry(raw, section, context)
    reasons = _reasons(checked.errors)
    if row.number in clashes:
        reasons.setdefault(*clashes[row.number])
    if reasons:
        return PlannedRow(row.number, GEWEIGERD, section, title, reasons=reasons)
    return PlannedRow(row.number, TOEVOEGEN, section, checked.values["titel"], raw=raw)


def _plan_change(row: CsvRow, item_id: str, wijk_id: str, current: dict, links: dict, context: WijkContext,
                 clashes: dict[int, tuple[str, str]]) -> PlannedRow:
    title = _text(row.values.get("titel"))
    existing = current.get(item_id)
    if existing is None:
        return PlannedRow(row.number, GEWEIGERD, None, title, item_id, reasons={
            "item_id": Message("csvmsg.unknown_item", item=item_id[:40])})
    if existing["wijk_id"] != wijk_id:
        return PlannedRow(row.number, GEWEIGERD, existing["sectie"], title, item_id, reasons={
            "item_id": Message("csvmsg.other_wijk", item=item_id[:40], wijk=existing["wijk_id"])})
    section = existing["sectie"]
    asked_section = (_text(row.values.get("sectie")) or section).lower()
    if asked_section != section:
        return PlannedRow(row.number, GEWEIGERD, section, title, item_id, reasons={
            "sectie": Message("csvmsg.section_fixed", section=section)})
    version = int(existing["versie"])
    asked_version = _text(row.values.get("versie"))
    if asked_version is not None and not asked_version.isdigit():
        return PlannedRow(row.number, GEWEIGERD, section, title, item_id,
                          reasons={"versie": Message("csvmsg.version_number")})
    before_raw = {k: existing.get(k) for k in EDITABLE} | {"links": links.get(item_id, [])}
    raw = _raw_from_file(row, before_raw)
    checked = check_entry(raw, section, context, item_id=item_id)
    before = _cleaned(before_raw, section, context, item_id)
    changes = {_column(k): (_shown(before[k]), _shown(checked.values[k])) for k in [*EDITABLE, "links"]
               if _same(before[k]) != _same(checked.values[k])}
    reasons = _reasons(checked.errors)
    if row.number in clashes:
        reasons.setdefault(*clashes[row.number])
    if not reasons and not changes:
        return PlannedRow(row.number, ONGEWIJZIGD, section, existing["titel"], item_id, base_version=version)
    base = int(asked_version) if asked_version is not None else version
    if base < version:
        reasons["versie"] = Message("csvmsg.changed_since", who=existing["bijgewerkt_door"],
                                    when=_cell("", existing["bijgewerkt_op"]), version=version, base=base)
    elif base > version:
        reasons["versie"] = Message("csvmsg.no_version", base=base, version=version)
    if reasons:
        return PlannedRow(row.number, GEWEIGERD, section, title or existing["titel"], item_id, reasons=reasons)
    return PlannedRow(row.number, WIJZIGEN, section, checked.values["titel"], item_id, raw=raw, base_version=base,
                      changes=changes)


def _raw_from_file(row: CsvRow, before: dict) -> dict:
    """The entry as the file has it: a cell replaces the value, a column the file lacks keeps it."""
    raw = dict(before)
    for name, cell in row.values.items():
        if name == "koppelingen":
            raw["links"] = cell
        elif name in EDITABLE:
            if name == "status" and not cell.strip() and before:
                continue  # an emptied status keeps the current one; a status cannot be cleared
            raw[name] = cell
    return raw


def _cleaned(raw: dict, section: str, context: WijkContext, item_id: str) -> dict:
    """The current values cleaned the way the file's values are, so only real changes show."""
    checked = check_entry(raw, section, context, item_id=item_id)
    values = dict(checked.values)
    for name in checked.errors:
        values[_field(name)] = raw.get(_field(name))
    return values


def _reasons(errors: dict[str, str]) -> dict[str, str]:
    return {_column(name): message for name, message in errors.items()}


def _column(name: str) -> str:
    return "koppelingen" if name == "links" else name


def _field(name: str) -> str:
    return "links" if name == "koppelingen" else name


def _same(value):
    return sorted(value) if isinstance(value, list) else value


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(sorted(value))
    return _cell("", value)


def _text(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


# --- shared --------------------------------------------------------------------------------------

def _plain(value):
    """A pandas/numpy cell as a plain Python value; missing values as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _links_by_item(links_df: pd.DataFrame) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for source, target in zip(links_df["van_item"], links_df["naar_item"]):
        grouped.setdefault(source, []).append(target)
    return {source: sorted(targets) for source, targets in grouped.items()}
