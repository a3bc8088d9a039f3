"""Queueing emails for the sender: the only way anything here reaches an inbox."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from notifications.domain import Email, EmailOwner, Priority
from notifications.email_store import recently_queued, record_email
from notifications.emails import render

log = logging.getLogger(__name__)
# Emails anyone may have sent to any address (by subscribing it, or applying in its name): a
# recipient gets at most one of each per cooldown, so nobody can flood an inbox with them.
COOLDOWN_TEMPLATES = frozenset({"subscription_confirmation", "candidate_already_applied"})
DEFAULT_EMAIL_COOLDOWN = timedelta(minutes=60)


def queue_email(
    conn: Connection,
    event_id: str,
    template: str,
    recipient: str,
    language: str | None,
    context: Mapping[str, Any],
    priority: Priority = Priority.PERSONAL,
    *,
    recipient_key: str | None,
    application_id: uuid.UUID | None = None,
    link_for: uuid.UUID | None = None,
    owner: EmailOwner | None = None,
    cooldown: timedelta = DEFAULT_EMAIL_COOLDOWN,
    calendar: str | None = None,
) -> bool:
    """Render and record one email in the caller's transaction; False if this event already queued it.

    `recipient_key`: the candidate key of the recipient when a candidate or subscriber (required,
    so no caller forgets it: without it an erasure or export of that candidate misses the email),
    None for a consultant. `application_id`: the application the email is about, if any.

    `link_for`: the application or subscription whose link the sender signs in where the template
    shows its placeholder (`personal_links`; only for an email to that application's or
    subscription's own address). `owner`: the vacancy the email is about and its consultant, who
    sees it in the delivery log (None: admins only). `calendar`: the RFC 5545 invitation it carries, if any.

    One of `COOLDOWN_TEMPLATES` is not queued (False) when its recipient got one within `cooldown`;
    the caller answers the same either way, so nobody learns whether an email went out."""
    now = datetime.now(UTC)
    if template in COOLDOWN_TEMPLATES and recently_queued(conn, recipient, template, since=now - cooldown):
        log.info("email %s for event %s not queued: its recipient had one within the cooldown", template, event_id)
        return False
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
        link_for=link_for,
        owner=owner,
        application_id=application_id,
        recipient_key=recipient_key,
        calendar=calendar,
    )
    queued = record_email(conn, email, now)
    if queued:  # the template and event, never the recipient
        log.info("email %s queued for event %s", template, event_id)
    return queued
