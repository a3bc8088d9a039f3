"""What this service keeps of candidates, how it names them without their address, and for how long.

Emails to a candidate or subscriber and alert subscriptions carry the keyed hash of their address
(`recruitment_shared.privacy.candidate_key`, under the key the application service uses too), by
which a `CandidateErased` that names a candidate finds them, and a candidate's export finds their
own. Pure configuration: no I/O.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from notifications.links import CONFIRM_MAX_AGE
from recruitment_shared.messaging.topics import TopicRetention
from recruitment_shared.privacy import candidate_key, candidate_keys_secret

MAX_DAYS = 3660  # ten years: a bound that refuses typos (and NaN) at start rather than at the first erasure


@dataclass(frozen=True)
class PrivacyPolicy:
    """The candidate-key secret and this service's retention periods."""

    candidate_keys: str  # CANDIDATE_KEYS_SECRET (or derived): the application service must hold the same
    # What the confirmation email tells the candidate; the application service enforces it.
    application_retention: timedelta = timedelta(days=730)
    # Sent and failed emails keep their delivery record; body, address and SMTP errors go after this.
    email_body_retention: timedelta = timedelta(days=30)
    # An unconfirmed subscription is useless once its confirmation link has expired.
    unconfirmed_subscription_retention: timedelta = timedelta(seconds=CONFIRM_MAX_AGE)
    # The longest an event stays on Kafka after it was written: the DLQ's retention (longer than
    # the topics'), plus a segment's roll time, since the broker deletes whole segments only.
    broker_retention: timedelta = timedelta(hours=336 + 24)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> PrivacyPolicy:
        """CANDIDATE_KEYS_SECRET (or derived from JWT_SECRET, fail-closed), APPLICATION_RETENTION_DAYS
        (730), EMAIL_BODY_RETENTION_DAYS (30), and Kafka's retention (KAFKA_RETENTION_HOURS,
        KAFKA_DLQ_RETENTION_HOURS)."""
        kafka = TopicRetention.from_env(environ)
        longest = timedelta(hours=max(kafka.events_hours, kafka.dead_letters_hours))
        return cls(
            candidate_keys=candidate_keys_secret(environ),
            application_retention=_days("APPLICATION_RETENTION_DAYS", environ.get("APPLICATION_RETENTION_DAYS", "730")),
            email_body_retention=_days("EMAIL_BODY_RETENTION_DAYS", environ.get("EMAIL_BODY_RETENTION_DAYS", "30")),
            broker_retention=longest + min(longest, timedelta(hours=24)),  # see TopicRetention.configs
        )

    def key_of(self, address: str) -> str:
        """The keyed hash that stands for `address` (any case) in this service's tables and in events."""
        return candidate_key(address, self.candidate_keys)

    def broker_copies_expire_at(self, now: datetime) -> datetime:
        """When the last copy on Kafka of any event received before `now` is gone, at the latest.

        Every event about an application precedes its CandidateErased in their partition, so by the
        time this service handles the erasure, every copy (a DLQ's too) was written before `now`."""
        return now + self.broker_retention


def _days(name: str, value: str) -> timedelta:
    try:
        days = float(value)
    except ValueError:
        days = -1.0
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"{name} must be a number of days from 1 to {MAX_DAYS}, not {value!r}")
    return timedelta(days=days)
