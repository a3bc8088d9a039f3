"""Outgoing emails and their delivery policy. Pure Python."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum, StrEnum


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # refused for good (5xx), or gave up after the maximum number of attempts


class Priority(IntEnum):
    """Lower goes first: a consultant's alert never waits behind a batch of job alerts."""

    PERSONAL = 0  # consultant and candidate emails about one application
    ALERTS = 1  # job alerts, digests, subscription confirmations


class Outcome(StrEnum):
    SENT = "sent"
    TEMPORARY_FAILURE = "temporary_failure"
    PERMANENT_FAILURE = "permanent_failure"


@dataclass(frozen=True)
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


MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after `attempts` failed deliveries: 10 s, 20 s, 40 s … capped at 1 h."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))


def outcome_of(error: Exception) -> Outcome:
    """A 5xx answer is final (the server will never take it); anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return Outcome.PERMANENT_FAILURE if codes and all(500 <= c < 600 for c in codes) else Outcome.TEMPORARY_FAILURE
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return Outcome.PERMANENT_FAILURE
    return Outcome.TEMPORARY_FAILURE
