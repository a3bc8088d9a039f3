"""Storing the erasure log and the tombstones of erased applications."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from notifications.db import erased_applications, erasures
from recruitment_shared.db import insert_unless_present

T = erased_applications.c
L = erasures.c


def bury(conn: Connection, application_id: uuid.UUID, now: datetime, forget_after: datetime) -> bool:
    """Record that the application was erased, until `forget_after`; False if it was already."""
    values = {"application_id": application_id, "erased_at": now, "forget_after": forget_after}
    return insert_unless_present(conn, erased_applications, values, key=("application_id",))


def is_buried(conn: Connection, application_id: uuid.UUID) -> bool:
    """Whether the application was erased (and its tombstone not yet dropped)."""
    return conn.execute(select(T.application_id).where(T.application_id == application_id)).first() is not None


def drop_tombstones(conn: Connection, now: datetime) -> int:
    """Drop the tombstones whose time is up (no event about their application can remain on Kafka)."""
    return conn.execute(delete(erased_applications).where(T.forget_after <= now)).rowcount


def log_erasure(
    conn: Connection,
    erasure_id: uuid.UUID,
    requested_by: str,
    now: datetime,
    counts: Mapping[str, int],
    broker_copies_expire_at: datetime | None,
) -> None:
    """Add `counts` (per kind: the log's count columns) to the erasure's log entry, creating it
    with `now` as its time if it is the first part of that erasure here (one request may erase
    several applications, each its own event)."""
    first = {"erasure_id": erasure_id, "requested_by": requested_by, "erased_at": now}
    first |= dict(counts) | {"broker_copies_expire_at": broker_copies_expire_at}
    if insert_unless_present(conn, erasures, first, key=("erasure_id",)):
        return
    entry = L.erasure_id == erasure_id
    # Locked: the other parts of the erasure may be handled at this moment by other consumers.
    expiry = conn.execute(select(L.broker_copies_expire_at).where(entry).with_for_update()).scalar_one()
    added: dict[str, Any] = {kind: L[kind] + count for kind, count in counts.items()}
    if broker_copies_expire_at is not None and (expiry is None or broker_copies_expire_at > expiry):
        added["broker_copies_expire_at"] = broker_copies_expire_at
    conn.execute(update(erasures).where(entry).values(**added))
