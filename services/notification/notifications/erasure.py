"""Erasing a candidate's data when the application service erased their application (CandidateErased).

What goes, in the consumer's transaction:
- emails about the application (the consultant's too, which quote the candidate) and, when the
  event names the candidate (`candidate_key`: they or an admin asked to erase everything of their
  address), every email to the address: unsent ones are deleted; sent and failed ones keep their
  delivery record (template, status, times, attempts) without body, address, candidate key and
  SMTP error details, which may quote the address;
- with `candidate_key`, the address's alert subscriptions and their pending matches. Without it
  (the retention job erased particular applications) subscriptions stay: they are a consent of
  their own, and go when their subscriber unsubscribes.

A tombstone keeps the application id until no copy of an event about it can remain on Kafka, so a
late or replayed event (from the DLQ, say) creates nothing. A second handling of the same erasure
changes nothing, and the erasure log says what was erased, when and at whose request, without any
address, name or key.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from notifications import alert_store, email_store, erasure_store
from notifications.privacy_policy import PrivacyPolicy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErasureRequest:
    """What a CandidateErased asks of this service."""

    erasure_id: uuid.UUID
    application_id: uuid.UUID
    candidate_key: str | None  # set: everything of the address, beyond this application
    requested_by: str  # candidate, admin or retention

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> ErasureRequest:
        """The request a CandidateErased's data carries."""
        return cls(
            erasure_id=uuid.UUID(str(data["erasure_id"])),
            application_id=uuid.UUID(str(data["application_id"])),
            candidate_key=data.get("candidate_key") or None,
            requested_by=data["requested_by"],
        )


@dataclass(frozen=True)
class Erased:
    """How much one erasure removed here, per kind (the erasure log's columns)."""

    applications: int = 0
    queued_emails_deleted: int = 0
    emails_purged: int = 0
    subscriptions_deleted: int = 0
    alert_matches_deleted: int = 0

    def __bool__(self) -> bool:
        return any(asdict(self).values())


def erase_candidate(conn: Connection, request: ErasureRequest, now: datetime, policy: PrivacyPolicy) -> Erased:
    """Erase what this service holds of the request's application (and address); log what went."""
    expiry = policy.broker_copies_expire_at(now)
    new = erasure_store.bury(conn, request.application_id, now, forget_after=expiry)
    key = request.candidate_key
    deleted = email_store.delete_unsent(conn, request.application_id, key)
    purged = email_store.purge_candidate(conn, request.application_id, key, now)
    subscriptions, matches = alert_store.delete_subscriptions_of(conn, key) if key else (0, 0)
    erased = Erased(int(new), deleted, purged, subscriptions, matches)
    if erased:  # nothing new (the same erasure again): nothing to log, the log stays as it was
        erasure_store.log_erasure(conn, request.erasure_id, request.requested_by, now, asdict(erased), expiry)
    log.info("erasure %s (by %s): %s", request.erasure_id, request.requested_by, asdict(erased))
    return erased


def was_erased(conn: Connection, application_id: uuid.UUID) -> bool:
    """Whether the application was erased: an event about it must create nothing."""
    return erasure_store.is_buried(conn, application_id)
