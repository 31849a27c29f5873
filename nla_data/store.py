"""The live state of the perspective entries and their full history, in a real database.

SQLite by default (a file next to the package, not tracked by git); PostgreSQL when
`NLA_DATABASE_URL` points there. SQLAlchemy Core with portable types only, so the same code runs
on both. The `items` columns follow the `items` schema of datapackage.json: one source of truth.

Every write is one transaction that (1) checks the version the editor started from, (2) writes the
item, (3) appends a history row with who, when, which fields (old and new) and a full snapshot.
A history row carries the request id of the form submission: a second submission of the same
form (double click, rerun) finds it and does nothing. A killed process leaves the database as it
was before or after a write, never in between (the database's own transactions).

The store trusts its input: validation happens one layer up (domain.editing).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import json
import logging
import random
import time
import warnings
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError

from nla_data import outline_snapshots
from nla_data.facts import Relations
from nla_data.package import NlaPackage
from nla_data.schema import read_descriptor, resource_descriptor
from nla_data.settings import ensure_data_dir, settings
from nla_data.upsert import upsert

# 2: the columns for network entries' kind, visibility, contact details and consent; 3: wijk_revisies;
# 4: wijk_overzichten (nla_data.outline_snapshots) and the erasures' row from the start
SCHEMA_VERSION = 4
TIMEZONE = ZoneInfo("Europe/Amsterdam")
_log = logging.getLogger(__name__)
# A form's request id is its key and a uuid ("edit-" + an entry id of up to ~200 characters + 33): PostgreSQL
# enforces a VARCHAR's length (SQLite does not), so the column is wide enough for any of them.
REQUEST_ID_LENGTH = 400
# Processes opening a new database together race to create its tables; each lost race is tried again
# (under load, 4 openers without a pause lost 5 times in a row).
CREATE_ATTEMPTS = 12
# The app servers' clocks (Europe/Amsterdam, without zone) agree within this many days, a change to winter time
# included: app.held_outline reads a wijk's saves from this many days before its latest.
CLOCKS_AGREE_WITHIN_DAYS = 1
# The part of an item that is versioned (what a history snapshot holds and a restore brings back).
VERSIONED = ["sectie", "titel", "beschrijving", "status", "aanpak", "thema", "buurtcode", "straat", "rol",
             "soort_hulp", "bedrag", "startdatum", "bevestigd_op", "bevestigd_door", "soort", "zichtbaarheid",
             "contact_naam", "contact_email", "contact_telefoon", "toestemming_op", "toestemming_wijze",
             "koppelingen"]

# Kinds of entries, (wijk_id, sectie, zichtbaarheid), that a query may return: who may see what is decided one
# layer up (domain.privacy) on `EntryStore.kinds()`; the store only filters by the kinds it is given.
Scope = Collection[tuple]
# what `EntryStore.outline` reads of an entry: who it is, where, how it stands, not what it says
OUTLINE_COLUMNS = ("item_id", "wijk_id", "sectie", "titel", "status", "soort", "zichtbaarheid", "versie",
                   "bijgewerkt_op", "bedrag")
KIND_COLUMNS = ("wijk_id", "sectie", "zichtbaarheid")  # an entry's kind: who may see it (domain.privacy)
KIND_SEPARATOR, NO_VALUE = "|", "<geen>"  # a kind as one key: wijk|sectie|zichtbaarheid, NO_VALUE for NULL

_SA_TYPES = {"string": sa.Text, "integer": sa.Integer, "number": sa.Float, "boolean": sa.Boolean,
             "date": sa.Date, "datetime": sa.DateTime}


def now() -> dt.datetime:
    """Wall-clock time in Groningen, to the second, without tzinfo (as in the package's CSV)."""
    return dt.datetime.now(TIMEZONE).replace(tzinfo=None, microsecond=0)


def database_url(package_dir: Path) -> str:
    """NLA_DATABASE_URL, or a SQLite file in the data directory (outside the git tree)."""
    return settings().database_url(package_dir)


# --- results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Saved:
    item_id: str
    version: int
    repeated: bool = False  # this request had been saved already: nothing was written now


@dataclass(frozen=True)
class Conflict:
    """Someone saved in between: the save or action was refused. `current` is their version of the item,
    `seen` the version the caller started from (its history snapshot, typed), to show side by side."""

    item_id: str
    current: dict
    changed_by: str
    changed_at: dt.datetime
    seen: dict | None = None


@dataclass(frozen=True)
class Missing:
    item_id: str


@dataclass
class _Lent:
    """The connection `EntryStore.reading()` lends, once a read inside it asked for one."""

    connection: sa.Connection | None = None


@dataclass(frozen=True)
class Version:
    item_id: str
    version: int
    at: dt.datetime
    by: str
    action: str
    changes: dict  # field -> [old, new]
    snapshot: dict


# --- schema --------------------------------------------------------------------------------------

def _tables(items_schema: dict) -> tuple[sa.MetaData, sa.Table, sa.Table, sa.Table, sa.Table, sa.Table, sa.Table,
                                          sa.Table]:
    metadata = sa.MetaData()
    columns = []
    for item_field in items_schema["fields"]:
        name = item_field["name"]
        kind = sa.String(120) if name in ("item_id", "wijk_id") else _SA_TYPES[item_field.get("type", "string")]
        columns.append(sa.Column(name, kind, primary_key=name == "item_id",
                                 nullable=not item_field.get("constraints", {}).get("required", False)))
    # covers Bij te werken and the counts per kind: read from the index alone, not from the rows with their
    # long descriptions (the rows are read for the few entries shown); only the columns this schema has
    # (an older package's items lack some: they are added by `migrate`, and the index with them)
    present = {c.name for c in columns}
    covering = [c for c in ("status", "wijk_id", "sectie", "zichtbaarheid", "bijgewerkt_op", "bevestigd_op", "titel",
                            "item_id") if c in present]
    # the wijk's ids (and versions) from the index alone: the network's links are read per id of the wijk
    items = sa.Table("items", metadata, *columns, sa.Index("ix_items_wijk_versie", "wijk_id", "item_id", "versie"),
                     sa.Index("ix_items_status_kind", *covering))
    if set(OUTLINE_COLUMNS) <= present:
        # the wijk page: the wijk's outline (`outline`: counts, the needs' total, the network, which cards to draw)
        # from the index alone, not from the rows
        c = items.c
        sa.Index("ix_items_wijk_sectie_nieuwst", c.wijk_id, c.sectie, c.bijgewerkt_op, c.item_id.desc(), c.status,
                 c.zichtbaarheid, c.bedrag, c.titel, c.soort, c.versie)
    if {"bevestigd_op", "bijgewerkt_op", "titel", "status", "sectie", "zichtbaarheid"} <= present:
        # Bij te werken: a wijk's oldest in the order shown, read from the front of this index (store.stale)
        c = items.c
        # (in brackets: PostgreSQL wants an expression in an index so)
        sa.Index("ix_items_wijk_laatst_gezien", c.wijk_id, sa.sql.elements.Grouping(_last_seen(c)), c.titel, c.item_id, c.status, c.sectie,
                 c.zichtbaarheid)
    links = sa.Table("koppelingen", metadata,
                     sa.Column("van_item", sa.String(120), primary_key=True),
                     sa.Column("naar_item", sa.String(120), primary_key=True),
                     sa.Column("relatie", sa.String(40), nullable=False),
                     sa.Index("ix_koppelingen_naar", "naar_item"))  # van_item leads the primary key
    history = sa.Table("geschiedenis", metadata,
                       sa.Column("item_id", sa.String(120), primary_key=True),
                       sa.Column("versie", sa.Integer, primary_key=True),
                       sa.Column("wijk_id", sa.String(120), nullable=False, index=True),
                       sa.Column("tijdstip", sa.DateTime, nullable=False, index=True),
                       sa.Column("door", sa.Text, nullable=False),
                       sa.Column("actie", sa.String(40), nullable=False),
                       sa.Column("wijzigingen", sa.Text, nullable=False),
                       sa.Column("momentopname", sa.Text, nullable=False),
                       sa.Column("request_id", sa.String(REQUEST_ID_LENGTH), unique=True, nullable=True),
                       # a wijk's saves since a moment (app.held_outline) and its history (Recent gewijzigd)
                       sa.Index("ix_geschiedenis_wijk_tijdstip", "wijk_id", "tijdstip"))
    # the version is written, never generated: no SERIAL (and its sequence) on PostgreSQL
    meta = sa.Table("schema_versie", metadata, sa.Column("versie", sa.Integer, primary_key=True, autoincrement=False))
    # how many erasures there were (one row): an erasure writes no history row, so the revisions count it here
    erasures = sa.Table("wissingen", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                        sa.Column("aantal", sa.Integer, nullable=False))
    # per wijk how many history rows it has and their latest moment, kept in the transaction that writes them: a
    # wijk's revision is one row, not a count over its history (2-8 ms at 6,700 rows, on every run of its page)
    revisions = sa.Table("wijk_revisies", metadata, sa.Column("wijk_id", sa.String(120), primary_key=True),
                         sa.Column("aantal", sa.Integer, nullable=False),
                         sa.Column("tijdstip", sa.DateTime, nullable=False))
    outlines = outline_snapshots.table(metadata)  # a wijk's outline kept for a cold read (issue 11)
    return metadata, items, links, history, meta, erasures, revisions, outlines


def _jsonable(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy / pandas scalars
        return value.item()
    return value


def _from_json(field_type: str, value):
    if value is None:
        return None
    if field_type == "datetime":
        return dt.datetime.fromisoformat(value)
    if field_type == "date":
        return dt.date.fromisoformat(value)
    return value


class EntryStore:
    """Entries and their history. Open with `EntryStore.open(package)`."""

    def __init__(self, engine: sa.Engine, items_schema: dict, relations: Relations | None = None):
        self.engine = engine
        self.schema = items_schema
        self.relations = relations or Relations()  # which relation a new link gets (wijkperspectief.relaties)
        self.types = {f["name"]: f.get("type", "string") for f in items_schema["fields"]}
        (self.metadata, self.items_t, self.links_t, self.history_t, self.meta_t,
         self.erasures_t, self.revisions_t, self.outlines_t) = _tables(items_schema)
        # the connection `reading()` lends the reads of this thread (of this context), None outside it
        self._lent: contextvars.ContextVar[_Lent | None] = contextvars.ContextVar(
            f"entry_store_reading_{id(self)}", default=None)

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, package: NlaPackage, url: str | None = None) -> EntryStore:
        """Open (and on first use create, migrate and fill from the package) the entries database."""
        url = url or database_url(package.path)
        if url.startswith("sqlite:///") and ":memory:" not in url:
            ensure_data_dir(Path(url.removeprefix("sqlite:///")).parent)
        engine = make_engine(url)
        schema = resource_descriptor(read_descriptor(package.path), "items")["schema"]
        store = cls(engine, schema, package.facts.relations)
        store.migrate()
        store.seed_if_empty(package)
        return store

    def migrate(self) -> None:
        """Create missing tables and record the schema version; later versions add steps here."""
        for attempt in range(CREATE_ATTEMPTS):
            try:
                self.metadata.create_all(self.engine)
                break
            except sa.exc.DBAPIError:  # another process created a table at the same moment: look again
                if attempt == CREATE_ATTEMPTS - 1:
                    raise
                # a little later each time, by chance: openers that start together do not collide again
                time.sleep(random.uniform(0.005, 0.02) * (attempt + 1))  # noqa: S311 # pragma: no mutate - jitter
        self._add_missing_columns()
        self._add_missing_indexes()
        self._count_uncounted_history()
        self._add_erasures_row()
        try:
            with self.engine.begin() as db:
                current = db.execute(sa.select(sa.func.max(self.meta_t.c.versie))).scalar()
                if current is None or current < SCHEMA_VERSION:
                    db.execute(self.meta_t.insert().values(versie=SCHEMA_VERSION))
        except IntegrityError:  # another process recorded it at the same moment
            pass

    def _add_missing_columns(self) -> None:
        """A database made by an older version lacks the columns the `items` schema added since: add them
        (all new columns are optional, so existing rows stay valid)."""
        present = {c["name"] for c in sa.inspect(self.engine).get_columns("items")}
        for column in self.items_t.columns:
            if column.name in present:
                continue
            kind = column.type.compile(dialect=self.engine.dialect)
            try:
                with self.engine.begin() as db:
                    db.execute(sa.text(f'ALTER TABLE items ADD COLUMN "{column.name}" {kind}'))
            except sa.exc.DBAPIError:  # another process added it at the same moment
                pass

    def _add_missing_indexes(self) -> None:
        """`create_all` makes the indexes of new tables only: a database made by an older version gets the
        indexes the per-wijk reads and the limited queries need here."""
        for table in (self.items_t, self.links_t, self.history_t):
            for index in table.indexes:
                try:
                    with warnings.catch_warnings():  # checkfirst reflects the indexes: an expression index is
                        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
                        # found by its name all the same (without checkfirst the error below says it is there)
                        index.create(self.engine, checkfirst=True)  # pragma: no mutate
                except sa.exc.DBAPIError:  # another process created it at the same moment
                    pass

    def _count_uncounted_history(self) -> None:
        """A database made before `wijk_revisies`: count its history rows per wijk once (later saves count
        themselves). A wijk left without a row (another server saved into an empty table first) has a revision all
        the same: (0, None) until its next save."""
        r, h = self.revisions_t.c, self.history_t.c
        try:
            with self.engine.begin() as db:
                if db.execute(sa.select(r.wijk_id).limit(1)).first() is not None:  # pragma: no mutate - a plan
                    return
                counted = sa.select(h.wijk_id, sa.func.count(), sa.func.max(h.tijdstip)).group_by(h.wijk_id)
                db.execute(self.revisions_t.insert().from_select(["wijk_id", "aantal", "tijdstip"], counted))
        except IntegrityError:  # another process counted (or saved) at the same moment
            pass

    def _add_erasures_row(self) -> None:
        """The erasures' count as a row from the start (0): a snapshot's write holds it against an erasure
        (nla_data.outline_snapshots.write), and a row that is not there cannot be held."""
        table = self.erasures_t
        with self.engine.begin() as db:
            db.execute(upsert(db, table).values(id=1, aantal=0).on_conflict_do_nothing(index_elements=[table.c.id]))

    def count_saved(self, db, saved: dict[str, tuple[int, dt.datetime]]) -> None:
        """Within the transaction that writes history rows: per wijk how many (`saved`: wijk -> (rows, latest
        moment)), so its revision changes with them. A writer that adds history rows in bulk (the seed, a
        benchmark) calls this too."""
        table = self.revisions_t
        insert = upsert(db, table)
        for wijk_id, (rows, latest) in sorted(saved.items()):  # in one order: two writers never lock in a circle
            later = sa.case((insert.excluded.tijdstip > table.c.tijdstip, insert.excluded.tijdstip),
                            else_=table.c.tijdstip)  # another server's clock may be behind: the latest stays
            db.execute(insert.values(wijk_id=wijk_id, aantal=rows, tijdstip=latest).on_conflict_do_update(
                index_elements=[table.c.wijk_id], set_={"aantal": table.c.aantal + rows, "tijdstip": later}))

    def seed_if_empty(self, package: NlaPackage) -> bool:
        """On first start: copy the package's entries, links and history into the database."""
        try:
            return self._seed(package)
        except IntegrityError:
            with self.engine.connect() as db:  # another process seeded it at the same moment: its rows won
                if db.execute(sa.select(sa.func.count()).select_from(self.items_t)).scalar():
                    return False
            raise

    def _seed(self, package: NlaPackage) -> bool:
        with self.engine.begin() as db:
            # pragma: no mutate start - without the count a second seed fails on the keys: seed_if_empty says False
            if db.execute(sa.select(sa.func.count()).select_from(self.items_t)).scalar():
                return False
            # pragma: no mutate end
            items = [{k: _jsonable(v) for k, v in row.items()} for row in package.items.to_dict("records")]
            for row in items:
                for name, value in row.items():
                    row[name] = _from_json(self.types[name], value)  # the package's columns are its schema's
            if items:
                db.execute(self.items_t.insert(), items)
            links = package.koppelingen.to_dict("records")
            if links:
                db.execute(self.links_t.insert(), links)
            history = self._seed_history(package, items, links)
            if history:
                db.execute(self.history_t.insert(), history)
                self.count_saved(db, saved_per_wijk(history))
        return True

    def _seed_history(self, package: NlaPackage, items: list[dict], links: list[dict]) -> list[dict]:
        known = package.geschiedenis
        wijk_of = {row["item_id"]: row["wijk_id"] for row in items}
        # the history's entries are the package's (its foreign key); no request id: none came through the app
        rows = [{"item_id": r.item_id, "versie": int(r.versie), "wijk_id": wijk_of[r.item_id],
                 "tijdstip": r.tijdstip.to_pydatetime(), "door": r.door, "actie": r.actie,
                 "wijzigingen": r.wijzigingen, "momentopname": r.momentopname}
                for r in known.itertuples()]
        with_history = set(known["item_id"])
        links_of = _links_by_item(links)
        for row in items:  # entries without a history get one version: how they came in
            if row["item_id"] in with_history:
                continue
            snapshot = self._snapshot(row, links_of.get(row["item_id"], []))
            rows.append({"item_id": row["item_id"], "versie": row["versie"], "wijk_id": row["wijk_id"],
                         "tijdstip": row["bijgewerkt_op"], "door": row["bijgewerkt_door"], "actie": "aangemaakt",
                         "wijzigingen": json.dumps({k: [None, v] for k, v in snapshot.items() if v is not None},
                                                   ensure_ascii=False),
                         "momentopname": json.dumps(snapshot, ensure_ascii=False)})
        return rows

    # --- reading -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Every read of the store inside it (in this thread) goes over one connection: a page's reads, one after
        the other, take one connection from the pool and ping the server once, instead of once each (issue 11:
        on PostgreSQL the reload after a save was thirty round trips, most of them checkouts, pings, BEGINs and
        ROLLBACKs around a single statement). Each statement still sees what was committed before it, as in the
        READ COMMITTED transactions each read had (`_read`). Nested, the outer one's connection is used. The
        connection is taken at the first read, so a block whose reads were all cached takes none."""
        if self._lent.get() is not None:
            yield
            return
        lent = _Lent()
        token = self._lent.set(lent)
        try:
            yield
        finally:
            self._lent.reset(token)
            if lent.connection is not None:
                lent.connection.close()

    @contextlib.contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        """The connection a read runs its statements on: the one `reading()` lends, else one of its own."""
        lent = self._lent.get()
        if lent is not None:
            if lent.connection is None:
                lent.connection = self._connection()
            yield lent.connection
            return
        with self._connection() as db:
            yield db

    def _connection(self) -> sa.Connection:
        """A connection for reads, without a transaction around them (AUTOCOMMIT): on PostgreSQL each statement
        sees what was committed before it, exactly as in the READ COMMITTED transaction a read had before, without
        the BEGIN and the ROLLBACK that were two of a single statement's four round trips (with the pool's ping).
        A read-only statement holds no lock past its own end either way. SQLite's driver began no transaction for
        a SELECT anyway. Writes keep their transactions (`engine.begin()`)."""
        return self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def items(self, wijk_id: str | None = None) -> pd.DataFrame:
        query = sa.select(self.items_t)
        if wijk_id is not None:
            query = query.where(self.items_t.c.wijk_id == wijk_id)
        with self._read() as db:
            result = db.execute(query)
            return self._frame(list(result.keys()), result.all())

    def item(self, item_id: str) -> dict | None:
        with self._read() as db:
            row = db.execute(sa.select(self.items_t).where(self.items_t.c.item_id == item_id)).mappings().first()
            if row is None:
                return None
            links = db.execute(sa.select(self.links_t.c.naar_item)
                               .where(self.links_t.c.van_item == item_id)).scalars().all()
        return {**dict(row), "koppelingen": sorted(links)}

    def links(self) -> pd.DataFrame:
        with self._read() as db:
            rows = db.execute(sa.select(self.links_t.c.van_item, self.links_t.c.naar_item, self.links_t.c.relatie)).all()
        return _links_frame(rows)

    def items_by_id(self, item_ids) -> pd.DataFrame:
        """The entries with these ids (those that exist), as `items` gives them, in the order of the ids."""
        rows, names = [], [c.name for c in self.items_t.columns]
        with self._read() as db:
            for chunk in _chunks(item_ids):
                rows += db.execute(self._by_id_query, {"ids": chunk}).all()
        # ordered as tuples, before the frame: taking a frame's rows in another order cost a page of cards 1 ms
        key = names.index("item_id")
        by_id = {row[key]: row for row in rows}
        return self._frame(names, [by_id[item_id] for item_id in dict.fromkeys(item_ids) if item_id in by_id])

    def ids_starting(self, prefix: str) -> set[str]:
        """The item ids that start with `prefix` (a new id is made unique among them)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = sa.select(self.items_t.c.item_id).where(self.items_t.c.item_id.like(f"{escaped}%", escape="\\"))
        with self._read() as db:
            return set(db.execute(query).scalars())

    def wijk_links(self, wijk_id: str) -> pd.DataFrame:
        """The links that touch an entry of the wijk (from it or to it), through the indexes on both ends."""
        own = sa.select(self.items_t.c.item_id).where(self.items_t.c.wijk_id == wijk_id)
        links = self.links_t
        columns = (links.c.van_item, links.c.naar_item, links.c.relatie)
        query = sa.union(sa.select(*columns).where(links.c.van_item.in_(own)),
                         sa.select(*columns).where(links.c.naar_item.in_(own)))
        with self._read() as db:
            rows = db.execute(query).all()
        return _links_frame(rows)

    def links_from_wijk(self, wijk_id: str, only: Collection[str] | None = None) -> pd.DataFrame:
        """The links from the wijk's entries (each entry's own links; a network keeps those between entries it
        shows): by the primary key for each of the wijk's ids. A join with the far end's wijk as well was quick
        after ANALYZE, and without statistics SQLite paired every entry with every other (16 s at 10,000).
        With `only`: the links from those of the wijk's entries (a few, just saved)."""
        links = self.links_t
        c = self.items_t.c
        with self._read() as db:
            if only is None:
                own = sa.select(c.item_id).where(c.wijk_id == wijk_id)
                return _links_frame(db.execute(sa.select(*links.c).where(links.c.van_item.in_(own))).all())
            rows = [row for chunk in _chunks(only)
                    for row in db.execute(self._links_from_ids_query, {"wijk": wijk_id, "ids": chunk})]
        return _links_frame(rows)

    @functools.cached_property
    def _links_from_ids_query(self) -> sa.Select:
        # built once, as the cards' statements below: every cold read of a wijk saved in since its outline was kept
        # reads the saved entries' rows and links (app.held_outline)
        c = self.items_t.c
        own = sa.select(c.item_id).where(c.wijk_id == sa.bindparam("wijk"), self._one_of(c.item_id, "ids"))
        return sa.select(*self.links_t.c).where(self.links_t.c.van_item.in_(own))

    def kinds(self) -> pd.DataFrame:
        """How many entries there are per wijk, section, status and own visibility: small (a few hundred rows
        for a city), so who may see which kind is decided on it (domain.privacy), not on every entry."""
        c = self.items_t.c
        query = (sa.select(c.wijk_id, c.sectie, c.status, c.zichtbaarheid, sa.func.count().label("aantal"))
                 .group_by(c.wijk_id, c.sectie, c.status, c.zichtbaarheid))
        with self._read() as db:
            rows = db.execute(query).mappings().all()
        frame = pd.DataFrame([dict(r) for r in rows], columns=["wijk_id", "sectie", "status", "zichtbaarheid", "aantal"])
        return frame.astype({"wijk_id": "string", "sectie": "string", "status": "string",
                             "zichtbaarheid": "string", "aantal": "int64"})

    # --- one wijk's page (issue 11: the wijk page at any number of entries) ---------------------------

    def links_with_titles(self, item_ids, scope: Scope | None = None
                          ) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
        """The links from or to these entries whose other end is of the kinds in `scope` (all when None), as (from,
        to, relation) in that order, and the titles of those other ends: one statement (through the indexes on both
        ends of a link, and each end by its key) where the links and the titles of their ends were two."""
        rows = []
        with self._read() as db:
            for chunk in _chunks(item_ids):
                rows += db.execute(self._links_with_titles_query, {"ids": chunk}).all()
        # The other ends' kinds are checked here, not in SQL: a page of cards has a few dozen links, and the kinds as
        # a parameter (a hundred keys, twice) cost more to build and send than the rows it kept out (issue 11).
        if scope is not None:
            kinds = _kind_set(frozenset(scope))
            rows = [row for row in rows if _kind_of(row[5:]) in kinds]
        return sorted({tuple(row[:3]) for row in rows}), {row[3]: row[4] for row in rows}

    # The statements of a page of cards, built once per store with the ids as their one parameter: SQLAlchemy looks a
    # statement up in its cache of compiled ones by a key it computes once per statement object, so a statement
    # built anew for every read paid for its key every time (a quarter of the links' statement, issue 11).

    @functools.cached_property
    def _by_id_query(self) -> sa.Select:
        return sa.select(self.items_t).where(self._one_of(self.items_t.c.item_id, "ids"))

    @functools.cached_property
    def _links_with_titles_query(self) -> sa.CompoundSelect:
        links, end = self.links_t, self.items_t.alias("ander")
        columns = (links.c.van_item, links.c.naar_item, links.c.relatie, end.c.item_id, end.c.titel,
                   end.c.wijk_id, end.c.sectie, end.c.zichtbaarheid)
        return sa.union(
            sa.select(*columns).join(end, end.c.item_id == links.c.naar_item).where(self._one_of(links.c.van_item, "ids")),
            sa.select(*columns).join(end, end.c.item_id == links.c.van_item).where(self._one_of(links.c.naar_item, "ids")))

    def outline(self, wijk_id: str, scope: Scope | None = None, only: Collection[str] | None = None
                ) -> pd.DataFrame:
        """The entries of the wijk (of the kinds in `scope`; with `only`, of those ids) without what they say:
        id, wijk, section, title, status, kind, visibility, version, last update, amount. Enough for a network,
        link choices, counts and the needs' total, and privacy's decision; a fraction of reading them whole (no
        descriptions, contact details or editors), from the index ix_items_wijk_sectie_nieuwst alone."""
        names = self.outline_columns
        with self._read() as db:
            if only is None:
                rows = db.execute(sa.select(*self._outline_select).where(self.items_t.c.wijk_id == wijk_id,
                                                                         self._in_scope(scope))).all()
            else:
                rows = [row for chunk in _chunks(only)
                        for row in db.execute(self._outline_of_ids_query, {"wijk": wijk_id, "ids": chunk})]
                if scope is not None:  # the kinds checked here, as links_with_titles does: a few entries just saved
                    kinds, kind = _kind_set(frozenset(scope)), [names.index(n) for n in KIND_COLUMNS]
                    rows = [row for row in rows if _kind_of(row[i] for i in kind) in kinds]
        return self._frame(names, rows, only=True)

    @functools.cached_property
    def _outline_select(self) -> list:
        """The columns `outline` reads, the moments as the database gives them, read by pandas at once (SQLite's
        are text: SQLAlchemy parsing them one by one was a third of the read)."""
        c, names = self.items_t.c, self.outline_columns
        text = [self.types.get(n) == "datetime" for n in names]  # pragma: no mutate - the same values, slower
        return [sa.type_coerce(c[n], sa.String) if as_text else c[n] for n, as_text in zip(names, text)]

    @functools.cached_property
    def _outline_of_ids_query(self) -> sa.Select:
        # built once: every cold read of a wijk saved in since its outline was kept reads the saved entries' rows
        c = self.items_t.c
        return sa.select(*self._outline_select).where(c.wijk_id == sa.bindparam("wijk"),
                                                      self._one_of(c.item_id, "ids"))

    @property
    def outline_columns(self) -> list[str]:
        """The columns `outline` reads: OUTLINE_COLUMNS as far as this package's `items` has them, in its order."""
        return [n for n in self.types if n in OUTLINE_COLUMNS]

    def _outline_types(self) -> dict[str, str]:
        return {name: self.types[name] for name in self.outline_columns}

    def kept_outline(self, wijk_id: str) -> outline_snapshots.Snapshot | None:
        """The wijk's outline of all kinds as the database keeps it (nla_data.outline_snapshots), None when it keeps
        none of this layout."""
        with self._read() as db:
            return outline_snapshots.read(db, self.outlines_t, wijk_id, self._outline_types())

    def keep_outline(self, wijk_id: str, snapshot: outline_snapshots.Snapshot) -> bool:
        """Keep the wijk's outline of all kinds for the next cold read, on any server; not over one of a later
        revision, nor when an erasure came after it was read. Whether it was kept: not when the database would not
        take it (a lock held too long, a server with a read-only role); the next cold read reads the rows again."""
        try:
            with self.engine.begin() as db:
                return outline_snapshots.write(db, self.outlines_t, self.erasures_t, wijk_id, snapshot,
                                               self._outline_types())
        except sa.exc.DBAPIError as error:
            _log.warning("the outline of %s was not kept: %s", wijk_id, error)
            return False

    def saved_since(self, wijk_id: str, since: dt.datetime) -> list[tuple[str, dt.datetime]]:
        """Every version of the wijk's entries saved at or after `since`: (entry, moment), one per history row,
        through the index on (wijk, moment). What changed in the wijk since a page last read it."""
        with self._read() as db:
            return [tuple(row) for row in db.execute(self._saved_since_query, {"wijk": wijk_id, "since": since})]

    @functools.cached_property
    def _saved_since_query(self) -> sa.Select:
        h = self.history_t.c
        return sa.select(h.item_id, h.tijdstip).where(h.wijk_id == sa.bindparam("wijk"),
                                                      h.tijdstip >= sa.bindparam("since", type_=h.tijdstip.type))

    def stale(self, cutoff: dt.datetime, open_statuses, *, limit: int, scope: Scope | None = None,
              wijk_id: str | None = None, exclude: Collection[str] = (), only: Collection[str] | None = None
              ) -> pd.DataFrame:
        """Open entries whose last sign of life is before `cutoff`, per wijk the `limit` oldest (then by title),
        with `laatst_gezien` and `wijk_totaal` (how many of the wijk there are without the limit).

        Mirrors domain.freshness (`last_seen`: the confirmation when later than the edit, else the edit;
        `stale_mask`): tests/test_store_scale.py proves both give the same rows."""
        c = self.items_t.c
        last_seen = _last_seen(c)
        # a few given entries (`only`) are found by their key: `status || ''` keeps SQLite, which has no statistics,
        # from walking every open entry on the status index instead (the same rows: status is never empty)
        status = c.status if only is None else c.status.concat("")  # pragma: no mutate - a plan, the same rows
        conditions = [status.in_(list(open_statuses)), last_seen < cutoff]
        if wijk_id is not None:
            conditions.append(c.wijk_id == wijk_id)
        if exclude:
            conditions.append(c.item_id.not_in(sorted(exclude)))
        if only is not None:
            conditions.append(c.item_id.in_(sorted(only)))
        # The count per kind from the covering index, the kinds out of scope left out here (the scope's key per
        # entry in SQL was half the list's time at 100,000 entries: 84 against 46 ms), then per wijk its `limit`
        # oldest walked in the order of ix_items_wijk_laatst_gezien (a window function over all stale entries
        # sorted every one of them: 0.3 s at 100,000), then only those entries read whole.
        counted = (sa.select(c.wijk_id, c.sectie, c.zichtbaarheid, sa.func.count()).where(*conditions)
                   .group_by(c.wijk_id, c.sectie, c.zichtbaarheid))
        oldest = sa.select(c.item_id, c.wijk_id, last_seen).where(*conditions, self._in_scope(scope))
        chosen: list[tuple] = []
        with self._read() as db:
            totals = _totals_in_scope(db.execute(counted).all(), scope)
            if only is not None:  # a few: all at once in the order shown, cut per wijk here
                per_wijk: dict[str, int] = {}
                for row in db.execute(oldest.order_by(c.wijk_id, last_seen, c.titel, c.item_id)).all():
                    per_wijk[row[1]] = per_wijk.get(row[1], 0) + 1
                    if per_wijk[row[1]] <= limit:
                        chosen.append(row)
            for wijk in sorted(totals) if only is None else ():
                chosen += db.execute(oldest.where(c.wijk_id == wijk).order_by(last_seen, c.titel, c.item_id)
                                     .limit(limit)).all()
            ids = [row[0] for row in chosen]
            rows = [row for chunk in _chunks(ids) for row in db.execute(sa.select(self.items_t).where(
                c.item_id.in_(chunk)))]
        names = [column.name for column in self.items_t.columns]
        by_id = {row[0]: row for row in rows}
        rows = [by_id[item_id] for item_id in ids if item_id in by_id]  # in the order chosen: wijk, then rank
        seen = {row[0]: row[2] for row in chosen}
        frame = self._frame(names, rows)
        return frame.assign(
            laatst_gezien=pd.to_datetime(pd.Series([seen[row[0]] for row in rows], dtype="object")),  # RangeIndex as _frame
            wijk_totaal=frame["wijk_id"].map(totals).astype("int64"))

    def next_stale(self, cutoff: dt.datetime, open_statuses, wijk_id: str | None = None) -> dt.datetime | None:
        """The earliest last sign of life at or after `cutoff` of an open entry (of the wijk), None when there is
        none: `stale(cutoff)` gives the same rows for every later cut-off up to this moment while nothing is
        saved, so Bij te werken's list, cached per revision, knows when time has made it old."""
        c = self.items_t.c
        last_seen = _last_seen(c)
        conditions = [c.status.in_(list(open_statuses)), last_seen >= cutoff]
        if wijk_id is not None:
            conditions.append(c.wijk_id == wijk_id)
        with self._read() as db:
            return db.execute(sa.select(sa.func.min(last_seen)).where(*conditions)).scalar()

    def _in_scope(self, scope: Scope | None, columns=None):
        """SQL for "the entry (`columns`: of `items`, or of an alias of it) is of one of these kinds (wijk, section,
        own visibility)": the kinds an actor may see, as domain.privacy decided them on `kinds()`."""
        if scope is None:
            return sa.true()
        # One key per kind, not an OR of conditions: an OR made SQLite read every entry by wijk first (1.9 s for
        # Recent at 100,000 entries) where the newest history rows, then their entries, are enough.
        return self._one_of(_kind_key(self.items_t.c if columns is None else columns), "soorten", _scope_keys(scope))

    def _one_of(self, value, name: str, strings: list[str] | None = None):
        """SQL for "`value` is one of these strings", as a parameter `name`. With `strings` the parameter carries
        them and is unique (a statement may hold two); without, they are given at execution as `name`, for a
        statement built once (see above), and the name must be unique in it.
        PostgreSQL gets them as one array: an IN of a hundred kinds made a statement of 30 KB that psycopg parsed
        again on every run (a third of a page of cards' read, issue 11), and the links of a page of cards by the
        ids of its 42 entries took 0.9 ms as an IN, 0.5 ms as an array. SQLite has no arrays: an IN of the
        strings (`in_` makes its parameter an expanding one)."""
        given = {} if strings is None else {"value": strings, "unique": True}
        if self.engine.dialect.name == "postgresql":
            return value == sa.any_(sa.bindparam(name, type_=postgresql.ARRAY(sa.String), **given))
        return value.in_(sa.bindparam(name, **given))

    def history(self, item_id: str) -> list[Version]:
        query = (sa.select(self.history_t).where(self.history_t.c.item_id == item_id)
                 .order_by(self.history_t.c.versie.desc()))
        with self._read() as db:
            return [self._version(r) for r in db.execute(query).mappings()]

    def recent(self, limit: int = 50, wijk_id: str | None = None, scope: Scope | None = None) -> list[Version]:
        """The latest versions, newest first; with `scope` only those of entries that exist and are in it."""
        # item_id last: saves in the same second come in one order, whichever rows a query skips
        query = sa.select(self.history_t).order_by(self.history_t.c.tijdstip.desc(), self.history_t.c.versie.desc(),
                                                   self.history_t.c.item_id).limit(limit)
        if wijk_id is not None:
            query = query.where(self.history_t.c.wijk_id == wijk_id)
        if scope is not None:
            query = query.join(self.items_t, self.items_t.c.item_id == self.history_t.c.item_id).where(
                self._in_scope(scope))
        with self._read() as db:
            return [self._version(r) for r in db.execute(query).mappings()]

    def history_frame(self) -> pd.DataFrame:
        """All history rows in the package's `geschiedenis` layout (for export)."""
        columns = ["item_id", "versie", "tijdstip", "door", "actie", "wijzigingen", "momentopname"]
        # by entry, then version: the primary key's order, which SQLite walks anyway
        order = (self.history_t.c.item_id, self.history_t.c.versie)  # pragma: no mutate
        query = sa.select(*[self.history_t.c[c] for c in columns]).order_by(*order)
        with self._read() as db:
            return pd.DataFrame([dict(r) for r in db.execute(query).mappings()], columns=columns)

    def _frame(self, names: list[str], rows: list[tuple], *, only: bool = False) -> pd.DataFrame:
        """Rows (tuples of the columns `names`) as a DataFrame with the dtypes of the package's `items` table:
        all its columns, or with `only` just `names`."""
        # Column by column from the tuples as the driver gives them (zip, in C): a dict per row and a lookup per
        # cell cost more than the query itself for a wijk of 6,700 entries (issue 11).
        columns = dict(zip(names, zip(*rows))) if rows else {}
        # copy=False: the columns are made here and belong to no one else (a copy of each was a fifth of a page of
        # cards' frame); arrays, not Series: pandas aligned every Series' index with the others'
        return pd.DataFrame({name: _column(columns.get(name, (None,) * len(rows)), kind)
                             for name, kind in self.types.items() if not only or name in names}, copy=False)

    def revision(self, wijk_id: str | None = None) -> tuple:
        """Changes whenever anything (of the wijk) is saved: a cheap key for caching what pages read, (history
        rows, their latest moment, erasures). Per wijk one row of `wijk_revisies`, so a save in one wijk leaves
        the others' caches valid; the city's adds up the wijken's (a row per wijk: a few, or 1,350 in a country)."""
        with self._read() as db:
            if wijk_id is None:
                count, latest, erasures = db.execute(self._city_revision_query).first()
            else:
                count, latest, erasures = db.execute(self._wijk_revision_query, {"wijk": wijk_id}).first()
        return int(count), latest, erasures or 0

    # Built once, as the cards' statements are: every run of every page reads a revision.

    @functools.cached_property
    def _wijk_revision_query(self) -> sa.Select:
        r = self.revisions_t.c
        return (sa.select(sa.func.coalesce(sa.func.max(r.aantal), 0), sa.func.max(r.tijdstip), self._erased_count())
                .where(r.wijk_id == sa.bindparam("wijk")))  # max() of one row: a row also for a wijk without one

    @functools.cached_property
    def _city_revision_query(self) -> sa.Select:
        r = self.revisions_t.c
        return sa.select(sa.func.coalesce(sa.func.sum(r.aantal), 0), sa.func.max(r.tijdstip), self._erased_count())

    def _erased_count(self):
        # the erasures' count in the same statement: one round trip fewer on every page run (issue 11)
        return sa.select(self.erasures_t.c.aantal).scalar_subquery()

    def note_erasure(self, db) -> None:
        """Within an erasure's transaction: count it, so every server's revisions change (it rewrites and removes
        rows without a history row)."""
        table = self.erasures_t
        insert = upsert(db, table)
        db.execute(insert.values(id=1, aantal=1).on_conflict_do_update(index_elements=[table.c.id],
                                                                        set_={"aantal": table.c.aantal + 1}))
        outline_snapshots.forget(db, self.outlines_t)  # after the count: see outline_snapshots.write

    @staticmethod
    def _version(row) -> Version:
        return Version(row["item_id"], row["versie"], row["tijdstip"], row["door"], row["actie"],
                       json.loads(row["wijzigingen"]), json.loads(row["momentopname"]))

    # --- writing -------------------------------------------------------------------------------

    def create(self, item_id: str, wijk_id: str, values: dict, links: list[str], author: str,
               request_id: str | None = None) -> Saved:
        """A new entry (version 1). `item_id` must be new; the caller makes it unique."""
        moment = now()
        row = {name: None for name in self.types}
        row.update({k: v for k, v in values.items() if k in self.types})
        row.update(item_id=item_id, wijk_id=wijk_id, auteur=author, aangemaakt_op=moment, bijgewerkt_op=moment,
                   bijgewerkt_door=author, versie=1, voorbeeld=False, bron=row.get("bron") or None)
        try:
            with self.engine.begin() as db:
                if self._already_saved(db, request_id):
                    return self._repeat(db, request_id)
                db.execute(self.items_t.insert().values(**row))
                if links:
                    relation = self._relation(values.get("sectie"))
                    db.execute(self.links_t.insert(), [{"van_item": item_id, "naar_item": target,
                                                        "relatie": relation} for target in links])
                snapshot = self._snapshot(row, links)
                self._append(db, row, 1, moment, author, "aangemaakt",
                             {k: [None, v] for k, v in snapshot.items() if v not in (None, [])}, snapshot, request_id)
        except IntegrityError:
            if self.saved_request(request_id) is None and self.item(item_id) is None:
                raise  # not a race (same request, same new id) but bad data, which validation should have stopped
            return self._repeat_after_race(request_id, item_id)
        return Saved(item_id, 1)

    def update(self, item_id: str, base_version: int, values: dict, links: list[str] | None, author: str,
               request_id: str | None = None, action: str = "bewerkt") -> Saved | Conflict | Missing:
        """Change an entry, if nobody changed it since `base_version`; `links=None` keeps the links."""
        moment = now()
        try:
            with self.engine.begin() as db:
                if self._already_saved(db, request_id):
                    return self._repeat(db, request_id)
                current = db.execute(sa.select(self.items_t).where(self.items_t.c.item_id == item_id)
                                     ).mappings().first()
                if current is None:
                    return Missing(item_id)
                current = dict(current)
                old_links = self._links_of(db, item_id)
                if current["versie"] != base_version:
                    return self._conflict(db, {**current, "koppelingen": old_links}, base_version)
                new = {**current, **{k: v for k, v in values.items() if k in self.types}}
                new_links = old_links if links is None else sorted(dict.fromkeys(links))
                before, after = self._snapshot(current, old_links), self._snapshot(new, new_links)
                changes = {k: [before[k], after[k]] for k in after if before.get(k) != after[k]}
                version = base_version + 1
                new.update(versie=version, bijgewerkt_op=moment, bijgewerkt_door=author)
                # The version in the WHERE clause makes the check and the write one atomic step,
                # also when two processes (or two PostgreSQL connections) race.
                written = db.execute(self.items_t.update()
                                     .where(self.items_t.c.item_id == item_id, self.items_t.c.versie == base_version)
                                     .values({k: v for k, v in new.items() if k != "item_id"})  # pragma: no mutate
                                     ).rowcount  # (the id written as it was is the same row)
                if written != 1:
                    raise _Raced()
                if links is not None and new_links != old_links:
                    db.execute(self.links_t.delete().where(self.links_t.c.van_item == item_id))
                    if new_links:
                        relation = self._relation(new["sectie"])
                        db.execute(self.links_t.insert(), [{"van_item": item_id, "naar_item": target,
                                                            "relatie": relation} for target in new_links])
                self._append(db, new, version, moment, author, action, changes, after, request_id)
        except _Raced:
            return self._repeat_after_race(request_id, item_id, base_version)
        except IntegrityError:
            if self.saved_request(request_id) is None:
                raise  # not the same request saved in parallel but bad data (e.g. a required field empty)
            return self._repeat_after_race(request_id, item_id, base_version)
        return Saved(item_id, version)

    def saved_request(self, request_id: str | None) -> Saved | None:
        """What a request id saved already (a repeated form submission), or None."""
        if not request_id:
            return None
        with self._read() as db:
            return self._repeat(db, request_id) if self._already_saved(db, request_id) else None

    def snapshot_of(self, item_id: str, version: int) -> dict | None:
        with self._read() as db:
            text = db.execute(sa.select(self.history_t.c.momentopname).where(
                self.history_t.c.item_id == item_id, self.history_t.c.versie == version)).scalar()
        return None if text is None else json.loads(text)

    def typed_snapshot(self, snapshot: dict) -> dict:
        """A snapshot's JSON values back as Python values (dates, datetimes) for `update`."""
        return {k: _from_json(self.types.get(k), v) for k, v in snapshot.items()}  # links (no field) as they are

    # --- internals -----------------------------------------------------------------------------

    def _snapshot(self, row: dict, links: list[str]) -> dict:
        return {name: sorted(links) if name == "koppelingen" else _jsonable(row.get(name)) for name in VERSIONED}

    def _links_of(self, db, item_id: str) -> list[str]:
        return sorted(db.execute(sa.select(self.links_t.c.naar_item)
                                 .where(self.links_t.c.van_item == item_id)).scalars().all())

    def _append(self, db, row, version, moment, author, action, changes, snapshot, request_id) -> None:
        db.execute(self.history_t.insert().values(
            item_id=row["item_id"], versie=version, wijk_id=row["wijk_id"], tijdstip=moment, door=author,
            actie=action, wijzigingen=json.dumps(changes, ensure_ascii=False),
            momentopname=json.dumps(snapshot, ensure_ascii=False),
            request_id=request_id or None))  # "" is no request id, as _already_saved reads it: unique only when given
        self.count_saved(db, {row["wijk_id"]: (1, moment)})

    def _already_saved(self, db, request_id: str | None) -> bool:
        if not request_id:
            return False
        return db.execute(sa.select(self.history_t.c.item_id)
                          .where(self.history_t.c.request_id == request_id)).first() is not None

    def _repeat(self, db, request_id: str) -> Saved:
        row = db.execute(sa.select(self.history_t.c.item_id, self.history_t.c.versie)
                         .where(self.history_t.c.request_id == request_id)).first()
        return Saved(row.item_id, row.versie, repeated=True)

    def _repeat_after_race(self, request_id: str | None, item_id: str,
                           base_version: int | None = None) -> Saved | Conflict | Missing:
        """Another connection won a race: the same request saved in parallel, or someone else's save."""
        with self.engine.connect() as db:
            if self._already_saved(db, request_id):
                return self._repeat(db, request_id)
            latest = db.execute(sa.select(self.items_t).where(self.items_t.c.item_id == item_id)).mappings().first()
            if latest is None:
                return Missing(item_id)
            return self._conflict(db, {**dict(latest), "koppelingen": self._links_of(db, item_id)}, base_version)

    def _conflict(self, db, current: dict, base_version: int | None) -> Conflict:
        """The refusal of a write from `base_version`: their version now and the one the caller had seen."""
        seen = None
        if base_version is not None:
            text = db.execute(sa.select(self.history_t.c.momentopname).where(
                self.history_t.c.item_id == current["item_id"], self.history_t.c.versie == base_version)).scalar()
            seen = None if text is None else {**self.typed_snapshot(json.loads(text)), "versie": base_version}
        return Conflict(current["item_id"], current, current["bijgewerkt_door"], current["bijgewerkt_op"], seen)

    def _relation(self, section: str | None) -> str:
        """The relation a link from an entry of `section` has, as the package declares it."""
        relation = self.relations.from_section(section)
        if relation is None:  # validation lets no link through from such a section
            raise ValueError(f"de sectie {section!r} koppelt niet: geen relatie in wijkperspectief.relaties")
        return relation.name


