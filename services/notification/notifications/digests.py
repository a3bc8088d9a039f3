"""The daily digest: one email per subscriber listing the day's matches, none without matches."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select, update

from notifications import db
from notifications.alert_store import confirmed_subscriptions
from notifications.alerts import Frequency
from notifications.domain import Priority
from notifications.links import Links
from notifications.outbox_of_emails import queue_email
from recruitment_shared.periodic import run_periodically

log = logging.getLogger(__name__)
M = db.alert_matches.c


def send_digests(engine: Engine, links: Links, day: date) -> int:
    """Queue today's digest for every daily subscriber with new matches; returns how many.

    Each digest and the marking of its matches commit together, and the digest's key includes
    the day: running the job twice in a day sends nothing twice.
    """
    queued = 0
    with engine.connect() as conn:
        subscribers = confirmed_subscriptions(conn, Frequency.DAILY)
    for subscription in subscribers:
        with engine.begin() as conn:
            pending = conn.execute(
                select(M.id, M.vacancy)
                .where(M.subscription_id == subscription.id, M.digested_at.is_(None))
                .order_by(M.matched_at, M.id)
                .with_for_update()
            ).all()
            if not pending:
                continue
            context = {
                "vacancies": [match.vacancy for match in pending],
                "day": day.isoformat(),
                "unsubscribe_url": links.unsubscribe(subscription.id),
            }
            event_id = f"digest:{subscription.id.hex[:20]}:{day.isoformat()}"[:36]
            template, language = "job_alert_digest", subscription.language
            if not queue_email(conn, event_id, template, subscription.email, language, context, Priority.ALERTS):
                continue  # today's digest went out already: these matches wait for tomorrow's
            conn.execute(
                update(db.alert_matches).where(M.id.in_([m.id for m in pending])).values(digested_at=datetime.now(UTC))
            )
            queued += 1
    log.info("queued %d digest(s) for %s", queued, day)
    return queued


def run_digests(engine: Engine, links: Links, stop: threading.Event, interval_seconds: float) -> None:
    """Send digests now and then every `interval_seconds` (a day by default) until `stop` is set."""

    def send_todays_digests() -> int:
        return send_digests(engine, links, datetime.now(UTC).date())

    run_periodically(send_todays_digests, stop, interval_seconds, "digest run")
