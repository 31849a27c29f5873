"""Budget decisions and their history, in the same database as the entries (nla_data.store).

A decision grants or refuses money for one need or initiative of a wijk: the outcome, the answer to each
of the package's criteria (`facts.criteria`), the amount in whole euros, the date, who decided and the
public rationale. `boven_budget` records that the one who recorded it ticked the override because the
amount was more than the wijk had left.

Like an entry, every write is one transaction that writes the decision and appends a history row (who,
when, what changed, a full snapshot), with the request id of the form: a second submission of the same
form does nothing. A revision names the version it started from and is refused when someone else changed
the decision meanwhile. The store trusts its input: the checks are one layer up (domain.decisions,
app.decisions).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from nla_data.store import REQUEST_ID_LENGTH, Conflict, Missing, Saved, Version, now

COLUMNS = ["besluit_id", "wijk_id", "item_id", "uitkomst", "criteria", "bedrag", "datum", "besloten_door",
           "motivering", "boven_budget", "versie", "vastgelegd_op", "vastgelegd_door"]
VERSIONED = ["item_id", "uitkomst", "criteria", "bedrag", "datum", "besloten_door", "motivering", "boven_budget"]

_metadata = sa.MetaData()
DECISIONS = sa.Table(
    "besluiten", _metadata,
    sa.Column("besluit_id", sa.String(80), primary_key=True),
    sa.Column("wijk_id", sa.String(120), nullable=False, index=True),
    sa.Column("item_id", sa.String(120), nullable=False),
    sa.Column("uitkomst", sa.String(20), nullable=False),
    sa.Column("criteria", sa.Text, nullable=False),  # JSON: {criterium: true/false}
    sa.Column("bedrag", sa.Integer, nullable=False),
    sa.Column("datum", sa.Date, nullable=False),
    sa.Column("besloten_door", sa.Text, nullable=False),
    sa.Column("motivering", sa.Text, nullable=False),
    sa.Column("boven_budget", sa.Boolean, nullable=False),
    sa.Column("versie", sa.Integer, nullable=False),
    sa.Column("vastgelegd_op", sa.DateTime, nullable=False),
    sa.Column("vastgelegd_door", sa.Text, nullable=False))
HISTORY = sa.Table(
    "besluiten_geschiedenis", _metadata,
    sa.Column("besluit_id", sa.String(80), primary_key=True),
    sa.Column("versie", sa.Integer, primary_key=True),
    sa.Column("wijk_id", sa.String(120), nullable=False, index=True),
    sa.Column("tijdstip", sa.DateTime, nullable=False),
    sa.Column("door", sa.Text, nullable=False),
    sa.Column("actie", sa.String(40), nullable=False),
    sa.Column("wijzigingen", sa.Text, nullable=False),
    sa.Column("momentopname", sa.Text, nullable=False),
    sa.Column("request_id", sa.String(REQUEST_ID_LENGTH), unique=True, nullable=True))
# One row per wijk, touched first by every write of that wijk's decisions: its lock (PostgreSQL's row lock,
# SQLite's write lock) makes two grants at the same moment take turns, so each sees what the other granted.
LOCKS = sa.Table(
    "besluiten_slot", _metadata,
    sa.Column("wijk_id", sa.String(120), primary_key=True),
    sa.Column("schrijfbeurten", sa.Integer, nullable=False))


@dataclass(frozen=True)
class Limit:
    """A grant must fit: the wijk's decisions with outcome `granted`, this one included, add up to at most
    `total` (its budget after the cut). Checked inside the write's transaction, under the wijk's lock."""

    total: int
    granted: str


@dataclass(frozen=True)
class OverBudget:
    """Refused at the write: with what was granted meanwhile, this grant no longer fits."""

    wijk_id: str
    remaining: int  # what the wijk had left when this write took its turn


def _snapshot(row: dict) -> dict:
    snapshot = {}
    for name in VERSIONED:
        value = row.get(name)
        if name == "criteria" and isinstance(value, str):
            value = json.loads(value)
        if isinstance(value, dt.date):
            value = value.isoformat()
        snapshot[name] = value
    return snapshot


class DecisionStore:
    """The decisions table and its history, on the entries' engine: `DecisionStore(entry_store.engine)`."""

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
        """The decisions now, with `criteria` as a dict; all wijken or one."""
        query = sa.select(DECISIONS).order_by(DECISIONS.c.datum.desc(), DECISIONS.c.vastgelegd_op.desc())
        if wijk_id is not None:
            query = query.where(DECISIONS.c.wijk_id == wijk_id)
        with self.engine.connect() as db:
            rows = [dict(r) for r in db.execute(query).mappings()]
        for row in rows:
            row["criteria"] = json.loads(row["criteria"])
        frame = pd.DataFrame(rows, columns=COLUMNS)
        frame["bedrag"] = frame["bedrag"].astype("int64")
        frame["versie"] = frame["versie"].astype("int64")
        frame["boven_budget"] = frame["boven_budget"].astype(bool)
        return frame

    def decision(self, besluit_id: str) -> dict | None:
        with self.engine.connect() as db:
            row = db.execute(sa.select(DECISIONS).where(DECISIONS.c.besluit_id == besluit_id)).mappings().first()
        if row is None:
            return None
        return {**dict(row), "criteria": json.loads(row["criteria"])}

    def history(self, besluit_id: str) -> list[Version]:
        query = sa.select(HISTORY).where(HISTORY.c.besluit_id == besluit_id).order_by(HISTORY.c.versie.desc())
        with self.engine.connect() as db:
            return [Version(r["besluit_id"], r["versie"], r["tijdstip"], r["door"], r["actie"],
                            json.loads(r["wijzigingen"]), json.loads(r["momentopname"]))
                    for r in db.execute(query).mappings()]

    def revision(self) -> tuple:
        """Changes whenever a decision is saved: a cheap cache key."""
        with self.engine.connect() as db:
            return tuple(db.execute(sa.select(sa.func.count(), sa.func.max(HISTORY.c.tijdstip))
                                    .select_from(HISTORY)).first())

    # --- writing -------------------------------------------------------------------------------

    def record(self, wijk_id: str, values: dict, author: str, request_id: str | None = None,
               limit: Limit | None = None) -> Saved | OverBudget:
        """A new decision (version 1). `values`: the VERSIONED fields, checked (domain.decisions). With a
        `limit`, a grant that does not fit what the wijk has left at this moment is not written."""
        moment = now()
        besluit_id = f"{wijk_id}-{moment:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        row = {**{name: values.get(name) for name in VERSIONED}, "besluit_id": besluit_id, "wijk_id": wijk_id,
               "versie": 1, "vastgelegd_op": moment, "vastgelegd_door": author}
        row["criteria"] = json.dumps(row["criteria"], ensure_ascii=False, sort_keys=True)
        snapshot = _snapshot(row)
        for attempt in range(2):
            try:
                with self.engine.begin() as db:
                    _take_turn(db, wijk_id)
                    repeated = self._repeat(db, request_id)
                    if repeated is not None:
                        return repeated
                    refused = _over(db, wijk_id, row, limit, replacing=None)
                    if refused is not None:
                        return refused
                    db.execute(DECISIONS.insert().values(**row))
                    self._append(db, besluit_id, wijk_id, 1, moment, author, _action(row),
                                 {k: [None, v] for k, v in snapshot.items() if v is not None}, snapshot, request_id)
                return Saved(besluit_id, 1)
            except IntegrityError:  # the same request saved in parallel (a double click), or the wijk's first lock row
                with self.engine.connect() as db:
                    repeated = self._repeat(db, request_id)
                if repeated is not None:
                    return repeated
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def revise(self, besluit_id: str, base_version: int, values: dict, author: str,
               request_id: str | None = None, limit: Limit | None = None) -> Saved | Conflict | Missing | OverBudget:
        """Change a decision, if nobody changed it since `base_version`; the old version stays in the history.
        With a `limit`, a revised grant must fit what the wijk has left besides this decision."""
        moment = now()
        with self.engine.begin() as db:
            found = db.execute(sa.select(DECISIONS.c.wijk_id).where(DECISIONS.c.besluit_id == besluit_id)).first()
            if found is not None:
                _take_turn(db, found.wijk_id)
            repeated = self._repeat(db, request_id)
            if repeated is not None:
                return repeated
            current = db.execute(sa.select(DECISIONS).where(DECISIONS.c.besluit_id == besluit_id)).mappings().first()
            if current is None:
                return Missing(besluit_id)
            current = dict(current)
            if current["versie"] != base_version:
                return Conflict(besluit_id, current, current["vastgelegd_door"], current["vastgelegd_op"])
            new = {**current, **{k: v for k, v in values.items() if k in VERSIONED}}
            refused = _over(db, current["wijk_id"], new, limit, replacing=besluit_id)
            if refused is not None:
                return refused
            new["criteria"] = (new["criteria"] if isinstance(new["criteria"], str)
                               else json.dumps(new["criteria"], ensure_ascii=False, sort_keys=True))
            before, after = _snapshot(current), _snapshot(new)
            changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
            version = base_version + 1
            new.update(versie=version, vastgelegd_op=moment, vastgelegd_door=author)
            written = db.execute(DECISIONS.update().where(DECISIONS.c.besluit_id == besluit_id,
                                                          DECISIONS.c.versie == base_version)
                                 .values({k: v for k, v in new.items() if k != "besluit_id"})).rowcount
            if written != 1:
                return Conflict(besluit_id, current, current["vastgelegd_door"], current["vastgelegd_op"])
            self._append(db, besluit_id, current["wijk_id"], version, moment, author, "herzien", changes, after,
                         request_id)
        return Saved(besluit_id, version)

    # --- internals -----------------------------------------------------------------------------

    @staticmethod
    def _append(db, besluit_id, wijk_id, version, moment, author, action, changes, snapshot, request_id) -> None:
        db.execute(HISTORY.insert().values(
            besluit_id=besluit_id, versie=version, wijk_id=wijk_id, tijdstip=moment, door=author, actie=action,
            wijzigingen=json.dumps(changes, ensure_ascii=False), momentopname=json.dumps(snapshot, ensure_ascii=False),
            request_id=request_id))

    @staticmethod
    def _repeat(db, request_id: str | None) -> Saved | None:
        if not request_id:
            return None
        row = db.execute(sa.select(HISTORY.c.besluit_id, HISTORY.c.versie)
                         .where(HISTORY.c.request_id == request_id)).first()
        return None if row is None else Saved(row.besluit_id, row.versie, repeated=True)


