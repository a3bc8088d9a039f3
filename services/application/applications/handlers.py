"""Use cases of the application service, each in the caller's transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection

from applications import db
from applications.domain import Application, Candidate, VacancyState, apply
from applications.events import application_submitted
from recruitment_shared.events import Event
from recruitment_shared.messaging import record_event


class ApplicationNotFound(LookupError):
    """No application has this id."""


def submit_application(
    conn: Connection, vacancy_id: uuid.UUID, candidate: Candidate, motivation: str, now: datetime
) -> Application:
    """Store the application and announce it; refused for unknown or closed vacancies."""
    vacancy = db.get_known_vacancy(conn, vacancy_id)
    application = apply(vacancy, vacancy_id, candidate, motivation, now)
    db.add_application(conn, application)
    record_event(conn, db.outbox, application_submitted(application, vacancy))
    return application


def get_application(conn: Connection, application_id: uuid.UUID) -> Application:
    """The application, or ApplicationNotFound."""
    application = db.get_application(conn, application_id)
    if application is None:
        raise ApplicationNotFound(f"no application with id {application_id}")
    return application


def on_vacancy_published(conn: Connection, event: Event) -> None:
    """A vacancy opened: candidates may apply to it from now on."""
    data = event.data
    db.put_known_vacancy(
        conn,
        {
            "id": data["vacancy_id"],
            "reference": data["reference"],
            "state": VacancyState.OPEN,
            "title": data["title"],
            "consultant": {"name": data["consultant"]["name"], "email": data["consultant"]["email"]},
            "updated_at": datetime.now(UTC),
        },
    )


def on_vacancy_updated(conn: Connection, event: Event) -> None:
    """A published vacancy changed: keep the title and consultant that applications carry."""
    on_vacancy_published(conn, event)


def on_vacancy_closed(conn: Connection, event: Event) -> None:
    """A vacancy closed: applications to it are refused from now on."""
    data = event.data
    values = {"id": data["vacancy_id"], "reference": data["reference"], "state": VacancyState.CLOSED}
    db.put_known_vacancy(conn, values | {"updated_at": datetime.now(UTC)})


VACANCY_EVENT_HANDLERS = {
    "VacancyPublished": on_vacancy_published,
    "VacancyUpdated": on_vacancy_updated,
    "VacancyClosed": on_vacancy_closed,
}
