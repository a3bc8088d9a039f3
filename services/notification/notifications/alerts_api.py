"""Public job-alert API: subscribe (double opt-in), confirm, unsubscribe without an account."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from flask_smorest import Blueprint

from notifications import subscriptions
from notifications.alerts import Subscription, SubscriptionStatus
from notifications.links import CONFIRM, UNSUBSCRIBE, InvalidLink
from notifications.schemas import SubscribeSchema, SubscriptionSchema
from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.rate_limits import limit_public_writes

blueprint = Blueprint("alerts", __name__, url_prefix="/alerts", description="Job alerts for candidates")
REFUSALS = {subscriptions.SubscriptionGone: (404, None)}


@blueprint.post("/subscriptions")
@limit_public_writes("RATE_LIMIT_SUBSCRIBE")
@blueprint.arguments(SubscribeSchema)
@blueprint.response(202, SubscriptionSchema)
def subscribe(request: dict):
    """Save a search; a confirmation email follows, and nothing else is sent until it is used."""
    links, subscription = current_app.extensions["links"], Subscription(**request)
    return run_use_case(REFUSALS, subscriptions.subscribe, links, subscription, datetime.now(UTC))


@blueprint.get("/confirm/<token>")
@limit_public_writes("RATE_LIMIT_LINKS")
@blueprint.response(200, SubscriptionSchema)
@blueprint.alt_response(404)
def confirm(token: str):
    """The link in the confirmation email: alerts start from now on."""
    return _change(CONFIRM, token, SubscriptionStatus.CONFIRMED)


@blueprint.get("/unsubscribe/<token>")
@limit_public_writes("RATE_LIMIT_LINKS")
@blueprint.response(200, SubscriptionSchema)
@blueprint.alt_response(404)
def unsubscribe(token: str):
    """The link in every alert: no more alerts, no login needed."""
    return _change(UNSUBSCRIBE, token, SubscriptionStatus.UNSUBSCRIBED)


def _change(purpose: str, token: str, status: SubscriptionStatus) -> Subscription:
    try:
        subscription_id = current_app.extensions["links"].subscription_of(purpose, token)
    except InvalidLink as exc:
        reject(404, str(exc))
    return run_use_case(REFUSALS, subscriptions.change_status, subscription_id, status, datetime.now(UTC))
