"""Storing job-alert subscriptions and their pending digest matches."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Connection, select, update

from notifications import db
from notifications.alerts import AlertCriteria, Frequency, Subscription, SubscriptionStatus

S = db.subscriptions.c


def add_subscription(conn: Connection, subscription: Subscription, now: datetime) -> None:
    """Store a new (pending) subscription."""
    criteria = {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in asdict(subscription.criteria).items()
    }
    conn.execute(
        db.subscriptions.insert().values(
            id=subscription.id,
            email=subscription.email,
            language=subscription.language,
            criteria=criteria,
            frequency=subscription.frequency,
            status=subscription.status,
            created_at=now,
        )
    )


def get_subscription(conn: Connection, subscription_id: uuid.UUID) -> Subscription | None:
    """The subscription with this id."""
    row = conn.execute(select(db.subscriptions).where(S.id == subscription_id)).mappings().first()
    return _from_row(row) if row else None


def set_status(conn: Connection, subscription_id: uuid.UUID, status: SubscriptionStatus, now: datetime) -> None:
    """Confirm or unsubscribe."""
    moment = {SubscriptionStatus.CONFIRMED: "confirmed_at", SubscriptionStatus.UNSUBSCRIBED: "unsubscribed_at"}[status]
    conn.execute(update(db.subscriptions).where(S.id == subscription_id).values(status=status, **{moment: now}))


def confirmed_subscriptions(conn: Connection, frequency: Frequency | None = None) -> list[Subscription]:
    """Everyone who confirmed and has not unsubscribed."""
    query = select(db.subscriptions).where(S.status == SubscriptionStatus.CONFIRMED)
    if frequency is not None:
        query = query.where(S.frequency == frequency)
    return [_from_row(row) for row in conn.execute(query.order_by(S.created_at)).mappings()]


def _from_row(row) -> Subscription:
    criteria = row["criteria"]
    return Subscription(
        row["email"],
        row["language"],
        AlertCriteria(
            tuple(criteria.get("keywords", ())),
            tuple(criteria.get("cities", ())),
            tuple(criteria.get("role_types", ())),
            criteria.get("contract_type"),
            criteria.get("workplace"),
        ),
        Frequency(row["frequency"]),
        SubscriptionStatus(row["status"]),
        row["id"],
    )
