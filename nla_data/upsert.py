"""An INSERT that can say what to do on a conflict (`on_conflict_do_update`), in the connection's dialect: the
store's databases are SQLite and PostgreSQL, and both have it under the same name."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite


def upsert(db: sa.Connection, table: sa.Table):
    return (postgresql.insert if db.dialect.name == "postgresql" else sqlite.insert)(table)
