"""Reads of large bytes ask PostgreSQL for their rows in binary (nla_data.binary_results), on both databases the
same values, with SQLAlchemy's own events and result processing."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from nla_data.binary_results import BINARY
from nla_data.store import make_engine

STREAM = bytes(range(256)) * 4


def test_a_binary_read_gives_the_same_values_and_postgresql_sends_them_in_binary(database_url):
    engine = make_engine(database_url)
    seen: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda _db, _cursor, statement, *_: seen.append(statement))
    table = sa.Table("t", sa.MetaData(), sa.Column("k", sa.Integer, primary_key=True), sa.Column("b", sa.LargeBinary),
                     sa.Column("m", sa.DateTime), sa.Column("s", sa.Text))
    moment = dt.datetime(2013, 9, 18, 10, 30)
    try:
        with engine.begin() as db:
            table.create(db)
            db.execute(table.insert(), {"k": 1, "b": STREAM, "m": moment, "s": "Selwerd"})
        with engine.connect() as db:
            query = sa.select(table).where(table.c.k == 1)
            as_text, binary = (db.execute(query), db.execute(query.execution_options(**BINARY)))
            formats = [result.cursor.pgresult.fformat(1) if engine.dialect.name == "postgresql" else None
                       for result in (as_text, binary)]
            rows = [dict(result.mappings().one()) for result in (as_text, binary)]
        assert rows[0] == rows[1] == {"k": 1, "b": STREAM, "m": moment, "s": "Selwerd"}
        assert formats == ([0, 1] if engine.dialect.name == "postgresql" else [None, None])  # 1: binary
        assert sum("FROM t" in statement for statement in seen) == 2  # SQLAlchemy's events see both
    finally:
        engine.dispose()
