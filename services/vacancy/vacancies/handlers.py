"""Use cases of the vacancy service: load, check, change, record the event, in the caller's
transaction. `guard` lets the web layer check access and ETags on the locked vacancy."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from recruitment_shared.messaging import record_event
from vacancies import db
from vacancies.domain import CloseReason, Vacancy, VacancyStatus
from vacancies.events import vacancy_closed, vacancy_published, vacancy_updated

FIRST_REFERENCE = 10001
Guard = Callable[[Vacancy], None]


def _no_guard(_vacancy: Vacancy) -> None:
    return None


class VacancyNotFound(LookupError):
    """No vacancy has this id or reference (or the caller may not see it)."""


class ReferenceTaken(ValueError):
    """Another vacancy already uses this reference number."""


def create_vacancy(conn: Connection, vacancy: Vacancy) -> Vacancy:
    """Store a draft; a vacancy without a reference number gets the next free one."""
    if not vacancy.reference:
        vacancy.reference = db.next_reference(conn, FIRST_REFERENCE)
    try:
        with conn.begin_nested():  # a savepoint: a taken number must not spoil the transaction
            db.add_vacancy(conn, vacancy)
    except IntegrityError:  # the unique reference decides a race between two imports
        raise ReferenceTaken(f"reference {vacancy.reference} is already used by another vacancy") from None
    return vacancy


def revise_vacancy(conn: Connection, vacancy_id: uuid.UUID, revised: Vacancy, now: datetime, guard: Guard) -> Vacancy:
    """Replace the editable content; candidates hear of changes to a published vacancy."""
    vacancy = _load(conn, vacancy_id, guard)
    if vacancy.revise(revised):
        record_event(conn, db.outbox, vacancy_updated(vacancy, now))
    db.save_vacancy(conn, vacancy)
    return vacancy


def publish_vacancy(conn: Connection, vacancy_id: uuid.UUID, now: datetime, guard: Guard = _no_guard) -> Vacancy:
    """Open a draft to candidates and announce it."""
    vacancy = _load(conn, vacancy_id, guard)
    vacancy.publish(now)
    db.save_vacancy(conn, vacancy)
    record_event(conn, db.outbox, vacancy_published(vacancy))
    return vacancy


def close_vacancy(
    conn: Connection, vacancy_id: uuid.UUID, reason: CloseReason, now: datetime, guard: Guard = _no_guard
) -> Vacancy:
    """Stop a vacancy from taking applications and announce it."""
    vacancy = _load(conn, vacancy_id, guard)
    was_published = vacancy.status is VacancyStatus.PUBLISHED
    vacancy.close(reason, now)
    db.save_vacancy(conn, vacancy)
    if was_published:  # a cancelled draft was never announced, so there is nobody to tell
        record_event(conn, db.outbox, vacancy_closed(vacancy))
    return vacancy


def expire_vacancies(conn: Connection, now: datetime) -> list[Vacancy]:
    """Close, as expired, every published vacancy whose end or closing date has passed."""
    expired = []
    for vacancy_id in db.due_to_expire(conn, now.date()):
        vacancy = _load(conn, vacancy_id, _no_guard)
        if vacancy.expire(now):
            db.save_vacancy(conn, vacancy)
            record_event(conn, db.outbox, vacancy_closed(vacancy))
            expired.append(vacancy)
    return expired


def _load(conn: Connection, vacancy_id: uuid.UUID, guard: Guard) -> Vacancy:
    vacancy = db.get_vacancy(conn, vacancy_id, for_update=True)
    if vacancy is None:
        raise VacancyNotFound(f"no vacancy with id {vacancy_id}")
    guard(vacancy)
    return vacancy
