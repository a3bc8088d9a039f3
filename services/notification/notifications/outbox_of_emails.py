"""Recording emails for the sender: the only way anything here reaches an inbox."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from notifications import db
from notifications.domain import DeliveryStatus, Email, Priority
from notifications.emails import render
from recruitment_shared.correlation import current_correlation_id
from recruitment_shared.db import insert_unless_present

log = logging.getLogger(__name__)


def queue_email(
    conn: Connection,
    event_id: str,
    template: str,
    recipient: str,
    language: str | None,
    context: Mapping[str, Any],
    priority: Priority = Priority.PERSONAL,
) -> bool:
    """Render and record one email in the caller's transaction; False if this event already queued it."""
    rendered = render(template, language, context)
    email = Email(
        event_id, template, recipient, rendered.subject, rendered.text, rendered.html, language or "en", priority
    )
    queued = record_email(conn, email, datetime.now(UTC))
    if queued:  # the template and event, never the recipient
        log.info("email %s queued for event %s", template, event_id)
    return queued


def record_email(conn: Connection, email: Email, now: datetime) -> bool:
    """Queue `email` for delivery; False if this event already queued it (a redelivery)."""
    values = {
        "event_id": email.event_id,
        "template": email.template,
        "recipient": email.recipient,
        "subject": email.subject,
        "body": email.text,
        "html_body": email.html,
        "language": email.language,
        "priority": int(email.priority),
        "correlation_id": current_correlation_id(),
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    return insert_unless_present(conn, db.emails, values, key=("event_id", "recipient", "template"))
