"""Public job-alert API: subscribe (double opt-in), confirm, unsubscribe without an account."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask import current_app
from flask_smorest import Blueprint

from notifications import subscriptions
from notifications.alerts import Subscription, SubscriptionStatus
from notifications.links import CONFIRM, UNSUBSCRIBE, InvalidLink
from notifications.schemas import ConfirmLinkSchema, SubscribeSchema, SubscriptionSchema, UnsubscribeLinkSchema
from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.rate_limits import limit_public_writes

blueprint = Blueprint("alerts", __name__, url_prefix="/alerts", description="Job alerts for candidates")
# A genuine link whose subscription ended (unsubscribed, or never confirmed in time): 410, which a
# client can word kindly ("this alert no longer exists"), unlike a link that is not valid (404).
REFUSALS = {subscriptions.SubscriptionGone: (410, None)}


@blueprint.post("/subscriptions")
@limit_public_writes("RATE_LIMIT_SUBSCRIBE")
@blueprint.arguments(SubscribeSchema)
@blueprint.response(202, SubscriptionSchema)
def subscribe(request: dict):
    """Save a search; a confirmation email follows, and nothing else is sent until it is used."""
    subscription, cooldown = Subscription(**request), current_app.extensions["email_cooldown"]
    privacy = current_app.extensions["privacy"]
    return run_use_case(REFUSALS, subscriptions.subscribe, subscription, datetime.now(UTC), cooldown, privacy)


# Each link from an email answers a GET with what it will change, and changes it only on a POST:
# mail scanners and link previews follow links with GETs, and must not confirm anyone's alerts.
# The GETs are limited with the POSTs, since both let a bot test guessed tokens.


@blueprint.get("/confirm/<token>")
@limit_public_writes("RATE_LIMIT_LINKS")
@blueprint.response(200, ConfirmLinkSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(410)
def show_confirmation(token: str):
    """The link in the confirmation email: the subscription it confirms, unchanged; a POST to the
    same URL confirms it."""
    return _show(CONFIRM, token)


@blueprint.post("/confirm/<token>")
@limit_public_writes("RATE_LIMIT_LINKS")
@blueprint.response(200, SubscriptionSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(410)
def confirm(token: str):
    """Confirm the subscription: alerts start from now on."""
    return _change(CONFIRM, token, SubscriptionStatus.CONFIRMED)


@blueprint.get("/unsubscribe/<token>")
@limit_public_writes("RATE_LIMIT_LINKS")
@blueprint.response(200, UnsubscribeLinkSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(410)
def show_unsubscribe(token: str):
    """The link in every alert and digest: the subscription it ends, unchanged; a POST to the same
    URL unsubscribes."""
    return _show(UNSUBSCRIBE, token)


@blueprint.post("/unsubscribe/<token>")
@limit_public_writes("RATE_LIMIT_LINKS")
@blueprint.response(200, SubscriptionSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(410)
def unsubscribe(token: str):
    """No more alerts, no login needed, and final. Also the one-click unsubscribe of RFC 8058: mail
    providers POST the form body `List-Unsubscribe=One-Click` to the List-Unsubscribe link; any
    body is accepted and ignored (the token says everything)."""
    return _change(UNSUBSCRIBE, token, SubscriptionStatus.UNSUBSCRIBED)


def _subscription_of(purpose: str, token: str) -> uuid.UUID:
    try:
        return current_app.extensions["links"].subscription_of(purpose, token)
    except InvalidLink as exc:
        reject(404, str(exc))


def _show(purpose: str, token: str) -> Subscription:
    return run_use_case(REFUSALS, subscriptions.show, _subscription_of(purpose, token))


def _change(purpose: str, token: str, status: SubscriptionStatus) -> Subscription:
    subscription_id = _subscription_of(purpose, token)
    return run_use_case(REFUSALS, subscriptions.change_status, subscription_id, status, datetime.now(UTC))