class _Raced(Exception):
    """The item changed between our read and our write (another connection won)."""


def _last_seen(c):
    """An entry's last sign of life as SQL, as domain.freshness.last_seen has it: the confirmation when later
    than the edit, else the edit. The same expression in the index and the query, so the database uses it."""
    return sa.case((sa.and_(c.bevestigd_op.is_not(None), c.bevestigd_op > c.bijgewerkt_op), c.bevestigd_op),
                   else_=c.bijgewerkt_op)


def _kind_key(c):
    """An entry's kind (wijk, section, own visibility) as one SQL value: `wijk|sectie|zichtbaarheid`."""
    return (c.wijk_id + KIND_SEPARATOR + sa.func.coalesce(c.sectie, NO_VALUE) + KIND_SEPARATOR
            + sa.func.coalesce(c.zichtbaarheid, NO_VALUE))


def _totals_in_scope(counts, scope: Scope | None) -> dict[str, int]:
    """Per wijk the sum of the counts (wijk, section, own visibility, count) of the kinds in `scope` (all when
    None); a wijk without any is left out."""
    kinds = None if scope is None else set(map(tuple, scope))
    totals: dict[str, int] = {}
    for wijk, section, visibility, count in counts:
        if kinds is None or (wijk, section, visibility) in kinds:
            totals[wijk] = totals.get(wijk, 0) + count
    return totals


