"""Alembic plumbing shared by the services' migration folders."""

from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData

from recruitment_shared.db import make_engine


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    """An Alembic configuration for one service's migrations and database."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str) -> None:
    """Bring the database to the newest schema (idempotent)."""
    command.upgrade(alembic_config(migrations_dir, database_url), "head")


def run_migrations(target_metadata: MetaData) -> None:
    """Body of a service's migrations/env.py: online migrations on the configured database."""
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
