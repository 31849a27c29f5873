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

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from nla_data.store import Conflict, Missing, Saved, Version, now

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
    sa.Column("request_id", sa.String(120), unique=True, nullable=True))


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

    def record(self, wijk_id: str, values: dict, author: str, request_id: str | None = None) -> Saved:
        """A new decision (version 1). `values`: the VERSIONED fields, checked (domain.decisions)."""
        moment = now()
        besluit_id = f"{wijk_id}-{moment:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        row = {**{name: values.get(name) for name in VERSIONED}, "besluit_id": besluit_id, "wijk_id": wijk_id,
               "versie": 1, "vastgelegd_op": moment, "vastgelegd_door": author}
        row["criteria"] = json.dumps(row["criteria"], ensure_ascii=False, sort_keys=True)
        snapshot = _snapshot(row)
        try:
            with self.engine.begin() as db:
                repeated = self._repeat(db, request_id)
                if repeated is not None:
                    return repeated
                db.execute(DECISIONS.insert().values(**row))
                self._append(db, besluit_id, wijk_id, 1, moment, author, _action(row),
                             {k: [None, v] for k, v in snapshot.items() if v is not None}, snapshot, request_id)
        except IntegrityError:  # the same request saved in parallel (a double click)
            with self.engine.connect() as db:
                repeated = self._repeat(db, request_id)
            if repeated is None:
                raise
            return repeated
        return Saved(besluit_id, 1)

    def revise(self, besluit_id: str, base_version: int, values: dict, author: str,
               request_id: str | None = None) -> Saved | Conflict | Missing:
        """Change a decision, if nobody changed it since `base_version`; the old version stays in the history."""
        moment = now()
        with self.engine.begin() as db:
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


def _action(row: dict) -> str:
    """How the history names a new decision: an override above the remaining budget is said so."""
    return "vastgelegd-boven-budget" if row.get("boven_budget") else "vastgelegd"
