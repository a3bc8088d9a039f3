"""From ApplicationSubmitted on Kafka to the consultant's inbox, over a real SMTP server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

import notifications
from notifications.db import emails, inbox
from notifications.handlers import APPLICATION_EVENT_HANDLERS
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.db import make_engine
from recruitment_shared.events import APPLICATIONS, new_event, to_message
from recruitment_shared.migrations import upgrade
from tests.support.consumers import running_consumer
from tests.support.kafka import produce
from tests.support.network import free_port
from tests.support.waiting import wait_until

pytestmark = pytest.mark.integration

APPLICATION_ID = uuid.uuid4()


def _submitted(candidate: str):
    data = {
        "application_id": APPLICATION_ID,
        "vacancy_id": uuid.uuid4(),
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "consultant": {"name": "Lisa Geudens", "email": "lisa.geudens@example.com"},
        "candidate": {"name": candidate, "email": "candidate@example.com"},
        "motivation": "PRINCE2 Practitioner, ten years in Flemish cities.",
        "submitted_at": datetime.now(UTC),
    }
    return new_event("ApplicationSubmitted", APPLICATION_ID, data, "application")


@pytest.fixture
def engine(new_database):
    url = new_database()
    upgrade(Path(notifications.__file__).parent / "migrations", url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _deliver(engine, port: int) -> int:
    return EmailSender(engine, SmtpSettings(host="127.0.0.1", port=port)).send_due()


def _publish(bootstrap: str, topic: str, event) -> None:
    message = to_message(event)
    produce(bootstrap, topic, message.key.encode(), message.value, list(message.headers.items()))


def test_a_redelivered_event_sends_the_consultant_exactly_one_email(engine, kafka_bootstrap, topics, smtp_server):
    topic = topics.physical(APPLICATIONS)
    first, later = _submitted("Jan Peeters"), _submitted("An Claes")
    for event in (first, first, later):  # Kafka delivers `first` twice
        _publish(kafka_bootstrap, topic, event)
    received = smtp_server.handler.messages

    with running_consumer(
        engine, kafka_bootstrap, topic, "notification-applications", inbox, APPLICATION_EVENT_HANDLERS
    ):
        wait_until(lambda: _deliver(engine, smtp_server.port) >= 0 and len(received) >= 2, what="two emails")
    _deliver(engine, smtp_server.port)  # a further pass finds nothing left to send

    assert sorted(m["X-Recruitment-Event-Id"] for m in received) == sorted([first.id, later.id])
    [alert] = [m for m in received if m["X-Recruitment-Event-Id"] == first.id]
    assert alert["To"] == "lisa.geudens@example.com"
    assert alert["Subject"] == "New application for vacancy 92742: IT Project Manager – Public Sector"
    assert "Jan Peeters (candidate@example.com) applied for vacancy 92742" in alert.get_content()


def test_an_email_refused_while_smtp_is_down_is_delivered_once_it_is_back(engine, smtp_server):
    with engine.begin() as conn:
        APPLICATION_EVENT_HANDLERS["ApplicationSubmitted"](conn, _submitted("Jan Peeters"))

    assert _deliver(engine, free_port()) == 0  # nothing listens there: the attempt fails
    with engine.connect() as conn:
        row = conn.execute(select(emails)).one()
    assert (row.status, row.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at > datetime.now(UTC)  # backed off: not retried at once
    assert _deliver(engine, smtp_server.port) == 0

    with engine.begin() as conn:  # time passes
        conn.execute(update(emails).values(next_attempt_at=datetime.now(UTC)))
    assert _deliver(engine, smtp_server.port) == 1

    with engine.connect() as conn:
        row = conn.execute(select(emails)).one()
    assert (row.status, row.attempts, len(smtp_server.handler.messages)) == ("sent", 2, 1)
