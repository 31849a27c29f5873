"""Export the live state as a standard data package: `python -m nla_data export OUT`.

The result is an ordinary package that `validate` accepts and the app opens with `NLA_DATA=OUT`:
datapackage.json and every resource file copied from the source package, except `items`,
`koppelingen` and `geschiedenis`, which are written from the database (the entries as they are now
and every version they went through), and, where the package declares them, the budget decisions and
the kansen en bedreigingen with their histories (nla_data.records). The CSVs are written as the package's own: UTF-8, comma,
header, `true`/`false`, ISO dates and datetimes to the second, empty for missing, columns in schema
order. Rows keep their order in the source package; new rows follow, sorted by primary key, so two
exports differ only where the data differ (and the same state exports byte for byte the same).

Text that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe
(nla_data.csv_safety), as in every CSV the app writes: the data manager opens these files in a
spreadsheet too, and a spreadsheet would run such a cell as a formula. The package's reader
(`nla_data.schema.read_table`) takes the apostrophe off again, so the app and a re-import see the
value as typed; the schema's maxLength of those text fields leaves room for it.

The package is built in a temporary folder next to OUT, validated there and only then moved into
place: a failed or invalid export leaves OUT as it was, never half written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from pathlib import Path

import sqlalchemy as sa

from nla_data import records
from nla_data.csv_safety import neutralise
from nla_data.personal import strip_personal
from nla_data.problems import Problem, said
from nla_data.schema import DESCRIPTOR, read_descriptor, resource_descriptor
from nla_data.store import EntryStore
from nla_data.validate import validate_package

# Resource name -> the store's table it is written from.
FROM_STORE = {"items": "items_t", "koppelingen": "links_t", "geschiedenis": "history_t"}
_READ_ATTEMPTS = 5


def export_package(package_dir_in: Path | str, out_dir: Path | str, store: EntryStore, *,
                   force: bool = False, include_personal: bool = False) -> list[Problem]:
    """Write the package at `package_dir_in` with the store's live state to `out_dir`; [] when valid.

    Without `include_personal` (the default) the export holds no personal data (nla_data.personal):
    fit to publish as open data. With it, everything: a separate, explicit action of the beheerder."""
    source, out = Path(package_dir_in).resolve(), Path(out_dir).resolve()
    refused = check_target(source, out, force, sqlite_file(str(store.engine.url)))
    if refused:
        return [refused]
    descriptor = read_descriptor(source)
    names = {r.get("name") for r in descriptor.get("resources", []) if isinstance(r, dict)}
    if not set(FROM_STORE) <= names:
        return [Problem(DESCRIPTOR, said(f"resource '{name}' ontbreekt in de beschrijving van {source}",
                                         f"resource '{name}' is missing from the description of {source}"))
                for name in FROM_STORE if name not in names]
    tables = {name: getattr(store, table_attr) for name, table_attr in FROM_STORE.items()}
    if records.declared(descriptor):
        records.ensure_tables(store.engine)
        tables.update({name: records.TABLES[name] for name in records.declared(descriptor)})
    queries = {}
    for name, table in tables.items():
        fields = [f["name"] for f in resource_descriptor(descriptor, name)["schema"]["fields"]]
        missing = [f for f in fields if f not in table.c]
        if missing:
            one = len(missing) == 1
            columns = f"kolom {missing[0]} staat" if one else f"kolommen {', '.join(missing)} staan"
            columns_en = f"column {missing[0]} is" if one else f"columns {', '.join(missing)} are"
            return [Problem(name, said(f"{columns} in het schema maar niet in de database",
                                       f"{columns_en} in the schema but not in the database"))]
        queries[name] = sa.select(*[table.c[f] for f in fields])
    state = _read_state(store, queries)
    if state is None:
        return [Problem("database", said("de database veranderde tijdens elke poging om te exporteren; "
                                         "probeer het opnieuw",
                                         "the database changed during every attempt to export; try again"))]
    if not include_personal:
        state = strip_personal(state)

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.export-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        problems = _copy_resources(source, staging, descriptor)
        for name, rows in state.items():
            resource = resource_descriptor(descriptor, name)
            _write_csv(staging / resource["path"], resource, _ordered(rows, source, resource))
        _write_descriptor(staging, descriptor)
        problems += validate_package(staging)
        if not problems:
            _move_into_place(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return problems


def row_counts(package_dir: Path | str) -> dict[str, int]:
    """Data rows of the resources written from the store (for the command's summary line)."""
    package_dir = Path(package_dir)
    descriptor = read_descriptor(package_dir)
    counts = {}
    for name in [*FROM_STORE, *records.declared(descriptor)]:
        resource = resource_descriptor(descriptor, name)
        with open(package_dir / resource["path"], encoding=resource.get("encoding", "utf-8"), newline="") as file:
            counts[name] = max(sum(1 for _ in csv.reader(file)) - 1, 0)
    return counts


# --- where to write ------------------------------------------------------------------------------


def check_target(source: Path, out: Path, force: bool, database: Path | None = None) -> Problem | None:
    """Why OUT may not be written (None: it may): not over the source, the database or someone's files."""
    source, out = Path(source).resolve(), Path(out).resolve()
    where = str(out)
    if out.exists() and not out.is_dir():
        return Problem(where, said("bestaat al en is geen map", "already exists and is not a folder"))
    if out == source or out in source.parents:
        return Problem(where, said(f"dit is (een map boven) het bronpakket {source}; kies een andere map",
                                  f"this is (a folder above) the source package {source}; choose another folder"))
    if database is not None and (database == out or out in database.parents):
        return Problem(where, said(f"de database {database} staat in deze map; exporteer naar een andere map",
                                  f"the database {database} is in this folder; export to another folder"))
    if out.is_dir() and any(out.iterdir()) and not force:
        return Problem(where, said("de map is niet leeg; kies een lege of nieuwe map, of vervang haar met --force",
                                  "the folder is not empty; choose an empty or new folder, or replace it with --force"))
    return None


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def _move_into_place(staging: Path, out: Path) -> None:
    if out.is_dir() and any(out.iterdir()):  # --force: swap, then remove the old package
        old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:12]}"
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
        return
    if out.is_dir():
        out.rmdir()
    os.rename(staging, out)


