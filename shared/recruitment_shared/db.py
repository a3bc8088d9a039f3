"""Database engines: SQLite for local runs, PostgreSQL in production and tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Connection, DateTime, Engine, Integer, Table, TypeDecorator, create_engine, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url

# A growing surrogate key: 64-bit where the database has it; SQLite autoincrements only INTEGER.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so web, relay and consumer can share it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    # pysqlite opens transactions lazily and upgrades read locks to write locks late,
    # which fails with "database is locked" under concurrency; begin eagerly instead.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # let the "begin" listener control transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def is_postgresql(engine_or_connection) -> bool:
    """True when the engine or connection talks to PostgreSQL."""
    return engine_or_connection.dialect.name == "postgresql"


def insert_unless_present(conn: Connection, table: Table, values: Mapping[str, Any], key: Sequence[str]) -> bool:
    """INSERT keyed on the unique columns `key`; False when a row with that key exists already.

    Never a check-then-insert: a concurrent twin waits for the first transaction, then
    finds the key taken.
    """
    insert = pg_insert if is_postgresql(conn) else sqlite_insert
    statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=list(key))
    # rowcount is unreliable here (psycopg reports -1); RETURNING yields a row only if inserted.
    return conn.execute(statement.returning(table.c[key[0]])).first() is not None


class UtcDateTime(TypeDecorator):
    """A timezone-aware timestamp on every database; SQLite would hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value
