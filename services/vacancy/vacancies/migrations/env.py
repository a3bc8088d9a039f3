"""Alembic environment of the vacancy service."""

from recruitment_shared.migrations import run_migrations
from vacancies.db import metadata

run_migrations(metadata)
