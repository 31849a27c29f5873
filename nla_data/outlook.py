"""A wijk's outlook — its kansen and bedreigingen — and their history, in the same database as the entries.

One line of the outlook is a short text of one kind (the package's `wijkperspectief.kansen`: kans or
bedreiging), the date it was noted, and a status: open, vervallen (no longer true) or verwijderd (taken
off the list; the row and its history stay). As with decisions (nla_data.decisions), every write is one
transaction that writes the line and appends a history row (who, when, what changed, a full snapshot)
with the request id of the form, so a second submission of the same form does nothing; a revision names
the version it started from and is refused when someone changed the line meanwhile. The store trusts its
input: the checks are one layer up (domain.outlook, app.outlook).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from nla_data.store import REQUEST_ID_LENGTH, Conflict, Missing, Saved, Version, now

COLUMNS = ["kans_id", "wijk_id", "soort", "tekst", "datum", "status", "versie", "vastgelegd_op", "vastgelegd_door"]
VERSIONED = ["soort", "tekst", "datum", "status"]

_metadata = sa.MetaData()
OUTLOOK = sa.Table(
    "kansen", _metadata,
    sa.Column("kans_id", sa.String(80), primary_key=True),
    sa.Column("wijk_id", sa.String(120), nullable=False, index=True),
    sa.Column("soort", sa.String(40), nullable=False),
    sa.Column("tekst", sa.Text, nullable=False),
    sa.Column("datum", sa.Date, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("versie", sa.Integer, nullable=False),
    sa.Column("vastgelegd_op", sa.DateTime, nullable=False),
    sa.Column("vastgelegd_door", sa.Text, nullable=False))
HISTORY = sa.Table(
    "kansen_geschiedenis", _metadata,
    sa.Column("kans_id", sa.String(80), primary_key=True),
    sa.Column("versie", sa.Integer, primary_key=True),
    sa.Column("wijk_id", sa.String(120), nullable=False, index=True),
    sa.Column("tijdstip", sa.DateTime, nullable=False),
    sa.Column("door", sa.Text, nullable=False),
    sa.Column("actie", sa.String(40), nullable=False),
    sa.Column("wijzigingen", sa.Text, nullable=False),
    sa.Column("momentopname", sa.Text, nullable=False),
    sa.Column("request_id", sa.String(REQUEST_ID_LENGTH), unique=True, nullable=True))


def _snapshot(row: dict) -> dict:
    return {name: row[name].isoformat() if isinstance(row.get(name), dt.date) else row.get(name)
            for name in VERSIONED}


def _typed(snapshot: dict) -> dict:
    """A history snapshot as the table holds it (the date as a date)."""
    typed = dict(snapshot)
    if isinstance(typed.get("datum"), str):
        typed["datum"] = dt.date.fromisoformat(typed["datum"])
    return typed


class OutlookStore:
    """The outlook table and its history, on the entries' engine: `OutlookStore(entry_store.engine)`."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        for attempt in range(5):
            try:
                _metadata.create_all(engine)
                break
            except sa.exc.DBAPIError:  # another process created a table at the same moment: look again
                if attempt == 4:
                    raise

    # --- reading -------------------------------------------------------------------------------

    def frame(self, wijk_id: str | None = None) -> pd.DataFrame:
        """Every line (removed ones too), newest date first; all wijken or one."""
        query = sa.select(OUTLOOK).order_by(OUTLOOK.c.datum.desc(), OUTLOOK.c.vastgelegd_op.desc())
        if wijk_id is not None:
            query = query.where(OUTLOOK.c.wijk_id == wijk_id)
        with self.engine.connect() as db:
            rows = [dict(r) for r in db.execute(query).mappings()]
        frame = pd.DataFrame(rows, columns=COLUMNS)
        frame["versie"] = frame["versie"].astype("int64")
        return frame

    def line(self, kans_id: str) -> dict | None:
        with self.engine.connect() as db:
            row = db.execute(sa.select(OUTLOOK).where(OUTLOOK.c.kans_id == kans_id)).mappings().first()
        return None if row is None else dict(row)

    def history(self, kans_id: str) -> list[Version]:
        query = sa.select(HISTORY).where(HISTORY.c.kans_id == kans_id).order_by(HISTORY.c.versie.desc())
        with self.engine.connect() as db:
            return [Version(r["kans_id"], r["versie"], r["tijdstip"], r["door"], r["actie"],
                            json.loads(r["wijzigingen"]), json.loads(r["momentopname"]))
                    for r in db.execute(query).mappings()]

    def revision(self) -> tuple:
        """Changes whenever a line is saved: a cheap cache key (the council report's)."""
        with self.engine.connect() as db:
            return tuple(db.execute(sa.select(sa.func.count(), sa.func.max(HISTORY.c.tijdstip))
                                    .select_from(HISTORY)).first())

    # --- writing -------------------------------------------------------------------------------

    def record(self, wijk_id: str, values: dict, author: str, request_id: str | None = None) -> Saved:
        """A new line (version 1). `values`: the VERSIONED fields, checked (domain.outlook)."""
        moment = now()
        kans_id = f"{wijk_id}-{moment:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        row = {**{name: values.get(name) for name in VERSIONED}, "kans_id": kans_id, "wijk_id": wijk_id,
               "versie": 1, "vastgelegd_op": moment, "vastgelegd_door": author}
        snapshot = _snapshot(row)
        try:
            with self.engine.begin() as db:
                repeated = self._repeat(db, request_id)
                if repeated is not None:
                    return repeated
                db.execute(OUTLOOK.insert().values(**row))
                self._append(db, kans_id, wijk_id, 1, moment, author, "vastgelegd",
                             {k: [None, v] for k, v in snapshot.items() if v is not None}, snapshot, request_id)
        except IntegrityError:  # the same request saved in parallel (a double click)
            with self.engine.connect() as db:
                repeated = self._repeat(db, request_id)
            if repeated is None:
                raise
            return repeated
        return Saved(kans_id, 1)

    def revise(self, kans_id: str, base_version: int, values: dict, author: str, request_id: str | None = None,
               *, action: str = "herzien") -> Saved | Conflict | Missing:
        """Change a line if nobody changed it since `base_version`; the old version stays in the history.
        The version check is the UPDATE's own condition, in the same transaction as the history row."""
        moment = now()
        try:
            with self.engine.begin() as db:
                repeated = self._repeat(db, request_id)
                if repeated is not None:
                    return repeated
                current = db.execute(sa.select(OUTLOOK).where(OUTLOOK.c.kans_id == kans_id)).mappings().first()
                if current is None:
                    return Missing(kans_id)
                current = dict(current)
                if current["versie"] != base_version:
                    return self._conflict(db, current, base_version)
                new = {**current, **{k: v for k, v in values.items() if k in VERSIONED}}
                before, after = _snapshot(current), _snapshot(new)
                changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
                version = base_version + 1
                new.update(versie=version, vastgelegd_op=moment, vastgelegd_door=author)
                written = db.execute(OUTLOOK.update().where(OUTLOOK.c.kans_id == kans_id,
                                                            OUTLOOK.c.versie == base_version)
                                     .values({k: v for k, v in new.items() if k != "kans_id"})).rowcount
                if written != 1:
                    return self._conflict(db, current, base_version)
                self._append(db, kans_id, current["wijk_id"], version, moment, author, action, changes, after,
                             request_id)
        except IntegrityError:  # the same request saved in parallel
            with self.engine.connect() as db:
                repeated = self._repeat(db, request_id)
            if repeated is None:
                raise
            return repeated
        return Saved(kans_id, version)

    # --- internals -----------------------------------------------------------------------------

    @staticmethod
    def _conflict(db, current: dict, base_version: int) -> Conflict:
        seen = db.execute(sa.select(HISTORY.c.momentopname).where(HISTORY.c.kans_id == current["kans_id"],
                                                                  HISTORY.c.versie == base_version)).scalar()
        return Conflict(current["kans_id"], current, current["vastgelegd_door"], current["vastgelegd_op"],
                        _typed(json.loads(seen)) if seen else None)

    @staticmethod
    def _append(db, kans_id, wijk_id, version, moment, author, action, changes, snapshot, request_id) -> None:
        db.execute(HISTORY.insert().values(
            kans_id=kans_id, versie=version, wijk_id=wijk_id, tijdstip=moment, door=author, actie=action,
            wijzigingen=json.dumps(changes, ensure_ascii=False), momentopname=json.dumps(snapshot, ensure_ascii=False),
            request_id=request_id))

    @staticmethod
    def _repeat(db, request_id: str | None) -> Saved | None:
        if not request_id:
            return None
        row = db.execute(sa.select(HISTORY.c.kans_id, HISTORY.c.versie)
                         .where(HISTORY.c.request_id == request_id)).first()
        return None if row is None else Saved(row.kans_id, row.versie, repeated=True)
