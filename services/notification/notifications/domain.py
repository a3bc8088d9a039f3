"""Outgoing emails and their delivery policy. Pure Python."""

from __future__ import annotations

import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # refused for good (5xx), or gave up after the maximum number of attempts


class Priority(IntEnum):
    """Lower goes first: a consultant's alert never waits behind a batch of job alerts."""

    PERSONAL = 0  # consultant and candidate emails about one application
    ALERTS = 1  # job alerts, digests, subscription confirmations


class DeliveryOutcome(StrEnum):
    """What one SMTP delivery attempt came to."""

    SENT = "sent"
    TEMPORARY_FAILURE = "temporary_failure"
    PERMANENT_FAILURE = "permanent_failure"


@dataclass(frozen=True)
class EmailOwner:
    """The vacancy an email is about and its consultant: who, besides admins, sees the email in the
    delivery log. Emails about no vacancy (job alerts, digests, confirmations) have none: admins only."""

    vacancy_id: uuid.UUID
    consultant_email: str


@dataclass(frozen=True, kw_only=True)
class Email:
    """One email to send because of one event; (event, recipient, template) is unique."""

    event_id: str
    template: str
    recipient: str
    subject: str
    text: str
    html: str | None = None
    language: str = "en"
    priority: Priority = Priority.PERSONAL
    # The application or subscription whose link the sender signs in (which link: the template's,
    # see `personal_links.PLACEHOLDER_OF_TEMPLATE`).
    link_for: uuid.UUID | None = None
    owner: EmailOwner | None = None
    # The application it is about, whoever it goes to: what erasing that application finds.
    application_id: uuid.UUID | None = None
    # The candidate key of a candidate's or subscriber's address (never a consultant's): what
    # erasing or exporting that candidate's data finds.
    recipient_key: str | None = None
    # An RFC 5545 invitation (iCalendar text) the email carries, if any (invitations.py).
    calendar: str | None = None


MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after `attempts` failed deliveries: 10 s, 20 s, 40 s … capped at 1 h."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))


def outcome_of(error: Exception) -> DeliveryOutcome:
    """A 5xx answer is final (the server will never take it), and so is an error that is neither
    the network's nor the server's: it lies in the email itself, and would recur on every try.
    Anything else (a 4xx, a timeout, a refused connection or certificate) may pass later."""
    permanent, temporary = DeliveryOutcome.PERMANENT_FAILURE, DeliveryOutcome.TEMPORARY_FAILURE
    if not isinstance(error, OSError):  # smtplib's, ssl's and socket errors are all OSErrors
        return permanent
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return permanent if codes and all(500 <= c < 600 for c in codes) else temporary
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return permanent
    return temporary


@dataclass(frozen=True, kw_only=True)
class Attempt:
    """One try at delivering an email, and where it leaves the email."""

    number: int  # 1 for the first try
    outcome: DeliveryOutcome
    at: datetime
    error: str | None = None  # what went wrong, for the delivery log

    @property
    def status(self) -> DeliveryStatus:
        """Sent; failed for good (refused with a 5xx, or out of attempts); or pending a retry."""
        if self.outcome is DeliveryOutcome.SENT:
            return DeliveryStatus.SENT
        gave_up = self.outcome is DeliveryOutcome.PERMANENT_FAILURE or self.number >= MAX_ATTEMPTS
        return DeliveryStatus.FAILED if gave_up else DeliveryStatus.PENDING

    @property
    def retry_at(self) -> datetime:
        """When a failed email is tried again (unless it is failed for good)."""
        return self.at + retry_delay(self.number)
