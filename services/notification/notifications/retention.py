"""The notification service's retention job: nothing personal is kept longer than it is needed.

Each pass, in one transaction:
- sent and failed emails older than EMAIL_BODY_RETENTION_DAYS lose body, address and SMTP error
  details; their delivery record (template, status, times, attempts) stays, and so does their
  recipient's candidate key, by which the candidate's export and a later erasure still find them;
- subscriptions never confirmed are deleted once their confirmation link has expired (7 days),
  with any unsubscribed one left from before unsubscribing deleted them at once;
- tombstones of erased applications are dropped once no event about them can remain on Kafka.
What a pass removed goes to the erasure log (requested by `retention`), without personal data.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Engine

from notifications import alert_store, email_store, erasure_store
from notifications.erasure import Erased
from notifications.privacy_policy import PrivacyPolicy
from recruitment_shared.periodic import run_periodically

log = logging.getLogger(__name__)


def run_retention_pass(engine: Engine, policy: PrivacyPolicy, now: datetime) -> Erased:
    """Remove what is due at `now` (see the module's docstring); returns how much went."""
    with engine.begin() as conn:
        purged = email_store.purge_created_before(conn, now - policy.email_body_retention, now)
        cutoff = now - policy.unconfirmed_subscription_retention
        subscriptions, matches = alert_store.delete_unconfirmed(conn, cutoff)
        tombstones = erasure_store.drop_tombstones(conn, now)
        erased = Erased(emails_purged=purged, subscriptions_deleted=subscriptions, alert_matches_deleted=matches)
        if erased:  # no broker date: the events behind these rows are not what this pass erases
            erasure_store.log_erasure(conn, uuid.uuid4(), "retention", now, asdict(erased), None)
    log.info("retention pass at %s: %s, %d tombstone(s) dropped", now.isoformat(), asdict(erased), tombstones)
    return erased


def run_retention(engine: Engine, policy: PrivacyPolicy, stop: threading.Event, interval_seconds: float) -> None:
    """Run a pass now and then every `interval_seconds` until `stop` is set."""
    run_periodically(lambda: run_retention_pass(engine, policy, datetime.now(UTC)), stop, interval_seconds, "retention")
