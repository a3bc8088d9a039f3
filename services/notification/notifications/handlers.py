"""Event handlers of the notification service: they only record emails; the sender delivers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection

from notifications import db
from notifications.domain import DeliveryStatus, Email
from notifications.emails import render
from recruitment_shared.db import insert_unless_present
from recruitment_shared.events import Event

CONSULTANT_NEW_APPLICATION = "consultant_new_application"


def on_application_submitted(conn: Connection, event: Event) -> None:
    """Tell the vacancy's consultant that someone applied."""
    data = event.data
    email = render(CONSULTANT_NEW_APPLICATION, event.id, data["consultant"]["email"], data)
    record_email(conn, email, datetime.now(UTC))


def record_email(conn: Connection, email: Email, now: datetime) -> bool:
    """Queue `email` for delivery; False if this event already queued it."""
    values = {
        "event_id": email.event_id,
        "template": email.template,
        "recipient": email.recipient,
        "subject": email.subject,
        "body": email.body,
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    return insert_unless_present(conn, db.emails, values, key=("event_id", "recipient", "template"))


APPLICATION_EVENT_HANDLERS = {"ApplicationSubmitted": on_application_submitted}
