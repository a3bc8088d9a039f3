"""Queueing emails for the sender: the only way anything here reaches an inbox."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from notifications.domain import Email, Priority
from notifications.email_store import record_email
from notifications.emails import render

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
        event_id=event_id,
        template=template,
        recipient=recipient,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        language=language or "en",
        priority=priority,
    )
    queued = record_email(conn, email, datetime.now(UTC))
    if queued:  # the template and event, never the recipient
        log.info("email %s queued for event %s", template, event_id)
    return queued
