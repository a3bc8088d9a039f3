"""Throw-away PostgreSQL databases for a test module or a benchmark run (tests use `new_database`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import make_url


@contextmanager
def fresh_database(admin_url: str, prefix: str = "test") -> Iterator[str]:
    """A new, empty database on the server of `admin_url` (its name starts with `prefix`), dropped afterwards."""
    admin = make_url(admin_url)
    dsn = admin.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
