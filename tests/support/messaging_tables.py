"""A minimal service schema for exercising the messaging machinery on a real database."""

from __future__ import annotations

import os

from sqlalchemy import Column, Integer, MetaData, String, Table

from recruitment_shared.messaging import inbox_table, outbox_table

metadata = MetaData()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
# What handlers write, so tests can count the effects of each event.
effects = Table(
    "effects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
    Column("note", String(200), nullable=False),
)


def main() -> None:
    """A relay process over this schema, configured by the environment (for crash tests)."""
    from recruitment_shared.config import ServiceSettings
    from recruitment_shared.db import make_engine
    from recruitment_shared.messaging.process import run_relay_process

    settings = ServiceSettings.from_env(os.environ.get("SERVICE", "test"))
    run_relay_process(settings, make_engine(settings.database_url), outbox)


if __name__ == "__main__":
    main()