def _take_turn(db, wijk_id: str) -> None:
    """Take the wijk's lock for the rest of the transaction (see LOCKS); the first write of a wijk makes its row."""
    touched = db.execute(LOCKS.update().where(LOCKS.c.wijk_id == wijk_id)
                         .values(schrijfbeurten=LOCKS.c.schrijfbeurten + 1)).rowcount
    if touched == 0:
        db.execute(LOCKS.insert().values(wijk_id=wijk_id, schrijfbeurten=1))


def _over(db, wijk_id: str, row: dict, limit: Limit | None, replacing: str | None) -> OverBudget | None:
    """Under the wijk's lock: does this grant (replacing decision `replacing`, if any) still fit?"""
    if limit is None or row.get("uitkomst") != limit.granted or row.get("boven_budget"):
        return None
    others = sa.select(sa.func.coalesce(sa.func.sum(DECISIONS.c.bedrag), 0)).where(
        DECISIONS.c.wijk_id == wijk_id, DECISIONS.c.uitkomst == limit.granted)
    if replacing is not None:
        others = others.where(DECISIONS.c.besluit_id != replacing)
    remaining = limit.total - int(db.execute(others).scalar_one())
    return None if int(row["bedrag"]) <= remaining else OverBudget(wijk_id, remaining)


def _action(row: dict) -> str:
    """How the history names a new decision: an override above the remaining budget is said so."""
    return "vastgelegd-boven-budget" if row.get("boven_budget") else "vastgelegd"
