"""The notification service's one wiring place: its web app and each of its processes are built
from `build()`. Nothing is created at import time, and nothing here imports Flask."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from notifications.consultant_language import ConsultantLanguage
from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.links import Links
from notifications.personal_links import PersonalLinks
from notifications.privacy_policy import PrivacyPolicy
from notifications.sender import SmtpSettings
from recruitment_shared.config import ServiceSettings
from recruitment_shared.db import make_engine

SERVICE = "notification"
MIGRATIONS = Path(__file__).parent / "migrations"
CONSUMER = "notification-events"


@dataclass(frozen=True)
class Dependencies:
    """What the notification service's handlers, web app and processes are given."""

    settings: ServiceSettings
    engine: Engine
    links: Links  # where email links point, and the key that signs (and checks) alert links
    # The sender's: signs candidates' and alert links into emails as they go; the web app's: checks
    # the candidate links that open a candidate's export.
    personal_links: PersonalLinks
    smtp: SmtpSettings
    sender_poll_seconds: float  # how soon the sender notices a new email
    digest_interval_seconds: float
    # The key of candidates' addresses in emails and subscriptions, and how long what is kept.
    privacy: PrivacyPolicy
    retention_interval_seconds: float  # how often the retention job runs
    # At most one confirmation (or "you already applied") email per recipient in this time.
    email_cooldown: timedelta = DEFAULT_EMAIL_COOLDOWN
    # The language of consultants' emails when an event names none of theirs.
    consultant_language: ConsultantLanguage = field(default_factory=ConsultantLanguage)


def build(environ: Mapping[str, str] = os.environ) -> Dependencies:
    """The service's parts, configured by `environ` (local mail catcher and SQLite by default)."""
    settings, links = ServiceSettings.from_env(SERVICE, environ), Links.from_env(environ)
    return Dependencies(
        settings=settings,
        engine=make_engine(settings.database_url),
        links=links,
        personal_links=PersonalLinks.from_env(environ, links),
        smtp=SmtpSettings.from_env(environ),
        sender_poll_seconds=float(environ.get("SENDER_POLL_SECONDS", "0.1")),
        digest_interval_seconds=float(environ.get("DIGEST_INTERVAL_SECONDS", "86400")),
        privacy=PrivacyPolicy.from_env(environ),
        retention_interval_seconds=float(environ.get("RETENTION_INTERVAL_SECONDS", "3600")),
        email_cooldown=_cooldown(environ.get("EMAIL_COOLDOWN_MINUTES", "60")),
        consultant_language=ConsultantLanguage.from_env(environ),
    )


def _cooldown(minutes: str) -> timedelta:
    """EMAIL_COOLDOWN_MINUTES, refused at start unless a number from 0 (no cooldown) up."""
    try:
        value = float(minutes)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 525_600:  # a year: no NaN, no negative, nothing timedelta cannot hold
        raise ValueError(f"EMAIL_COOLDOWN_MINUTES must be a number of minutes from 0 to 525600, not {minutes!r}")
    return timedelta(minutes=value)
