"""Database engines: SQLite for local runs, PostgreSQL in production and tests."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Connection, DateTime, Engine, Integer, Table, TypeDecorator, create_engine, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import ExceptionContext, make_url

# A growing surrogate key: 64-bit where the database has it; SQLite autoincrements only INTEGER.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")
# A value PostgreSQL quotes at the end of a primary message: `...for type uuid: "jan@example.com"`.
_QUOTED_VALUE = re.compile(r': ".*"$', re.DOTALL)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so web, relay and consumer can share it."""
    parsed = make_url(url)
    # hide_parameters: bound values (addresses, names) never reach an error's text, so never a log
    # line or a DLQ header either.
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
        event.listen(engine, "handle_error", _without_offending_values)
        return engine
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    # pysqlite opens transactions lazily and upgrades read locks to write locks late,
    # which fails with "database is locked" under concurrency; begin eagerly instead.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _without_offending_values(context: ExceptionContext) -> None:
    """PostgreSQL repeats the offending values in an error's DETAIL (`Key (email)=(...) already
    exists`) and in a few primary messages (`invalid input syntax for type uuid: "..."`): keep them
    out of the error's text. Code that needs the details still has `orig.diag`."""
    error, wrapped = context.original_exception, context.sqlalchemy_exception
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    if not primary or wrapped is None:
        return
    told, safe = str(error), _QUOTED_VALUE.sub(': "..."', primary)
    if told != safe and wrapped.args and isinstance(wrapped.args[0], str):
        error.args = (safe,)
        wrapped.args = (wrapped.args[0].replace(told, safe),)


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
