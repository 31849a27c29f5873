"""A wijk's outline kept in the database, for every view at once (issue 11: a busy wijk's page read cold < 20 ms).

The wijk page needs the wijk's outline (`EntryStore.outline`: every entry's id, section, title, status, … and the
links from them) for its counts, network picture and link choices. A server holds it between saves
(app.held_outline), but after a start, or when its cache let it go, it read the rows whole: 20–35 ms for a wijk of
7,000 entries, most of it fetching rows. Here the outline of all kinds is kept per wijk as two Arrow IPC streams
(a data format: reading one runs no code, unlike a pickle) with the revision it was read at and its window
(app.held_outline), so a cold read is one row and a decode of about 1 ms, then the saves since are patched in.

What is kept is derived, never the truth: a snapshot of an older revision is patched or read again, one whose
columns (names and types) are not the store's is ignored. An erasure removes every snapshot in its own transaction (the titles of
erased entries must not stay behind here), and a snapshot read before an erasure is not written after it.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from pyarrow import ipc

from nla_data.binary_results import BINARY
from nla_data.upsert import upsert

LINK_COLUMNS = ("van_item", "naar_item", "relatie")
_log = logging.getLogger(__name__)
COMPRESSION = {"postgresql": "lz4"}  # per database dialect, see `write`


@dataclass(frozen=True)
class Snapshot:
    """A wijk's outline of all kinds at `revision` (EntryStore.revision), with the window app.held_outline patches
    from: `since` (None without history) and how many of the wijk's history rows were at or after it.

    As Arrow tables: a cold read patches the saves since and narrows to a view there, and turns into frames
    (`to_frame`) only the rows the view keeps (issue 11: a busy wijk's cold page read)."""

    revision: tuple
    since: dt.datetime | None
    in_window: int
    entries: pa.Table  # EntryStore.outline(wijk), no scope
    links: pa.Table  # EntryStore.links_from_wijk(wijk)

    @classmethod
    def of_frames(cls, revision: tuple, since: dt.datetime | None, in_window: int, entries: pd.DataFrame,
                  links: pd.DataFrame) -> Snapshot:
        return cls(revision, since, in_window, to_arrow(entries), to_arrow(links[list(LINK_COLUMNS)]))


def table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table("wijk_overzichten", metadata,
                    sa.Column("wijk_id", sa.String(120), primary_key=True),
                    sa.Column("aantal", sa.Integer, nullable=False),  # the revision: history rows,
                    sa.Column("tijdstip", sa.DateTime, nullable=True),  # their latest moment,
                    sa.Column("wissingen", sa.Integer, nullable=False),  # erasures
                    sa.Column("sinds", sa.DateTime, nullable=True),
                    sa.Column("in_venster", sa.Integer, nullable=False),
                    sa.Column("kolommen", sa.Text, nullable=False),  # `layout`: to know a kept outline of another
                    sa.Column("items", sa.LargeBinary, nullable=False),
                    sa.Column("koppelingen", sa.LargeBinary, nullable=False))


def layout(columns: dict[str, str]) -> str:
    """The outline's columns and their types in the package's `items` schema (name -> type), as one text."""
    return ",".join(f"{name}:{kind}" for name, kind in columns.items())


def read(db: sa.Connection, kept: sa.Table, wijk_id: str, columns: dict[str, str]) -> Snapshot | None:
    """The wijk's kept outline, None when there is none or it has other `columns` (name -> type) than the store's
    outline has now (a newer package's schema)."""
    row = db.execute(_read_query(kept), {"wijk": wijk_id}).mappings().first()
    if row is None or row["kolommen"] != layout(columns):
        return None
    try:
        entries, links = _table(row["items"]), _table(row["koppelingen"])
    except (pa.ArrowException, KeyError, TypeError):  # not a stream this module wrote: read the rows instead
        return None
    if entries.column_names != list(columns) or links.column_names != list(LINK_COLUMNS):
        return None
    return Snapshot((row["aantal"], row["tijdstip"], row["wissingen"]), row["sinds"], row["in_venster"], entries, links)


@functools.lru_cache(maxsize=8)
def _read_query(kept: sa.Table) -> sa.Select:
    """Built once per table: SQLAlchemy finds a statement it compiled before by a key it computes once per statement
    object (store.EntryStore's cards' statements). In binary on PostgreSQL: the streams' bytes as they are, not as
    hex."""
    return sa.select(kept).where(kept.c.wijk_id == sa.bindparam("wijk")).execution_options(**BINARY)


def write(db: sa.Connection, kept: sa.Table, erasures: sa.Table, wijk_id: str, snapshot: Snapshot,
          columns: dict[str, str]) -> bool:
    """Within a transaction: keep `snapshot` (its entries of these `columns`, name -> type) as the wijk's outline,
    unless one of a later revision is kept, or an
    erasure came after it was read (then it may hold what was erased). Whether it was written."""
    count, latest, erased = snapshot.revision
    # compressed where the bytes travel over the network: PostgreSQL sent a wijk of 7,000 entries' 1.1 MB as hex
    # (16 ms to read; 0.4 MB in LZ4 8 ms); SQLite reads them from its file faster than LZ4 unpacks them (3.1 ms, 4.2)
    compression = COMPRESSION.get(db.dialect.name)
    values = {"wijk_id": wijk_id, "aantal": count, "tijdstip": latest, "wissingen": erased,
              "sinds": snapshot.since, "in_venster": snapshot.in_window,
              "kolommen": layout(columns), "items": _bytes(snapshot.entries, compression),
              "koppelingen": _bytes(snapshot.links, compression)}
    current = sa.select(erasures.c.aantal).where(erasures.c.id == 1)
    # PostgreSQL: an erasure counts itself on that row before it removes the snapshots (`forget`), so holding it
    # shared makes the erasure wait for this write (and then remove it), or this write see the erasure (and not
    # write). SQLite writes one transaction at a time, so the condition in the statement below is enough there.
    if db.execute(current.with_for_update(read=True)).scalar() != erased:
        return False
    names = list(values)
    chosen = sa.select(*[sa.literal(values[n], type_=kept.c[n].type) for n in names]).where(
        current.scalar_subquery() == erased)
    insert = upsert(db, kept).from_select(names, chosen)
    # every kept row is of the erasures counted now (`forget` and the condition above), so later = more history rows
    later = insert.excluded.aantal >= kept.c.aantal
    # a row comes back when one was written (psycopg gives no row count for an INSERT … SELECT)
    return db.execute(insert.on_conflict_do_update(
        index_elements=[kept.c.wijk_id], set_={n: insert.excluded[n] for n in names if n != "wijk_id"}, where=later,
    ).returning(kept.c.wijk_id)).first() is not None


def forget(db: sa.Connection, kept: sa.Table) -> None:
    """Within an erasure's transaction, after it counted itself (`EntryStore.note_erasure`): remove every kept
    outline."""
    db.execute(kept.delete())


def to_arrow(frame: pd.DataFrame, schema: pa.Schema | None = None) -> pa.Table:
    """The frame as an Arrow table (in `schema`: a kept table's, for rows to add to it)."""
    data = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    return data if schema is not None else _typed(data)


def _typed(data: pa.Table) -> pa.Table:
    """`data` with the types rows added to it have: text where a column has no type (Arrow gives an object column
    without values, a wijk without links, the type of nothing) and moments in microseconds (pandas gave a wijk
    without entries seconds, and a moment added would lose its fraction). The outline's object columns hold text."""
    fields = [_field(field) for field in data.schema]
    if fields == list(data.schema):
        return data
    return data.cast(pa.schema(fields, metadata=data.schema.metadata))


def _field(field: pa.Field) -> pa.Field:
    if pa.types.is_null(field.type):
        return field.with_type(pa.large_string())
    if pa.types.is_timestamp(field.type) and field.type.unit != "us":
        return field.with_type(pa.timestamp("us", field.type.tz))
    return field


def patched(kept: pa.Table, key: str, changed: list[str], fresh: pd.DataFrame) -> pa.Table | None:
    """`kept` without the rows of the changed entries (by `key`), with `fresh` (their rows now) after it: in Arrow,
    where leaving rows out and adding some copies no text (pandas took 2 ms for a busy wijk, issue 11). None when
    the rows do not fit the kept table's types: it is read whole then."""
    try:
        others = kept.filter(pc.invert(pc.is_in(kept[key], value_set=pa.array(changed, kept.schema.field(key).type))))
        return pa.concat_tables([others, to_arrow(fresh, kept.schema)]) if len(fresh) else others
    except pa.ArrowException as error:
        _log.warning("the kept outline could not take the saves since: %s", error)
        return None


def to_frame(kept: pa.Table) -> pd.DataFrame:
    """The frame as it was kept, its dtypes too: they travel in the table's pandas metadata. Text kept from an
    object column comes back as objects (None where there was none), straight from Arrow: through pandas' own
    strings that was half of a busy wijk's links' decode (1.4 → 0.7 ms)."""
    objects = _object_columns(kept.schema)
    if not objects:
        return kept.to_pandas()
    names = kept.column_names
    typed = kept.select([name for name in names if name not in objects]).to_pandas()
    return pd.DataFrame({name: pd.Series(kept.column(name).to_numpy(zero_copy_only=False), dtype=object, copy=False)
                         if name in objects else typed[name] for name in names}, index=pd.RangeIndex(kept.num_rows))


def _object_columns(schema: pa.Schema) -> set[str]:
    """The names of the columns kept from object columns (KeyError or TypeError without pandas' metadata)."""
    return {column["name"] for column in schema.pandas_metadata["columns"] if column["numpy_type"] == "object"}


def _bytes(data: pa.Table, compression: str | None = None) -> bytes:
    """The table as an Arrow IPC stream (its buffers compressed with `compression`: the stream says so itself)."""
    sink = pa.BufferOutputStream()
    with ipc.new_stream(sink, data.schema, options=ipc.IpcWriteOptions(compression=compression)) as writer:
        writer.write_table(data)
    return sink.getvalue().to_pybytes()


def _table(stream: bytes) -> pa.Table:
    """The table of a stream `_bytes` wrote; an error when it is none (no pandas metadata: not one of ours)."""
    data = ipc.open_stream(stream).read_all()
    _object_columns(data.schema)
    return _typed(data)  # kept before a column without values was given a type