# --- what to write -------------------------------------------------------------------------------


def _read_state(store: EntryStore, queries: dict) -> dict[str, list[dict]] | None:
    """The tables as one consistent state: read again if someone saved in between.

    Every save appends a history row, so an unchanged revision (count and latest time of each history)
    before and after the reads means no save committed while they ran.
    """
    with_records = any(name in records.TABLES for name in queries)

    def revision() -> tuple:
        return store.revision(), records.revision(store.engine) if with_records else None

    for _ in range(_READ_ATTEMPTS):
        before = revision()
        with store.engine.connect() as db:
            state = {name: [dict(row) for row in db.execute(query).mappings()] for name, query in queries.items()}
        if revision() == before:
            return state
    return None


def _copy_resources(source: Path, target: Path, descriptor: dict) -> list[Problem]:
    problems = []
    for resource in descriptor.get("resources", []):
        if resource.get("name") in FROM_STORE or resource.get("name") in records.TABLES:
            continue
        paths = resource.get("path")
        for path in [paths] if isinstance(paths, str) else paths or []:
            if re.match(r"^[a-z][a-z0-9+.-]*://", path):
                continue  # a remote resource stays a reference
            file = (source / path).resolve()
            if not file.is_relative_to(source):
                problems.append(Problem(resource.get("name", DESCRIPTOR),
                                        said(f"pad '{path}' ligt buiten het pakket",
                                             f"path '{path}' is outside the package")))
                continue
            if file.is_file():  # a missing file is reported by the validation of the result
                (target / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target / path)
    return problems


def _write_descriptor(target: Path, descriptor: dict) -> None:
    descriptor = {**descriptor, "version": _next_version(str(descriptor.get("version", ""))),
                  "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")}
    (target / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _next_version(version: str) -> str:
    """0.1.0 -> 0.1.1: an export is a new release of the data; anything not x.y.z gets `.1` added."""
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version.strip())
    if match:
        major, minor, patch = (int(g) for g in match.groups())
        return f"{major}.{minor}.{patch + 1}"
    return f"{version.strip()}.1" if version.strip() else "1.0.0"


def _ordered(rows: list[dict], source: Path, resource: dict) -> list[list[str]]:
    """Rows as CSV cells: first those the source package had, in its order, then new ones by key."""
    fields = resource["schema"]["fields"]
    key = resource["schema"].get("primaryKey") or [f["name"] for f in fields]
    key = [key] if isinstance(key, str) else list(key)
    names = [f["name"] for f in fields]
    positions = [names.index(k) for k in key]
    known = {}
    path = source / resource["path"]
    if path.is_file():
        with open(path, encoding=resource.get("encoding", "utf-8"), newline="") as file:
            reader = csv.reader(file)
            header = next(reader, [])
            if all(k in header for k in key):
                columns = [header.index(k) for k in key]
                for number, line in enumerate(reader):
                    if len(line) == len(header):
                        known.setdefault(tuple(line[c] for c in columns), number)
    cells = [[_cell(row[f["name"]], f.get("type", "string")) for f in fields] for row in rows]
    order = sorted(range(len(rows)), key=lambda i: (
        known.get(tuple(cells[i][p] for p in positions), len(known)), _sort_key([rows[i][k] for k in key])))
    return [cells[i] for i in order]


def _sort_key(values: list) -> tuple:
    return tuple((value is None, value if value is not None else 0) for value in values)


def _cell(value, kind: str) -> str:
    """One value as the package's CSVs write it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "datetime":
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return value.replace(microsecond=0).isoformat()
    if kind == "date":
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if kind == "integer":
        return str(int(value))
    if kind == "number":
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return neutralise(str(value))  # a spreadsheet must not run it; nla_data.schema.read_table takes it off


def _write_csv(path: Path, resource: dict, rows: list[list[str]]) -> None:
    header = [f["name"] for f in resource["schema"]["fields"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=resource.get("encoding", "utf-8"), newline="") as file:
        for line in [header, *rows]:
            file.write(",".join(_quoted(cell) for cell in line) + "\n")


def _quoted(cell: str) -> str:
    """Quote as csv.QUOTE_MINIMAL does, and also for a lone carriage return (which the csv module
    leaves bare with a "\\n" line end, so that readers see a line break in the middle of a row)."""
    if any(c in cell for c in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def export_zip(package_dir: Path | str, store: EntryStore,
               include_personal: bool = False) -> tuple[bytes, list[Problem]]:
    """The whole package with the live entries and history, validated, as the bytes of a zip."""
    with tempfile.TemporaryDirectory(prefix="nla-export-") as folder:
        out = Path(folder) / "pakket"
        problems = export_package(package_dir, out, store, include_personal=include_personal)
        if problems:
            return b"", problems
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(out.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(out))
        return buffer.getvalue(), []
