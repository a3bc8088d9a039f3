"""Use cases of the vacancy service: load, change, record the event, in the caller's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection

from recruitment_shared.messaging import record_event
from vacancies import db
from vacancies.domain import CloseReason, Vacancy
from vacancies.events import vacancy_closed, vacancy_published

FIRST_REFERENCE = 10001


class VacancyNotFound(LookupError):
    """No vacancy has this id."""


class ReferenceTaken(ValueError):
    """Another vacancy already uses this reference number."""


def create_vacancy(conn: Connection, vacancy: Vacancy) -> Vacancy:
    """Store a draft; a vacancy without a reference number gets the next free one."""
    if not vacancy.reference:
        vacancy.reference = str(max(db.highest_reference(conn) + 1, FIRST_REFERENCE))
    elif db.reference_taken(conn, vacancy.reference):
        raise ReferenceTaken(f"reference {vacancy.reference} is already used by another vacancy")
    db.add_vacancy(conn, vacancy)
    return vacancy


def publish_vacancy(conn: Connection, vacancy_id: uuid.UUID, now: datetime) -> Vacancy:
    """Open a draft to candidates and announce it."""
    vacancy = _load(conn, vacancy_id)
    vacancy.publish(now)
    db.save_vacancy(conn, vacancy)
    record_event(conn, db.outbox, vacancy_published(vacancy))
    return vacancy


def close_vacancy(conn: Connection, vacancy_id: uuid.UUID, reason: CloseReason, now: datetime) -> Vacancy:
    """Stop a published vacancy from taking applications and announce it."""
    vacancy = _load(conn, vacancy_id)
    vacancy.close(reason, now)
    db.save_vacancy(conn, vacancy)
    record_event(conn, db.outbox, vacancy_closed(vacancy))
    return vacancy


def get_vacancy(conn: Connection, vacancy_id: uuid.UUID) -> Vacancy:
    """The vacancy, or VacancyNotFound."""
    return _load(conn, vacancy_id, for_update=False)


def _load(conn: Connection, vacancy_id: uuid.UUID, for_update: bool = True) -> Vacancy:
    vacancy = db.get_vacancy(conn, vacancy_id, for_update=for_update)
    if vacancy is None:
        raise VacancyNotFound(f"no vacancy with id {vacancy_id}")
    return vacancy
