"""Alembic environment of the application service."""

from applications.db import metadata
from recruitment_shared.migrations import run_migrations

run_migrations(metadata)
