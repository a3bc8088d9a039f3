"""From application events on real Kafka to inboxes on a real SMTP server: each email once."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import uuid

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, update

import notifications
from notifications.app import create_app
from notifications.db import emails, inbox
from notifications.domain import Priority
from notifications.email_queue import queue_email
from notifications.handlers import event_handlers
from notifications.personal_links import CANDIDATE_LINK, SALT
from recruitment_shared.events import APPLICATIONS
from tests.support.auth import TEST_SECRET, bearer
from tests.support.consumers import running_consumer
from tests.support.infrastructure import REPO
from tests.support.network import free_port
from tests.support.services import migrated_app
from tests.support.smtp import collecting_smtp_server
from tests.support.waiting import wait_until
from tests.support.wire_events import application_repeated, application_submitted, publish

from .conftest import COOLDOWN, LINKS, PERSONAL_LINKS, deliver, queued

pytestmark = pytest.mark.integration


def _consume(engine, bootstrap, topics):
    handlers = event_handlers(LINKS, COOLDOWN)
    return running_consumer(engine, bootstrap, topics.physical(APPLICATIONS), "notification-events", inbox, handlers)


def test_one_application_delivered_twice_yields_one_consultant_email_and_one_confirmation(
    engine, kafka_bootstrap, topics, smtp_server
):
    event = application_submitted()
    for _ in range(2):  # Kafka hands the same event over twice
        publish(kafka_bootstrap, topics.physical(APPLICATIONS), event)
    received = smtp_server.handler.messages

    with _consume(engine, kafka_bootstrap, topics):
        wait_until(lambda: deliver(engine, smtp_server.port) >= 0 and len(received) >= 2, what="two emails")
    deliver(engine, smtp_server.port)

    assert sorted(m["To"] for m in received) == ["jan.peeters@example.com", "lisa.geudens@example.com"]
    consultant = next(m for m in received if m["To"] == "lisa.geudens@example.com")
    candidate = next(m for m in received if m["To"] == "jan.peeters@example.com")
    consultant_text = consultant.get_body(("plain",)).get_content()
    assert "92742" in consultant["Subject"] and "Jan Peeters" in consultant_text
    assert "Dutch at C2 is required; the candidate declares B2." in consultant_text
    assert candidate["Content-Language"] == "nl"
    assert "92742" in candidate.get_body(("plain",)).get_content()
    assert _linked_application(candidate) == uuid.UUID(event.data["application_id"])
    assert {m["X-Recruitment-Event-Id"] for m in received} == {event.id}


def test_the_candidates_link_is_signed_as_the_email_is_sent_and_stored_nowhere(database_url, engine, smtp_server):
    event = application_submitted()
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN)["ApplicationSubmitted"](conn, event)
    [stored] = [row for row in queued(engine) if row.template == "candidate_application_received"]

    deliver(engine, smtp_server.port)
    with migrated_app(notifications, create_app, database_url) as app:  # the delivery log, as an admin reads it
        shown = app.test_client().get(f"/emails/{stored.id}", headers=bearer(roles=("admin",)))

    [sent] = [m for m in smtp_server.handler.messages if m["To"] == "jan.peeters@example.com"]
    token = _token(sent)
    assert (stored.link_for, _linked_application(sent)) == (uuid.UUID(event.data["application_id"]),) * 2
    assert CANDIDATE_LINK in stored.body and CANDIDATE_LINK in stored.html_body  # what the delivery log shows
    assert token in sent.get_body(("plain",)).get_content()
    row = next(row for row in queued(engine) if row.id == stored.id)
    assert row.status == "sent"
    assert not [value for value in row if token in str(value)]  # nothing stored holds it, sent or not
    assert shown.status_code == 200 and token not in shown.text


def test_applying_again_with_an_address_sends_its_owner_their_link_in_their_language(engine, smtp_server):
    application_id = uuid.uuid4()
    event = application_repeated(application_id, email="jan.peeters@example.com", language="fr")
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN)[event.type](conn, event)

    deliver(engine, smtp_server.port)

    [email] = smtp_server.handler.messages
    text = email.get_body(("plain",)).get_content()
    assert (email["To"], email["Content-Language"]) == ("jan.peeters@example.com", "fr")
    assert "Vous avez déjà postulé" in email["Subject"] and "92742" in email["Subject"]
    assert _linked_application(email) == application_id
    assert _token(email) in text
    [row] = queued(engine)
    assert (row.template, row.link_for) == ("candidate_already_applied", application_id)
    assert CANDIDATE_LINK in row.body


def _token(message) -> str:
    """The token of the candidate's link in an email's HTML part (its button)."""
    [token] = set(re.findall(r"/my-application/([A-Za-z0-9_.-]+)", message.get_body(("html",)).get_content()))
    return token


def _linked_application(message) -> uuid.UUID:
    """The application the email's candidate link opens, checked with the candidate-link key."""
    return uuid.UUID(URLSafeTimedSerializer(PERSONAL_LINKS.key, salt=SALT).loads(_token(message), max_age=60))


