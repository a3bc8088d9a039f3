"""Rejections reach the candidate once, worded for their reason and in their language (or not at all,
when the consultant chose so); consultants read their emails in their own language. Events over real
Kafka, emails over a real SMTP server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from notifications.consultant_language import ConsultantLanguage
from notifications.db import inbox
from notifications.handlers import event_handlers
from recruitment_shared.config import ConfigurationError
from recruitment_shared.events import APPLICATIONS, Event, new_event
from tests.support.consumers import running_consumer
from tests.support.waiting import wait_until
from tests.support.wire_events import LISA, application_status_changed, application_submitted, publish

from .conftest import COOLDOWN, LINKS, PRIVACY, deliver, queued

pytestmark = pytest.mark.integration

LISA_IN_DUTCH = {"name": LISA["name"], "email": LISA["email"], "language": "nl"}


def _rejected(reason: str, notify: bool = True, language: str = "nl") -> Event:
    """Jan's application to 92742 rejected for `reason`, with Lisa's note, as the application service sends it."""
    event = application_status_changed(uuid.uuid4(), "rejected", language=language)
    note = "Internal: the client found his Dutch too formal."
    event.data.update(reason=note, rejection_reason=reason, notify_candidate=notify)
    return event


def _subject(message) -> str:
    return " ".join(message["Subject"].split())  # as read: a long header comes folded


def _text(message) -> str:
    return " ".join(message.get_body(("plain",)).get_content().replace("\u00a0", " ").split())


def test_a_rejection_delivered_twice_over_kafka_emails_the_candidate_once_in_dutch(
    engine, kafka_bootstrap, topics, smtp_server
):
    event = _rejected("vacancy_closed")
    for _ in range(2):  # Kafka hands the same event over twice
        publish(kafka_bootstrap, topics.physical(APPLICATIONS), event)
    handlers = event_handlers(LINKS, COOLDOWN, PRIVACY)
    topic = topics.physical(APPLICATIONS)

    with running_consumer(engine, kafka_bootstrap, topic, "notification-events", inbox, handlers):
        wait_until(lambda: deliver(engine, smtp_server.port) >= 0 and smtp_server.handler.messages, what="the email")
    deliver(engine, smtp_server.port)

    [email] = smtp_server.handler.messages
    text = _text(email)
    assert (email["To"], email["Content-Language"]) == ("jan.peeters@example.com", "nl")
    assert _subject(email) == "Uw sollicitatie voor IT Project Manager – Public Sector (ref. 92742)"
    assert "Deze vacature is intussen afgesloten" in text
    assert "Internal" not in text and "too formal" not in email.get_body(("html",)).get_content()


def test_the_same_rejection_handled_twice_queues_one_email(engine):
    event, handle = _rejected("another_candidate_chosen", language="fr"), event_handlers(LINKS, COOLDOWN, PRIVACY)
    for _ in range(2):
        with engine.begin() as conn:
            handle["ApplicationStatusChanged"](conn, event)

    [row] = queued(engine)
    assert (row.template, row.language, row.recipient) == ("candidate_rejected", "fr", "jan.peeters@example.com")
    assert "nous avons retenu un autre candidat" in row.body


def test_a_rejection_the_consultant_chose_not_to_send_queues_nothing(engine):
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN, PRIVACY)["ApplicationStatusChanged"](conn, _rejected("no_show", notify=False))

    assert queued(engine) == []


def test_a_rejection_from_before_reasons_existed_gets_the_general_words(engine):
    event = application_status_changed(uuid.uuid4(), "rejected", language="en")  # no rejection_reason at all
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN, PRIVACY)["ApplicationStatusChanged"](conn, event)

    [row] = queued(engine)
    assert row.template == "candidate_rejected" and "we regret to inform you" in row.body


def test_lisa_reads_of_a_new_application_in_dutch_with_a_link_to_the_dutch_workspace(engine, smtp_server):
    event = application_submitted(consultant=LISA_IN_DUTCH)
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN, PRIVACY)["ApplicationSubmitted"](conn, event)

    deliver(engine, smtp_server.port)

    [email] = [m for m in smtp_server.handler.messages if m["To"] == LISA["email"]]
    text = _text(email)
    assert (email["Content-Language"], _subject(email)) == (
        "nl",
        "Nieuwe sollicitatie voor vacature 92742: IT Project Manager – Public Sector",
    )
    assert text.startswith("Beste Lisa Geudens,") and "Motivatie:" in text
    assert f"/nl/consultant/applications/{event.data['application_id']}" in text
    [candidate] = [m for m in smtp_server.handler.messages if m["To"] == "jan.peeters@example.com"]
    assert candidate["Content-Language"] == "nl"  # the candidate's own language, as before


def test_a_withdrawal_reaches_the_consultant_in_their_language(engine):
    event = application_submitted(consultant=LISA_IN_DUTCH)
    withdrawn = new_event(
        "ApplicationWithdrawn",
        event.data["application_id"],
        {key: event.data[key] for key in ("application_id", "vacancy_id", "vacancy_reference", "vacancy_title")}
        | {"consultant": LISA_IN_DUTCH, "candidate": event.data["candidate"]}
        | {
            "from_status": "screening",
            "reason": "Ik heb een andere opdracht aanvaard.",
            "withdrawn_at": datetime.now(UTC),
        },
        "application",
    )
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN, PRIVACY)["ApplicationWithdrawn"](conn, withdrawn)

    [row] = queued(engine)
    assert (row.template, row.language) == ("consultant_application_withdrawn", "nl")
    assert row.subject.startswith("Sollicitatie ingetrokken voor vacature 92742")


def test_an_event_naming_no_language_gets_the_configured_default(engine):
    handlers = event_handlers(
        LINKS, COOLDOWN, PRIVACY, ConsultantLanguage.from_env({"CONSULTANT_EMAIL_LANGUAGE": "fr"})
    )
    with engine.begin() as conn:
        handlers["ApplicationSubmitted"](conn, application_submitted())  # Lisa, no language named

    consultant = next(row for row in queued(engine) if row.recipient == LISA["email"])
    assert consultant.language == "fr" and consultant.subject.startswith("Nouvelle candidature")


def test_a_default_language_the_agency_does_not_write_in_stops_the_service():
    with pytest.raises(ConfigurationError, match="CONSULTANT_EMAIL_LANGUAGE"):
        ConsultantLanguage.from_env({"CONSULTANT_EMAIL_LANGUAGE": "de"})
