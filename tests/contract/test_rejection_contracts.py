"""Across the three services, by their real event builders and handlers through the wire format: a
vacancy closed as filled turns into a rejection email in each open candidate's language, and the
consultant's language, taken from their token by the vacancy service, reaches their emails."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

import applications
import notifications
from applications import application_store
from applications.db import outbox
from applications.domain import Candidate, apply
from applications.events import application_submitted
from applications.read_model import VACANCY_EVENT_HANDLERS
from applications.vacancy_store import get_known_vacancy
from notifications.db import emails
from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.handlers import event_handlers
from notifications.links import Links
from recruitment_shared.db import make_engine
from recruitment_shared.events import Event, from_message, to_message
from recruitment_shared.migrations import upgrade
from tests.support.seed import vacancy_92742
from tests.support.services import outbox_events
from vacancies.domain import CloseReason
from vacancies.events import vacancy_closed, vacancy_published
from vacancies.schemas import VacancyDraftSchema

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
NOTIFICATION_HANDLERS = event_handlers(Links("a-secret-only-the-contract-tests-use-here"), DEFAULT_EMAIL_COOLDOWN)


def _database(tmp_path: Path, package) -> object:
    url = f"sqlite:///{tmp_path / package.__name__}.sqlite3"
    upgrade(Path(package.__file__).parent / "migrations", url)
    return make_engine(url)


def _over_the_wire(event: Event) -> Event:
    message = to_message(event)
    return from_message(message.value, message.key.encode())


def test_closing_92742_as_filled_emails_its_open_candidate_and_lisa_reads_hers_in_dutch(tmp_path):
    at_applications, at_notifications = _database(tmp_path, applications), _database(tmp_path, notifications)
    vacancy = VacancyDraftSchema().load(vacancy_92742())
    vacancy.consultant = replace(vacancy.consultant, language="nl")  # as Lisa's token (locale nl-BE) set it
    vacancy.publish(NOW)
    with at_applications.begin() as conn:
        VACANCY_EVENT_HANDLERS["VacancyPublished"](conn, _over_the_wire(vacancy_published(vacancy)))
        known = get_known_vacancy(conn, vacancy.id)
        candidate = Candidate(name="Élodie Martin", email="elodie.martin@example.com", preferred_language="fr")
        application = apply(known, known.id, candidate, "Motivée.", NOW)
        application_store.add_application(conn, application)
    vacancy.close(CloseReason.FILLED, NOW)
    with at_applications.begin() as conn:
        VACANCY_EVENT_HANDLERS["VacancyClosed"](conn, _over_the_wire(vacancy_closed(vacancy)))
    [rejection] = outbox_events(at_applications, outbox)

    with at_notifications.begin() as conn:
        NOTIFICATION_HANDLERS["ApplicationSubmitted"](conn, _over_the_wire(application_submitted(application, known)))
        NOTIFICATION_HANDLERS[rejection.type](conn, rejection)
        queued = conn.execute(select(emails.c.recipient, emails.c.template, emails.c.language)).all()

    assert (rejection.type, rejection.data["rejection_reason"]) == ("ApplicationStatusChanged", "vacancy_closed")
    assert rejection.data["consultant"]["language"] == "nl"
    assert sorted(queued) == [
        ("elodie.martin@example.com", "candidate_application_received", "fr"),
        ("elodie.martin@example.com", "candidate_rejected", "fr"),
        ("lisa.geudens@example.com", "consultant_new_application", "nl"),
    ]
