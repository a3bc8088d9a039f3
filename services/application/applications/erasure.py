"""Erasing candidates' applications: asked by the candidate through their link (everything of
their address), by an admin (everything of an address), or by the retention job (applications
kept long enough).

Rows are deleted in one transaction with a CandidateErased per application in the outbox, so
every other service erases its copies; the CV files are deleted after the commit (should that
fail, the retention job removes files no application refers to). The erasure log says what and
when, and until when the broker may still hold earlier events about the candidate.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine

from applications import application_store, erasure_store, events, handlers
from applications.cv_files import CvStorage
from applications.db import outbox
from applications.tokens import CandidateLinks
from recruitment_shared.messaging import record_event
from recruitment_shared.messaging.topics import TopicRetention
from recruitment_shared.privacy import candidate_key

log = logging.getLogger(__name__)

CANDIDATE, ADMIN, RETENTION = "candidate", "admin", "retention"  # who asked (CandidateErased.requested_by)
KINDS = ("applications", "history_entries", "consents", "idempotency_keys", "published_events", "cv_files")
KINDS += ("interviews", "staff_notes", "scorecards")


@dataclass(frozen=True)
class Erasure:
    """What one erasure did, without anything personal: its id (None when there was nothing to
    erase), who asked, when, how many of each kind, and when the broker's last copy expires."""

    erasure_id: uuid.UUID | None
    requested_by: str
    erased_at: datetime
    erased: dict[str, int]
    broker_copies_expire_at: datetime | None
    cv_keys: list[str] = field(default_factory=list, repr=False)  # the files to delete after the commit


def broker_copies_lifetime(retention: TopicRetention) -> timedelta:
    """How long after an erasure the broker may still hold an earlier event about the candidate:
    the longest topic retention (a dead-lettered event keeps the DLQ's), plus the day a segment
    may stay open before its messages can expire (topics.py rolls segments daily)."""
    longest = timedelta(hours=max(retention.events_hours, retention.dead_letters_hours))
    return longest + min(longest, timedelta(days=1))


def erase_own_data(
    engine: Engine,
    storage: CvStorage,
    application_id: uuid.UUID,
    links: CandidateLinks,
    keys_secret: str,
    broker_lifetime: timedelta,
) -> Erasure:
    """The candidate erases every application of the address their link's application has; the link
    then opens nothing. InvalidCandidateToken if the link no longer opens its application."""
    with engine.begin() as conn:
        application = handlers.open_own_application(conn, application_id, links, for_update=True)
        erasure = _erase_address(conn, application.candidate.email, CANDIDATE, keys_secret, broker_lifetime)
    delete_cv_files(storage, erasure.cv_keys)
    return erasure


def erase_address(
    engine: Engine, storage: CvStorage, email: str, keys_secret: str, broker_lifetime: timedelta
) -> Erasure:
    """An admin erases every application of `email`; nothing found is an erasure of nothing."""
    with engine.begin() as conn:
        erasure = _erase_address(conn, email, ADMIN, keys_secret, broker_lifetime)
    delete_cv_files(storage, erasure.cv_keys)
    return erasure


def _erase_address(
    conn: Connection, email: str, requested_by: str, keys_secret: str, broker_lifetime: timedelta
) -> Erasure:
    # The address's keyed hash tells the other services to erase what they hold for the address
    # beyond these applications (job alerts), without the address travelling.
    found = [application.id for application in application_store.applications_of(conn, email, for_update=True)]
    key = candidate_key(email, keys_secret)
    return erase_applications(conn, found, requested_by, key, datetime.now(UTC), broker_lifetime)


def erase_applications(
    conn: Connection,
    application_ids: Sequence[uuid.UUID],
    requested_by: str,
    key: str | None,
    now: datetime,
    broker_lifetime: timedelta,
) -> Erasure:
    """Delete these applications and all stored with them, announce each (CandidateErased, with the
    address's keyed hash `key` if everything of the address goes) and log the erasure."""
    if not application_ids:
        return Erasure(None, requested_by, now, dict.fromkeys(KINDS, 0), None)
    cv_keys = erasure_store.cv_keys(conn, application_ids)
    erased = erasure_store.delete_applications(conn, application_ids) | {"cv_files": len(cv_keys)}
    erasure = Erasure(uuid.uuid4(), requested_by, now, erased, now + broker_lifetime, cv_keys)
    for application_id in application_ids:
        event = events.candidate_erased(application_id, erasure.erasure_id, key, requested_by, now)
        record_event(conn, outbox, event)
    erasure_store.add_erasure(conn, erasure.erasure_id, requested_by, now, erased, erasure.broker_copies_expire_at)
    # Counts only: no address, name or id of whom in the log.
    log.info("erasure %s on request of %s: %s", erasure.erasure_id, requested_by, erased)
    return erasure


def delete_cv_files(storage: CvStorage, keys: Sequence[str]) -> None:
    """Delete the CV files of erased applications; one that resists is left to the retention job."""
    for key in keys:
        try:
            storage.delete(key)
        except OSError:
            log.warning("a CV file of an erased application could not be deleted now; the retention job will")
