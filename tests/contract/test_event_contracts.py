"""Every consumer accepts every producer's events: each producer's real event builder, through
the wire format, into each consumer's real handler on that consumer's own migrated schema."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

import applications
import notifications
from applications.domain import ApplicationStatus, Candidate, KnownVacancy, VacancyState, apply
from applications.domain import Consultant as ApplicationConsultant
from applications.events import (
    application_repeated,
    application_submitted,
    candidate_erased,
    status_changed,
    withdrawn,
)
from applications.interview_events import interview_cancelled, interview_rescheduled, interview_scheduled
from applications.interviews import InterviewPlan
from applications.interviews import schedule as schedule_interview
from applications.read_model import VACANCY_EVENT_HANDLERS
from applications.vacancy_store import get_known_vacancy
from notifications.db import emails
from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.handlers import event_handlers
from notifications.links import Links
from recruitment_shared.db import make_engine
from recruitment_shared.events import Event, contract_for, from_message, to_message
from recruitment_shared.events.compatibility import RELEASED, released_reader
from recruitment_shared.events.registry import CONTRACTS
from recruitment_shared.migrations import upgrade
from recruitment_shared.privacy import candidate_key, candidate_keys_secret
from tests.support.seed import vacancy_92742
from vacancies.domain import CloseReason
from vacancies.events import vacancy_closed, vacancy_published, vacancy_updated
from vacancies.schemas import VacancyDraftSchema

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
NOTIFICATION_HANDLERS = event_handlers(Links("a-secret-only-the-contract-tests-use-here"), DEFAULT_EMAIL_COOLDOWN)

# Which consumer handles which event type; a new event type must be added here on purpose.
CONSUMERS = {
    "VacancyPublished": ["application", "notification"],
    "VacancyUpdated": ["application"],
    "VacancyClosed": ["application"],
    "ApplicationSubmitted": ["notification"],
    "ApplicationRepeated": ["notification"],
    "ApplicationStatusChanged": ["notification"],
    "ApplicationWithdrawn": ["notification"],
    "CandidateErased": ["notification"],
    "InterviewScheduled": ["notification"],
    "InterviewRescheduled": ["notification"],
    "InterviewCancelled": ["notification"],
}


def _database(tmp_path: Path, package) -> object:
    url = f"sqlite:///{tmp_path / package.__name__}.sqlite3"
    upgrade(Path(package.__file__).parent / "migrations", url)
    return make_engine(url)


def _over_the_wire(event: Event) -> Event:
    message = to_message(event)
    return from_message(message.value, message.key.encode())


def _known_92742(consultant: ApplicationConsultant) -> KnownVacancy:
    """Vacancy 92742 as the application service knows it once it was published."""
    title = "IT Project Manager – Public Sector"
    return KnownVacancy(id=uuid.uuid4(), reference="92742", state=VacancyState.OPEN, title=title, consultant=consultant)


def _seed_vacancy():
    vacancy = VacancyDraftSchema().load(vacancy_92742())
    vacancy.publish(NOW)
    return vacancy


def test_every_registered_event_has_a_declared_consumer():
    assert set(CONSUMERS) == set(CONTRACTS)
    assert {contract_for(name).topic for name in CONTRACTS} == {"vacancies", "applications"}


def test_the_application_service_accepts_the_vacancy_services_events(tmp_path):
    engine = _database(tmp_path, applications)
    vacancy = _seed_vacancy()

    with engine.begin() as conn:
        VACANCY_EVENT_HANDLERS["VacancyPublished"](conn, _over_the_wire(vacancy_published(vacancy)))
    with engine.connect() as conn:
        opened = get_known_vacancy(conn, vacancy.id)
    vacancy.revise(replace(vacancy, title="Senior IT Project Manager – Public Sector"))
    with engine.begin() as conn:
        VACANCY_EVENT_HANDLERS["VacancyUpdated"](conn, _over_the_wire(vacancy_updated(vacancy, NOW)))
    with engine.connect() as conn:
        updated = get_known_vacancy(conn, vacancy.id)
    vacancy.close(CloseReason.FILLED, NOW)
    with engine.begin() as conn:
        VACANCY_EVENT_HANDLERS["VacancyClosed"](conn, _over_the_wire(vacancy_closed(vacancy)))
    with engine.connect() as conn:
        closed = get_known_vacancy(conn, vacancy.id)

    assert (opened.reference, opened.title, opened.state) == ("92742", "IT Project Manager – Public Sector", "open")
    assert (updated.title, updated.state) == ("Senior IT Project Manager – Public Sector", VacancyState.OPEN)
    assert opened.consultant.email == "lisa.geudens@example.com"
    assert closed.state == VacancyState.CLOSED


def test_the_notification_service_accepts_the_application_services_events(tmp_path):
    engine = _database(tmp_path, notifications)
    consultant = ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com")
    vacancy = _known_92742(consultant)
    application = apply(
        vacancy, vacancy.id, Candidate(name="Jan Peeters", email="jan.peeters@example.com"), "Motivated.", NOW
    )

    with engine.begin() as conn:
        NOTIFICATION_HANDLERS["ApplicationSubmitted"](conn, _over_the_wire(application_submitted(application, vacancy)))
    with engine.connect() as conn:
        queued = conn.execute(select(emails).order_by(emails.c.id)).all()

    assert [(e.recipient, e.template, e.status) for e in queued] == [
        ("lisa.geudens@example.com", "consultant_new_application", "pending"),
        ("jan.peeters@example.com", "candidate_application_received", "pending"),
    ]
    assert "92742" in queued[0].subject and "Jan Peeters" in queued[0].body


@pytest.mark.parametrize("event_type", sorted(CONSUMERS))
def test_consumers_declare_a_handler_for_each_event_they_are_said_to_consume(event_type):
    handlers = {"application": VACANCY_EVENT_HANDLERS, "notification": NOTIFICATION_HANDLERS}
    for consumer in CONSUMERS[event_type]:
        assert event_type in handlers[consumer]


def test_every_application_event_crosses_the_wire_with_what_notification_needs():
    consultant = ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com")
    vacancy = _known_92742(consultant)
    candidate = Candidate(name="Jan Peeters", email="jan.peeters@example.com", preferred_language="nl")
    application = apply(vacancy, vacancy.id, candidate, "Motivated.", NOW)
    moved = application.move_to(ApplicationStatus.SCREENING, "lisa.geudens@example.com", "Looks good", NOW)
    left = application.withdraw("Another offer", NOW)

    received = [
        _over_the_wire(status_changed(application, moved, vacancy)),
        _over_the_wire(withdrawn(application, left, vacancy)),
    ]

    assert [(e.type, e.subject) for e in received] == [
        ("ApplicationStatusChanged", str(application.id)),
        ("ApplicationWithdrawn", str(application.id)),
    ]
    for event in received:
        assert event.data["candidate"]["email"] == "jan.peeters@example.com"
        assert event.data["candidate"]["preferred_language"] == "nl"
        assert (event.data["vacancy_reference"], event.data["consultant"]["email"]) == ("92742", consultant.email)
    assert (received[0].data["to_status"], received[0].data["reason"]) == ("screening", "Looks good")
    assert received[1].data["from_status"] == "screening"


def test_the_notification_service_accepts_every_event_it_consumes(tmp_path):
    engine = _database(tmp_path, notifications)
    consultant = ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com")
    vacancy = _known_92742(consultant)
    candidate = Candidate(name="Jan Peeters", email="jan.peeters@example.com", preferred_language="fr")
    application = apply(vacancy, vacancy.id, candidate, "Motivated.", NOW)
    application.move_to(ApplicationStatus.SCREENING, consultant.email, None, NOW)
    interview = application.move_to(ApplicationStatus.INTERVIEW, consultant.email, None, NOW)
    left = application.withdraw(None, NOW)
    events = [
        _over_the_wire(status_changed(application, interview, vacancy)),
        _over_the_wire(withdrawn(application, left, vacancy)),
        _over_the_wire(vacancy_published(_seed_vacancy())),
    ]

    with engine.begin() as conn:
        for event in events:
            NOTIFICATION_HANDLERS[event.type](conn, event)
        queued = conn.execute(select(emails.c.recipient, emails.c.template, emails.c.language)).all()
        owners = set(conn.execute(select(emails.c.vacancy_id, emails.c.consultant_email)).all())

    assert sorted(queued) == [
        ("jan.peeters@example.com", "candidate_status_changed", "fr"),
        ("lisa.geudens@example.com", "consultant_application_withdrawn", "en"),
    ]
    assert owners == {(vacancy.id, consultant.email)}  # whose delivery log shows them


def test_the_notification_service_erases_what_the_application_services_candidate_erased_names(tmp_path):
    engine = _database(tmp_path, notifications)
    consultant = ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com")
    vacancy = _known_92742(consultant)
    candidate = Candidate(name="Jan Peeters", email="Jan.Peeters@example.com", preferred_language="nl")
    application = apply(vacancy, vacancy.id, candidate, "Motivated.", NOW)
    rejected = application.move_to(ApplicationStatus.REJECTED, consultant.email, None, NOW)
    # Both services key the address with the same configured secret (recruitment_shared.privacy).
    key = candidate_key("jan.peeters@example.com", candidate_keys_secret())
    erased = _over_the_wire(candidate_erased(application.id, uuid.uuid4(), key, "candidate", NOW))

    with engine.begin() as conn:
        NOTIFICATION_HANDLERS["ApplicationSubmitted"](conn, _over_the_wire(application_submitted(application, vacancy)))
        recorded = conn.execute(select(emails.c.recipient_key)).scalars().all()
        NOTIFICATION_HANDLERS["CandidateErased"](conn, erased)
        NOTIFICATION_HANDLERS["ApplicationStatusChanged"](
            conn, _over_the_wire(status_changed(application, rejected, vacancy))
        )
        left = conn.execute(select(emails)).all()

    assert sorted(recorded, key=str) == sorted([key, None], key=str)  # the candidate's email carries the key
    assert left == []  # not sent yet: deleted; and the late status change made none


def test_consumers_on_the_released_schemas_read_every_event_the_producers_now_send():
    consultant = ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com")
    known = _known_92742(consultant)
    application = apply(
        known, known.id, Candidate(name="Jan Peeters", email="jan.peeters@example.com"), "Motivated.", NOW
    )
    moved = application.move_to(ApplicationStatus.SCREENING, consultant.email, None, NOW)
    left = application.withdraw(None, NOW)
    vacancy = _seed_vacancy()
    produced = [vacancy_published(vacancy), vacancy_updated(vacancy, NOW)]
    vacancy.close(CloseReason.FILLED, NOW)
    produced += [vacancy_closed(vacancy), application_submitted(application, known)]
    produced += [application_repeated(application, known)]
    produced += [status_changed(application, moved, known), withdrawn(application, left, known)]
    produced += [candidate_erased(application.id, uuid.uuid4(), "0" * 64, "candidate", NOW)]
    produced += _interview_events(application, known)
    released = json.loads(RELEASED.read_text())

    assert {event.type for event in produced} == set(CONTRACTS)
    for event in produced:
        wire = json.loads(to_message(event).value)
        released_reader(released[f"{event.type}/v{wire['schemaversion']}"]).load(wire["data"])  # raises if not


def _interview_events(application, vacancy: KnownVacancy) -> list[Event]:
    """An interview of `application` scheduled, moved and cancelled, as the application service announces it."""
    plan = InterviewPlan(starts_at=NOW + timedelta(days=7), duration_minutes=60, location="Meir 24, 2000 Antwerpen")
    interview = schedule_interview(application.id, plan, "lisa.geudens@example.com", NOW)
    produced = [interview_scheduled(interview, application, vacancy)]
    before = interview.reschedule(replace(plan, starts_at=NOW + timedelta(days=8)), NOW)
    produced.append(
        interview_rescheduled(interview, before.starts_at, "lisa.geudens@example.com", application, vacancy)
    )
    interview.cancel("lisa.geudens@example.com", NOW)
    return [*produced, interview_cancelled(interview, application, vacancy)]


def test_the_notification_service_sends_an_invitation_for_every_interview_event(tmp_path):
    engine = _database(tmp_path, notifications)
    consultant = ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com")
    vacancy = _known_92742(consultant)
    candidate = Candidate(name="Jan Peeters", email="jan.peeters@example.com", preferred_language="fr")
    application = apply(vacancy, vacancy.id, candidate, "Motivated.", NOW)

    with engine.begin() as conn:
        for event in _interview_events(application, vacancy):
            NOTIFICATION_HANDLERS[event.type](conn, _over_the_wire(event))
        queued = conn.execute(select(emails.c.recipient, emails.c.template, emails.c.language, emails.c.calendar)).all()

    assert sorted((recipient, template, language) for recipient, template, language, _ in queued) == sorted(
        [
            ("jan.peeters@example.com", "candidate_interview", "fr"),
            ("lisa.geudens@example.com", "consultant_interview", "en"),
        ]
        * 3
    )
    methods = sorted(calendar.split("METHOD:")[1].split()[0] for *_, calendar in queued)
    assert methods == ["CANCEL", "CANCEL", "REQUEST", "REQUEST", "REQUEST", "REQUEST"]
