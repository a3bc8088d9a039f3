"""The notification service's one wiring place: its web app and each of its processes are built
from `build()`. Nothing is created at import time, and nothing here imports Flask."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.links import Links
from notifications.personal_links import PersonalLinks
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
    links: Links  # where email links point, and the key that signs alert links
    personal_links: PersonalLinks  # the sender's: the key that signs candidates' links
    smtp: SmtpSettings
    sender_poll_seconds: float  # how soon the sender notices a new email
    digest_interval_seconds: float
    # At most one confirmation (or "you already applied") email per recipient in this time.
    email_cooldown: timedelta = DEFAULT_EMAIL_COOLDOWN


def build(environ: Mapping[str, str] = os.environ) -> Dependencies:
    """The service's parts, configured by `environ` (local mail catcher and SQLite by default)."""
    settings = ServiceSettings.from_env(SERVICE, environ)
    return Dependencies(
        settings=settings,
        engine=make_engine(settings.database_url),
        links=Links.from_env(environ),
        personal_links=PersonalLinks.from_env(environ),
        smtp=SmtpSettings.from_env(environ),
        sender_poll_seconds=float(environ.get("SENDER_POLL_SECONDS", "0.1")),
        digest_interval_seconds=float(environ.get("DIGEST_INTERVAL_SECONDS", "86400")),
        email_cooldown=timedelta(minutes=float(environ.get("EMAIL_COOLDOWN_MINUTES", "60"))),
    )
