"""The idempotent-consumer inbox: one row per (consumer, event) handled."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Table

from recruitment_shared.db import insert_unless_present
from recruitment_shared.events.envelope import Event


def claim_event(conn: Connection, inbox: Table, consumer: str, event: Event) -> bool:
    """Insert the inbox row in the caller's transaction; False when the event was already handled."""
    values = {"consumer": consumer, "event_id": event.id, "event_type": event.type, "processed_at": datetime.now(UTC)}
    return insert_unless_present(conn, inbox, values, key=("consumer", "event_id"))
