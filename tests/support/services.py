"""A service's Flask app on a fresh, migrated PostgreSQL database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from flask import Flask
from sqlalchemy import Engine, Table, select

from recruitment_shared.events import Event, from_message
from recruitment_shared.migrations import upgrade
from tests.support.auth import TEST_SECRET


@contextmanager
def migrated_app(
    package: ModuleType, create_app: Callable[..., Flask], database_url: str, **config: object
) -> Iterator[Flask]:
    """Run the service's migrations on `database_url`, then build its app on it (plus `config`)."""
    upgrade(Path(package.__file__).parent / "migrations", database_url)
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "JWT_SECRET": TEST_SECRET} | config)
    try:
        yield app
    finally:
        app.extensions["engine"].dispose()


def outbox_events(engine: Engine, outbox: Table) -> list[Event]:
    """What a service's outbox holds, oldest first, decoded as consumers will receive it."""
    with engine.connect() as conn:
        payloads = conn.execute(select(outbox.c.payload).order_by(outbox.c.id)).scalars().all()
    return [from_message(payload) for payload in payloads]