def _scope_keys(scope: Scope) -> list[str]:
    """The kinds in `scope` as `_kind_key` writes them."""
    return list(_sorted_keys(frozenset(scope)))


@functools.lru_cache(maxsize=64)
def _sorted_keys(scope: frozenset[tuple]) -> tuple[str, ...]:
    # a viewer's scope is the same on every read (app.entry_reads.scope): written out once, not per statement
    return tuple(sorted(KIND_SEPARATOR.join(_kind_of(kind)) for kind in scope))


@functools.lru_cache(maxsize=64)
def _kind_set(scope: frozenset[tuple]) -> frozenset[tuple]:
    """The kinds in `scope` as `_kind_of` writes them."""
    return frozenset(_kind_of(kind) for kind in scope)


def _kind_of(kind) -> tuple:
    """A kind (wijk, section, own visibility) with NO_VALUE for what has none: as `_kind_key` compares them."""
    return tuple(NO_VALUE if part is None else part for part in kind)


def of_kinds(frame: pd.DataFrame | pa.Table, scope: Scope | None) -> np.ndarray:
    """Which rows of `frame` (entries, with wijk_id, sectie and zichtbaarheid; a frame or an Arrow table) are of the
    kinds in `scope`, as `EntryStore._in_scope` decides it in SQL (all when None): for an outline read once for
    every view."""
    if scope is None:
        return np.ones(len(frame), dtype=bool)
    # the key `_kind_key` writes, in Arrow's compute (a set of Python tuples took 1.9 ms for 6,700 entries, this 0.5)
    parts = [pc.fill_null(_large_text(frame[name]), NO_VALUE) for name in KIND_COLUMNS]
    keys = pc.binary_join_element_wise(*parts, pa.scalar(KIND_SEPARATOR, pa.large_string()))
    return pc.is_in(keys, value_set=pa.array(_scope_keys(scope), pa.large_string())).to_numpy(zero_copy_only=False)


