"""Alembic environment of the notification service."""

from notifications.db import metadata
from recruitment_shared.migrations import run_migrations

run_migrations(metadata)
