"""Storing job-alert subscriptions and their pending digest matches."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, select, update

from notifications.alerts import AlertCriteria, Frequency, Subscription, SubscriptionStatus
from notifications.db import alert_matches, subscriptions
from recruitment_shared.db import insert_unless_present

S = subscriptions.c
M = alert_matches.c


def add_subscription(conn: Connection, subscription: Subscription, now: datetime) -> None:
    """Store a new (pending) subscription."""
    # Everything but the criteria as it is; JSON stores the criteria's tuples as lists.
    values = asdict(subscription) | {"created_at": now}
    conn.execute(subscriptions.insert().values(**values))


def get_subscription(conn: Connection, subscription_id: uuid.UUID) -> Subscription | None:
    """The subscription with this id."""
    row = conn.execute(select(subscriptions).where(S.id == subscription_id)).mappings().first()
    return _from_row(row) if row else None


def set_status(conn: Connection, subscription_id: uuid.UUID, status: SubscriptionStatus, now: datetime) -> None:
    """Confirm or unsubscribe."""
    moment = {SubscriptionStatus.CONFIRMED: "confirmed_at", SubscriptionStatus.UNSUBSCRIBED: "unsubscribed_at"}[status]
    conn.execute(update(subscriptions).where(S.id == subscription_id).values(status=status, **{moment: now}))


def confirmed_subscriptions(conn: Connection, frequency: Frequency | None = None) -> list[Subscription]:
    """Everyone who confirmed and has not unsubscribed."""
    query = select(subscriptions).where(S.status == SubscriptionStatus.CONFIRMED)
    if frequency is not None:
        query = query.where(S.frequency == frequency)
    return [_from_row(row) for row in conn.execute(query.order_by(S.created_at)).mappings()]


def remember_match(
    conn: Connection, subscription_id: uuid.UUID, vacancy_id: uuid.UUID | str, summary: Mapping, now: datetime
) -> None:
    """Keep a vacancy for the subscriber's next digest; a vacancy matched before is kept once."""
    values = {"subscription_id": subscription_id, "vacancy_id": vacancy_id, "vacancy": summary, "matched_at": now}
    insert_unless_present(conn, alert_matches, values, key=("subscription_id", "vacancy_id"))


def undigested_matches(conn: Connection, subscription_id: uuid.UUID) -> list[Row]:
    """The matches (id, vacancy summary) waiting for a digest, oldest first, locked until the
    caller's transaction ends so that two digest runs cannot both send them."""
    query = select(M.id, M.vacancy).where(M.subscription_id == subscription_id, M.digested_at.is_(None))
    return list(conn.execute(query.order_by(M.matched_at, M.id).with_for_update()).all())


def mark_digested(conn: Connection, match_ids: list[int], now: datetime) -> None:
    """The matches went out in a digest."""
    conn.execute(update(alert_matches).where(M.id.in_(match_ids)).values(digested_at=now))


def _from_row(row: Mapping[str, Any]) -> Subscription:
    return Subscription(
        id=row["id"],
        email=row["email"],
        language=row["language"],
        criteria=AlertCriteria.from_values(row["criteria"]),
        frequency=Frequency(row["frequency"]),
        status=SubscriptionStatus(row["status"]),
    )