def _large_text(column: pd.Series | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A column of text (a frame's or an Arrow table's) as Arrow's large strings."""
    if isinstance(column, pa.ChunkedArray):
        return column.cast(pa.large_string())
    return pa.array(column, pa.large_string())


def _chunks(ids: Collection[str], size: int = 500) -> Iterator[list[str]]:
    """The ids, sorted, a few hundred at a time: below the databases' limits on bound parameters."""
    ordered = sorted(set(ids))
    return (ordered[start:start + size] for start in range(0, len(ordered), size))


def _links_frame(rows) -> pd.DataFrame:
    """Link rows (van_item, naar_item, relatie) as a frame, built per column: pandas inspects every row object
    it is handed (a third of a wijk's link read at 100,000 entries)."""
    columns = list(zip(*rows)) if rows else [(), (), ()]
    return pd.DataFrame({name: pd.Series(values, dtype=object)
                         for name, values in zip(("van_item", "naar_item", "relatie"), columns)})


def _links_by_item(links: list[dict]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for link in links:
        grouped.setdefault(link["van_item"], []).append(link["naar_item"])
    return grouped


def _column(values: tuple, kind: str):
    """One column's values (as the driver gives them) as the array of its dtype. Each is built from the values at
    once, as `Series.astype` builds it from an object Series (the dtype's `_from_sequence`), without the Series
    in between: that Series and its index were most of a frame's cost (issue 11: a page of cards' frame 6.0 →
    2.4 ms at any number of entries)."""
    if kind == "integer":
        return pd.array(values, dtype="Int64")
    if kind == "number":
        return pd.array(values, dtype="Float64")
    if kind == "boolean":
        return pd.array(values, dtype="boolean")
    if kind == "datetime":
        # datetimes, or SQLite's text of them (`outline`); the format only spares pandas guessing it
        # in microseconds whatever the values (pandas takes seconds for none), as the kept outline's rows must be
        return pd.to_datetime(_objects(values), format="ISO8601").as_unit("us").array  # pragma: no mutate - the format
    if kind == "date":
        return _objects(values)  # dates, None where there is none
    return _text(values)


def _text(values: tuple):
    """Text values as pandas' strings. Those are Arrow's: made in Arrow and handed over they take half the time of
    pandas checking each value (issue 11: 22 of a page of cards' 30 columns are text). A value that is not text
    (SQLite keeps what it is given) becomes its text as pandas makes it, and so does everything where pandas'
    strings are not Arrow's."""
    if pd.StringDtype().storage == "pyarrow":
        try:
            return pd.arrays.ArrowStringArray(pa.array(values, pa.large_string()))
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            pass
    return pd.array(values, dtype="string")


def _objects(values: tuple) -> np.ndarray:
    """The values as a one-dimensional object array (`np.array` would make a tuple of tuples two-dimensional)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def make_engine(url: str) -> sa.Engine:
    """An engine for the store's database, SQLite or PostgreSQL, set up as the store's writes assume."""
    return sa.create_engine(url, **_engine_options(url))


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30, "check_same_thread": False}}
    # READ COMMITTED whatever the server's default: each statement sees what others committed before it, so
    # the row lock a write waits for (an entry's version, a wijk's lock row in nla_data.decisions) is followed
    # by reads of the winner's rows; REPEATABLE READ would make the waiting write fail instead of taking its turn.
    # pool_pre_ping: a connection the server dropped (a restart, a fail-over) is replaced at checkout instead of
    # failing a read; now that a page's reads share a connection (`EntryStore.reading`) it is one ping for them all.
    # prepare_threshold None: psycopg prepares a statement run five times on a connection, after which PostgreSQL
    # may plan it once for any wijk and kinds. The ROLLBACK after each read cleared them; reads without a
    # transaction (`EntryStore._connection`) would not, so preparing is off: each statement is planned for its
    # own parameters, as before (preparing gained nothing measurable on the wijk page: bench/README.md, ninth round).
    return {"pool_pre_ping": True, "isolation_level": "READ COMMITTED", "connect_args": {"prepare_threshold": None}}


@sa.event.listens_for(sa.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    """WAL: readers never block the writer; FULL sync: a finished save survives a crash."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def saved_per_wijk(history: list[dict]) -> dict[str, tuple[int, dt.datetime]]:
    """History rows counted per wijk, with their latest moment (for `EntryStore.count_saved`)."""
    counted: dict[str, tuple[int, dt.datetime]] = {}
    for row in history:
        rows, latest = counted.get(row["wijk_id"], (0, row["tijdstip"]))
        counted[row["wijk_id"]] = (rows + 1, max(latest, row["tijdstip"]))
    return counted


