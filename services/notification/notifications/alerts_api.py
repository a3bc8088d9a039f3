"""Public job-alert API: subscribe (double opt-in), confirm, unsubscribe without an account."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from flask_smorest import Blueprint

from notifications.alert_store import add_subscription, get_subscription, set_status
from notifications.alerts import Subscription, SubscriptionStatus
from notifications.domain import Priority
from notifications.links import CONFIRM, UNSUBSCRIBE, InvalidLink, Links
from notifications.outbox_of_emails import queue_email
from notifications.schemas import SubscribeSchema, SubscriptionSchema
from recruitment_shared.web import reject

blueprint = Blueprint("alerts", __name__, url_prefix="/alerts", description="Job alerts for candidates")


@blueprint.post("/subscriptions")
@blueprint.arguments(SubscribeSchema)
@blueprint.response(202, SubscriptionSchema)
def subscribe(request: dict):
    """Save a search; a confirmation email follows, and nothing else is sent until it is used."""
    subscription = Subscription(request["email"], request["language"], request["criteria"], request["frequency"])
    links: Links = current_app.extensions["links"]
    now = datetime.now(UTC)
    with current_app.extensions["engine"].begin() as conn:
        add_subscription(conn, subscription, now)
        context = {"confirm_url": links.confirm(subscription.id), "criteria": subscription.criteria.summary()}
        event_id = f"subscription:{subscription.id.hex[:23]}"  # one confirmation per subscription
        template, language = "subscription_confirmation", subscription.language
        queue_email(conn, event_id, template, subscription.email, language, context, Priority.ALERTS)
    return subscription


@blueprint.get("/confirm/<token>")
@blueprint.response(200, SubscriptionSchema)
def confirm(token: str):
    """The link in the confirmation email: alerts start from now on."""
    return _change(CONFIRM, token, SubscriptionStatus.CONFIRMED)


@blueprint.get("/unsubscribe/<token>")
@blueprint.response(200, SubscriptionSchema)
def unsubscribe(token: str):
    """The link in every alert: no more alerts, no login needed."""
    return _change(UNSUBSCRIBE, token, SubscriptionStatus.UNSUBSCRIBED)


def _change(purpose: str, token: str, status: SubscriptionStatus) -> Subscription:
    try:
        subscription_id = current_app.extensions["links"].subscription_of(purpose, token)
    except InvalidLink as exc:
        reject(404, str(exc))
    with current_app.extensions["engine"].begin() as conn:
        subscription = get_subscription(conn, subscription_id)
        if subscription is None:
            reject(404, "this subscription no longer exists")
        # Unsubscribing is final: an old confirmation link must not bring the alerts back.
        if subscription.status is not SubscriptionStatus.UNSUBSCRIBED and subscription.status is not status:
            set_status(conn, subscription_id, status, datetime.now(UTC))
            subscription.status = status
    return subscription