def test_a_consumer_killed_mid_batch_and_restarted_sends_each_email_once(
    database_url, engine, kafka_bootstrap, topics, smtp_server
):
    events = [application_submitted(f"Candidate {n}", f"candidate{n}@example.com", "fr") for n in range(120)]
    for event in events:
        publish(kafka_bootstrap, topics.physical(APPLICATIONS), event)
    env = os.environ | {
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "KAFKA_TOPIC_PREFIX": topics.prefix,
        "JWT_SECRET": TEST_SECRET,
    }
    command = [sys.executable, "-m", "notifications", "consume"]

    first = subprocess.Popen(command, cwd=REPO, env=env)
    # 240 emails take the consumer a second or two: plenty of time to catch it half-way.
    wait_until(lambda: 0 < len(queued(engine)) < 240, timeout=60, what="the consumer to be half-way", every=0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    halfway = len(queued(engine))
    second = subprocess.Popen(command, cwd=REPO, env=env)
    try:
        wait_until(lambda: len(queued(engine)) == 240, timeout=60, what="all 240 emails recorded")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    while deliver(engine, smtp_server.port):
        pass

    received = smtp_server.handler.messages
    assert 0 < halfway < 240
    assert len(received) == 240
    assert len({(m["X-Recruitment-Event-Id"], m["To"]) for m in received}) == 240


def test_with_smtp_down_for_a_while_every_email_arrives_once_it_is_back(engine, kafka_bootstrap, topics):
    events = [application_submitted(f"Candidate {n}", f"candidate{n}@example.com") for n in range(5)]
    for event in events:
        publish(kafka_bootstrap, topics.physical(APPLICATIONS), event)
    port = free_port()
    with _consume(engine, kafka_bootstrap, topics):
        wait_until(lambda: len(queued(engine)) == 10, what="ten emails recorded")

    assert deliver(engine, port) == 0  # nothing listens: every attempt fails, nothing is lost
    assert {row.status for row in queued(engine)} == {"pending"}
    assert all(row.attempts == 1 and "ConnectionRefused" in row.last_error for row in queued(engine))

    with collecting_smtp_server(port) as server:  # the server comes back on the same port
        with engine.begin() as conn:  # the backoff has passed
            conn.execute(update(emails).values(next_attempt_at=func.now()))
        assert deliver(engine, port) == 10
        assert deliver(engine, port) == 0

    assert len(server.messages) == 10
    assert len({(m["X-Recruitment-Event-Id"], m["To"]) for m in server.messages}) == 10
    assert {row.status for row in queued(engine)} == {"sent"}


def test_a_consultant_email_overtakes_a_queue_of_job_alerts(engine, smtp_server):
    context = {"confirm_url": "http://127.0.0.1:8003/alerts/confirm/x", "criteria": "Antwerp"}
    with engine.begin() as conn:
        for n in range(30):
            template, recipient = "subscription_confirmation", f"s{n}@example.com"
            queue_email(conn, f"alert-{n}", template, recipient, "en", context, Priority.ALERTS, recipient_key=None)
        handlers = event_handlers(LINKS, COOLDOWN)
        handlers["ApplicationSubmitted"](conn, application_submitted())

    deliver(engine, smtp_server.port)

    first_two = {m["To"] for m in smtp_server.handler.messages[:2]}
    assert first_two == {"lisa.geudens@example.com", "jan.peeters@example.com"}
    assert len(smtp_server.handler.messages) == 32
