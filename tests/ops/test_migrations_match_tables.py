"""Each service's migrations build exactly the tables its code describes (db.py), so a release's
migrate Job leaves the database as the new code expects: checked with Alembic's own comparison
on PostgreSQL, after upgrading a fresh database to the head revision."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from recruitment_shared.migrations import upgrade

pytestmark = pytest.mark.integration

# The vacancy search's and the talent pool's tsvectors: generated columns and GIN indexes that exist
# on PostgreSQL only (vacancy migration 0002, application migration 0005), so the tables in db.py,
# shared with SQLite, leave them out on purpose.
POSTGRESQL_ONLY = {
    ("vacancies", "search_vector"),
    ("vacancies", "ix_vacancies_search_vector"),
    ("applications", "search_vector"),
    ("applications", "ix_applications_search_vector"),
}


def _names(difference: tuple) -> tuple[str, str]:
    kind, *rest = difference
    if kind in ("add_column", "remove_column"):
        return rest[1], rest[2].name
    if kind in ("add_index", "remove_index"):
        return rest[0].table.name, rest[0].name
    return kind, repr(rest)


@pytest.mark.parametrize("package", ["vacancies", "applications", "notifications"])
def test_the_migrations_build_the_tables_the_code_describes(package, new_database):
    database_url = new_database()
    upgrade(Path(importlib.import_module(package).__file__).parent / "migrations", database_url)
    tables = importlib.import_module(f"{package}.db").metadata
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), tables)
    finally:
        engine.dispose()

    assert {_names(d) for d in differences} - POSTGRESQL_ONLY == set(), differences
