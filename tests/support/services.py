"""A service's Flask app on a fresh, migrated PostgreSQL database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from flask import Flask

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
