"""The idempotent-consumer inbox: one row per (consumer, event) handled."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from recruitment_shared.events.envelope import Event


def claim_event(conn: Connection, inbox: Table, consumer: str, event: Event) -> bool:
    """Insert the inbox row in the caller's transaction; False when the event was already handled.

    An INSERT keyed on (consumer, event id), never a check-then-insert: a concurrent
    duplicate waits for the first transaction and then finds the key taken.
    """
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(inbox)
        .values(consumer=consumer, event_id=event.id, event_type=event.type, processed_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
    )
    return conn.execute(statement).rowcount == 1
