"""The email that tells a candidate their application was turned down: kind, in their language, and
specific to the reason the consultant chose (or, for a vacancy that closed, the platform), never
quoting the consultant's own note. None when the consultant chose not to send it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from sqlalchemy import Connection

from notifications.domain import EmailOwner
from notifications.email_queue import queue_email
from notifications.privacy_policy import PrivacyPolicy
from recruitment_shared.events import Event

TEMPLATE = "candidate_rejected"


def queue_rejection_email(privacy: PrivacyPolicy, conn: Connection, event: Event) -> bool:
    """Queue the rejection email of an ApplicationStatusChanged to `rejected`, unless the consultant
    chose not to tell the candidate; False when nothing was queued (or this event already queued it)."""
    data = event.data
    if not data.get("notify_candidate", True):
        return False
    candidate = data["candidate"]
    context = {
        "candidate": candidate,
        "vacancy_title": data["vacancy_title"],
        "vacancy_reference": data["vacancy_reference"],
        # Older events name no reason: the template's general wording. Never `reason`: the staff's note.
        "rejection_reason": data.get("rejection_reason"),
    }
    about = {"application_id": _application_id(data), "owner": _owner(data)}
    key, language = privacy.key_of(candidate["email"]), candidate.get("preferred_language")
    return queue_email(conn, event.id, TEMPLATE, candidate["email"], language, context, recipient_key=key, **about)


def _application_id(data: Mapping) -> uuid.UUID:
    return uuid.UUID(str(data["application_id"]))


def _owner(data: Mapping) -> EmailOwner:
    return EmailOwner(uuid.UUID(str(data["vacancy_id"])), data["consultant"]["email"])
