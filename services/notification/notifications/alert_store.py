"""Storing job-alert subscriptions and their pending digest matches; deleting them (unsubscribed,
never confirmed, or erased with their address)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, delete, select, update

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


def delete_subscription(conn: Connection, subscription_id: uuid.UUID) -> None:
    """Delete the subscription and its matches: nothing of it is kept once it ends."""
    _delete_where(conn, S.id == subscription_id)


def delete_subscriptions_of(conn: Connection, email_key: str) -> tuple[int, int]:
    """Delete every subscription of the address whose candidate key is `email_key`, with their
    matches; returns how many (subscriptions, matches)."""
    return _delete_where(conn, S.email_key == email_key)


def delete_unconfirmed(conn: Connection, created_before: datetime) -> tuple[int, int]:
    """Delete the subscriptions never confirmed and created before `created_before` (their link has
    expired, so they never will be), and the unsubscribed ones kept from before unsubscribing
    deleted them; returns how many (subscriptions, matches)."""
    expired = (S.status == SubscriptionStatus.PENDING) & (S.created_at < created_before)
    return _delete_where(conn, expired | (S.status == SubscriptionStatus.UNSUBSCRIBED))


def subscriptions_of(conn: Connection, email_key: str) -> list[Row]:
    """Every subscription of the address whose candidate key is `email_key`, oldest first, as stored."""
    query = select(subscriptions).where(S.email_key == email_key).order_by(S.created_at, S.id)
    return list(conn.execute(query).all())


def _delete_where(conn: Connection, condition: ColumnElement[bool]) -> tuple[int, int]:
    # Locked first: a match being added meanwhile (a vacancy handled at this moment) either
    # committed before, and is deleted here, or waits and then finds its subscription gone.
    chosen = list(conn.execute(select(S.id).where(condition).with_for_update()).scalars())
    if not chosen:
        return 0, 0
    matches = conn.execute(delete(alert_matches).where(M.subscription_id.in_(chosen))).rowcount
    return conn.execute(delete(subscriptions).where(S.id.in_(chosen))).rowcount, matches


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
        email_key=row["email_key"],
    )
