"""The transactional outbox: events are rows written in the business transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, Table, delete, select, text, tuple_, update

from recruitment_shared.db import is_postgresql
from recruitment_shared.events.envelope import Event, to_message

# Claim whole aggregates (topic + key), never single rows: two relays that split the events
# of one vacancy between them could publish them out of order. The advisory lock lives as
# long as the relay's transaction, so a crashed relay releases its claim automatically.
_CLAIM_KEYS_ON_POSTGRESQL = text(
    """
    WITH pending AS MATERIALIZED (
        SELECT topic, message_key, min(id) AS first_id
        FROM outbox WHERE published_at IS NULL
        GROUP BY topic, message_key ORDER BY first_id LIMIT :keys
    )
    SELECT topic, message_key FROM pending
    WHERE pg_try_advisory_xact_lock(hashtextextended(topic || '/' || message_key, 0))
    ORDER BY first_id
    """
)


def record_event(conn: Connection, outbox: Table, event: Event) -> None:
    """Store `event` for publication, in the caller's transaction (it commits or vanishes with it)."""
    message = to_message(event)
    conn.execute(
        outbox.insert().values(
            event_id=event.id,
            event_type=event.type,
            topic=event.topic,
            message_key=event.subject,
            payload=message.value,
            created_at=datetime.now(UTC),
        )
    )


def claim_pending(conn: Connection, outbox: Table, limit: int) -> Sequence[Row]:
    """Unpublished rows this relay may publish now, oldest first.

    PostgreSQL: only rows of aggregates no other relay holds. SQLite: BEGIN IMMEDIATE
    already serializes relays, so everything pending is ours.
    """
    pending = select(outbox).where(outbox.c.published_at.is_(None)).order_by(outbox.c.id).limit(limit)
    if is_postgresql(conn):
        keys = conn.execute(_CLAIM_KEYS_ON_POSTGRESQL, {"keys": limit}).all()
        if not keys:
            return []
        mine = [(key.topic, key.message_key) for key in keys]
        pending = pending.where(tuple_(outbox.c.topic, outbox.c.message_key).in_(mine))
    return conn.execute(pending).all()


def mark_published(conn: Connection, outbox: Table, ids: Sequence[int]) -> None:
    """Record that these rows reached Kafka."""
    conn.execute(update(outbox).where(outbox.c.id.in_(ids)).values(published_at=datetime.now(UTC)))


def prune_published(conn: Connection, outbox: Table, older_than: datetime, limit: int = 5000) -> int:
    """Delete up to `limit` rows published before `older_than`; returns how many. Pending rows are
    never touched. In slices, so that a big first prune does not hold one long transaction."""
    doomed = (
        select(outbox.c.id)
        .where(outbox.c.published_at.is_not(None), outbox.c.published_at < older_than)
        .order_by(outbox.c.id)
        .limit(limit)
    )
    return conn.execute(delete(outbox).where(outbox.c.id.in_(doomed.scalar_subquery()))).rowcount
