"""The daily digest: one email per subscriber listing the day's matches, none without matches."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine

from notifications.alert_store import confirmed_subscriptions, mark_digested, undigested_matches
from notifications.alerts import Frequency, Subscription
from notifications.domain import Priority
from notifications.email_queue import queue_email
from notifications.personal_links import UNSUBSCRIBE_LINK
from recruitment_shared.periodic import run_periodically

log = logging.getLogger(__name__)


def send_digests(engine: Engine, day: date) -> int:
    """Queue today's digest for every daily subscriber with new matches; returns how many.

    Each digest and the marking of its matches commit together, and the digest's key includes
    the day: running the job twice in a day sends nothing twice.
    """
    with engine.connect() as conn:
        subscribers = confirmed_subscriptions(conn, Frequency.DAILY)
    queued = 0
    for subscription in subscribers:
        with engine.begin() as conn:  # each digest commits on its own, together with its matches marked
            queued += _queue_digest(conn, subscription, day)
    log.info("queued %d digest(s) for %s", queued, day)
    return queued


def _queue_digest(conn: Connection, subscription: Subscription, day: date) -> bool:
    """Queue the subscriber's digest of `day` and mark its matches; False if there is nothing to send."""
    pending = undigested_matches(conn, subscription.id)
    if not pending:
        return False
    context = {
        "vacancies": [match.vacancy for match in pending],
        "day": day.isoformat(),
        "unsubscribe_url": UNSUBSCRIBE_LINK,  # the sender signs it in, and puts it in List-Unsubscribe
    }
    event_id = f"digest:{subscription.id.hex[:20]}:{day.isoformat()}"[:36]
    template, language = "job_alert_digest", subscription.language
    to = {"recipient_key": subscription.email_key, "link_for": subscription.id}
    queued = queue_email(conn, event_id, template, subscription.email, language, context, Priority.ALERTS, **to)
    if not queued:
        return False  # today's digest went out already: these matches wait for tomorrow's
    mark_digested(conn, [match.id for match in pending], datetime.now(UTC))
    return True


def run_digests(engine: Engine, stop: threading.Event, interval_seconds: float) -> None:
    """Send digests now and then every `interval_seconds` (a day by default) until `stop` is set."""

    def send_todays_digests() -> int:
        return send_digests(engine, datetime.now(UTC).date())

    run_periodically(send_todays_digests, stop, interval_seconds, "digest run")
