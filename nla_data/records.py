"""The budget decisions and the kansen en bedreigingen as package resources, beside the entries.

Their live state is in the database (nla_data.decisions, nla_data.outlook); a package may declare them as
the resources `besluiten`, `kansen` and their `*_geschiedenis`. The export writes them from the database
(nla_data.export), and a fresh database takes them over from the package once, as it takes the entries
(`seed_if_empty`): an exported package opened elsewhere shows the same decisions and outlook. A package
that does not declare them is still a valid package: then there is nothing to copy and nothing to write.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from nla_data import decisions, outlook
from nla_data.schema import read_descriptor, read_table, resource_descriptor

# Resource name -> the table it is written from and copied into; each current table before its history.
TABLES: dict[str, sa.Table] = {
    "besluiten": decisions.DECISIONS, "besluiten_geschiedenis": decisions.HISTORY,
    "kansen": outlook.OUTLOOK, "kansen_geschiedenis": outlook.HISTORY,
}
HISTORIES = ("besluiten_geschiedenis", "kansen_geschiedenis")


def declared(descriptor: dict) -> list[str]:
    """The record resources this package declares, in TABLES' order."""
    names = {r.get("name") for r in descriptor.get("resources", []) if isinstance(r, dict)}
    return [name for name in TABLES if name in names]


def ensure_tables(engine: sa.Engine) -> None:
    """The decision and outlook tables exist from here on (the stores create them as they open)."""
    decisions.DecisionStore(engine)
    outlook.OutlookStore(engine)


def revision(engine: sa.Engine) -> tuple:
    """Changes with every write of a decision or an outlook line: each writes one history row."""
    with engine.connect() as db:
        return tuple(db.execute(sa.select(sa.func.count(), sa.func.max(TABLES[name].c.tijdstip))).one()
                     for name in HISTORIES)


def seed_if_empty(engine: sa.Engine, package_dir: Path) -> list[str]:
    """Copy the package's decisions and outlook (with their histories) into a database that has none of
    that kind yet; returns the resources copied. One transaction per kind: all of it or nothing."""
    ensure_tables(engine)
    descriptor = read_descriptor(package_dir)
    names = declared(descriptor)
    copied = []
    for current, history in (("besluiten", "besluiten_geschiedenis"), ("kansen", "kansen_geschiedenis")):
        if current not in names:
            continue
        rows = _rows(package_dir, descriptor, current)
        if not rows:
            continue
        past = _rows(package_dir, descriptor, history) if history in names else []
        try:
            with engine.begin() as db:
                if db.execute(sa.select(sa.func.count()).select_from(TABLES[current])).scalar():
                    continue
                db.execute(TABLES[current].insert(), rows)
                if past:
                    db.execute(TABLES[history].insert(), [{**row, "request_id": None} for row in past])
        except IntegrityError:  # another process copied them in at the same moment: its rows won
            continue
        copied += [current] + ([history] if past else [])
    return copied


def _rows(package_dir: Path, descriptor: dict, name: str) -> list[dict]:
    """The resource's rows as the table takes them (dates as dates, moments as datetimes, no NaN)."""
    frame = read_table(package_dir, resource_descriptor(descriptor, name))
    table = TABLES[name]
    return [{column: _value(table.c[column].type, value) for column, value in row.items() if column in table.c}
            for row in frame.to_dict("records")]


def _value(kind: sa.types.TypeEngine, value):
    if value is None or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
        return None
    if isinstance(kind, sa.DateTime):
        return pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
    if isinstance(kind, sa.Date):
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else pd.Timestamp(value).date()
    if isinstance(kind, sa.Boolean):
        return bool(value)
    if isinstance(kind, sa.Integer):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
