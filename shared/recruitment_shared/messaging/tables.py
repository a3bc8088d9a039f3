"""The outbox and inbox tables every service with events adds to its own metadata."""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary, MetaData, String, Table

from recruitment_shared.db import BIG_ID, UtcDateTime


def outbox_table(metadata: MetaData) -> Table:
    """Events written in the business transaction, waiting for the relay to publish them."""
    return Table(
        "outbox",
        metadata,
        Column("id", BIG_ID, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(100), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("message_key", String(200), nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("published_at", UtcDateTime, nullable=True, index=True),
    )


def inbox_table(metadata: MetaData) -> Table:
    """Events a consumer has handled: the primary key is the duplicate detector."""
    return Table(
        "processed_messages",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(100), nullable=False),
        Column("processed_at", UtcDateTime, nullable=False),
    )
