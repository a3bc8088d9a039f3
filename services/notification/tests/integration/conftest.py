"""The notification service on a fresh PostgreSQL database, fed events over real Kafka."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

import notifications
from notifications.db import emails
from notifications.links import Links
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.db import make_engine
from recruitment_shared.events import new_event, to_message
from recruitment_shared.migrations import upgrade
from tests.support.auth import TEST_SECRET
from tests.support.kafka import produce

LINKS = Links(TEST_SECRET)


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
    return EmailSender(engine, SmtpSettings(host="127.0.0.1", port=port, timeout_seconds=5)).send_due()


def queued(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(emails).order_by(emails.c.id)).all()


def publish(bootstrap: str, topic: str, event) -> None:
    message = to_message(event)
    produce(bootstrap, topic, message.key.encode(), message.value, list(message.headers.items()))


def vacancy_published(reference: str = "92742", **changes):
    vacancy_id = uuid.uuid4()
    data = {
        "vacancy_id": vacancy_id,
        "reference": reference,
        "title": "IT Project Manager – Public Sector",
        "role_type": "general",
        "tags": ["PRINCE2", "ITIL"],
        "city": "Antwerp",
        "workplace": "hybrid",
        "contract_terms": {"freelance": {"daily_rate": 550, "currency": "EUR"}},
        "languages": [{"language": "nl", "level": "C2", "hard_requirement": True}],
        "experience_min_years": 5,
        "content_language": "en",
        "consultant": {"name": "Lisa Geudens", "email": "lisa.geudens@example.com"},
        "published_at": datetime.now(UTC),
    } | changes
    return new_event("VacancyPublished", vacancy_id, data, "vacancy")
