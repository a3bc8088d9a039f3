"""Use cases of job-alert subscriptions, each in the caller's transaction: subscribe (double
opt-in), confirm, unsubscribe."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection

from notifications import alert_store
from notifications.alerts import Subscription, SubscriptionStatus
from notifications.domain import Priority
from notifications.email_queue import queue_email
from notifications.links import Links


class SubscriptionGone(LookupError):
    """The subscription a (validly signed) link names no longer exists."""

    def __init__(self) -> None:
        super().__init__("this subscription no longer exists")


def subscribe(conn: Connection, links: Links, subscription: Subscription, now: datetime) -> Subscription:
    """Store the (pending) subscription and queue the email whose link confirms it."""
    alert_store.add_subscription(conn, subscription, now)
    context = {"confirm_url": links.confirm(subscription.id), "criteria": subscription.criteria.summary()}
    event_id = f"subscription:{subscription.id.hex[:23]}"  # one confirmation per subscription
    template, language = "subscription_confirmation", subscription.language
    queue_email(conn, event_id, template, subscription.email, language, context, Priority.ALERTS)
    return subscription


def change_status(
    conn: Connection, subscription_id: uuid.UUID, status: SubscriptionStatus, now: datetime
) -> Subscription:
    """Confirm or unsubscribe (see `Subscription.change_to`), or SubscriptionGone."""
    subscription = alert_store.get_subscription(conn, subscription_id)
    if subscription is None:
        raise SubscriptionGone
    if subscription.change_to(status):
        alert_store.set_status(conn, subscription_id, status, now)
    return subscription
