"""Outgoing emails and their delivery policy. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the maximum number of attempts


@dataclass(frozen=True)
class Email:
    """One email to send because of one event; (event, recipient, template) is unique."""

    event_id: str
    template: str
    recipient: str
    subject: str
    body: str


MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after `attempts` failed deliveries: 10 s, 20 s, 40 s … capped at 1 h."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))
