"""Use cases of job-alert subscriptions, each in the caller's transaction: subscribe (double
opt-in), show what a link will change, confirm, unsubscribe (which deletes the subscription at once:
nothing of it is kept, and its links then open nothing)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import Connection

from notifications import alert_store
from notifications.alerts import Subscription, SubscriptionStatus
from notifications.domain import Priority
from notifications.email_queue import queue_email
from notifications.personal_links import CONFIRM_LINK
from notifications.privacy_policy import PrivacyPolicy


class SubscriptionGone(LookupError):
    """The subscription a (validly signed) link names no longer exists."""

    def __init__(self) -> None:
        super().__init__("this subscription no longer exists")


def subscribe(
    conn: Connection, subscription: Subscription, now: datetime, cooldown: timedelta, privacy: PrivacyPolicy
) -> Subscription:
    """Store the (pending) subscription with its address's candidate key, and queue the email whose
    link confirms it, unless its address got one within `cooldown` (the answer is the same either way)."""
    subscription.email_key = privacy.key_of(subscription.email)
    alert_store.add_subscription(conn, subscription, now)
    # The sender signs the link in as it sends the email: no stored body holds the token.
    context = {"confirm_url": CONFIRM_LINK, "criteria": subscription.criteria.summary()}
    event_id = f"subscription:{subscription.id.hex[:23]}"  # one confirmation per subscription
    template, email, language = "subscription_confirmation", subscription.email, subscription.language
    to = {"recipient_key": subscription.email_key, "link_for": subscription.id, "cooldown": cooldown}
    queue_email(conn, event_id, template, email, language, context, Priority.ALERTS, **to)
    return subscription


def show(conn: Connection, subscription_id: uuid.UUID) -> Subscription:
    """The subscription a link names, unchanged (what a GET of the link shows), or SubscriptionGone."""
    subscription = alert_store.get_subscription(conn, subscription_id)
    if subscription is None:
        raise SubscriptionGone
    return subscription


def change_status(
    conn: Connection, subscription_id: uuid.UUID, status: SubscriptionStatus, now: datetime
) -> Subscription:
    """Confirm, or unsubscribe: delete the subscription with its pending matches (see
    `Subscription.change_to`); SubscriptionGone if it no longer exists."""
    subscription = show(conn, subscription_id)
    if not subscription.change_to(status):
        return subscription
    if status is SubscriptionStatus.UNSUBSCRIBED:
        alert_store.delete_subscription(conn, subscription_id)
    else:
        alert_store.set_status(conn, subscription_id, status, now)
    return subscription
