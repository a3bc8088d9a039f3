"""The notification service on a fresh PostgreSQL database, fed events over real Kafka."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import notifications
from notifications.db import emails
from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.links import Links
from notifications.personal_links import PersonalLinks
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.db import make_engine
from recruitment_shared.migrations import upgrade
from tests.support.auth import ALERT_LINKS_KEY

LINKS = Links(ALERT_LINKS_KEY)  # the alert-link key of the test apps: their links open what the sender signs
PERSONAL_LINKS = PersonalLinks("a-candidate-link-key-only-these-tests-use", LINKS)
COOLDOWN = DEFAULT_EMAIL_COOLDOWN


@pytest.fixture
def database_url(new_database):
    url = new_database()
    upgrade(Path(notifications.__file__).parent / "migrations", url)
    return url


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def deliver(engine, port: int) -> int:
    """One pass of the real sender against the SMTP server on `port`."""
    return EmailSender(engine, SmtpSettings(host="127.0.0.1", port=port, timeout_seconds=5), PERSONAL_LINKS).send_due()


def queued(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(emails).order_by(emails.c.id)).all()
