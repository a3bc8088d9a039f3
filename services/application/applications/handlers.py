"""Use cases of the application service; each is given what it works with (a connection or the
engine, the CV storage, the signing secret) by its caller."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from applications import application_store, events, vacancy_store
from applications.application_store import ApplicationPage
from applications.cv_files import CvStorage, check_cv
from applications.db import outbox
from applications.domain import (
    Application,
    ApplicationStatus,
    CvReference,
    KnownVacancy,
    UnknownVacancy,
    VacancyNotOpen,
    apply,
)
from applications.submission import DuplicateApplication, IdempotencyKeyReused, Submission, Submitted
from applications.tokens import candidate_token
from recruitment_shared.messaging import record_event

log = logging.getLogger(__name__)

# Refuses (by raising) a caller who may not act on this vacancy; None: a vacancy never published.
Guard = Callable[[KnownVacancy | None], None]


class ApplicationNotFound(LookupError):
    """No application has this id."""


def submit_application(engine: Engine, storage: CvStorage, secret: str, submission: Submission) -> Submitted:
    """Check and keep the CV, store the application and announce it; a retry replays the first answer.

    Refused with CvRejected, UnknownVacancy, VacancyNotOpen, DuplicateApplication or
    IdempotencyKeyReused; then, as after a replay, no new CV file is kept.
    """
    cv_file = check_cv(submission.cv)
    cv = CvReference(key=storage.save(submission.cv, cv_file), media_type=cv_file.media_type, size=cv_file.size)
    try:
        submitted = _submit_or_replay(engine, secret, submission, cv)
    except BaseException:
        storage.delete(cv.key)  # nothing was stored, so neither is the file
        raise
    if submitted.replayed:
        storage.delete(cv.key)  # the first submission's file is the one on record
    else:  # by id only: no name, address or file name in logs
        log.info("application %s submitted to vacancy %s", submitted.application.id, submitted.application.vacancy_id)
    return submitted


def _submit_or_replay(engine: Engine, secret: str, submission: Submission, cv: CvReference) -> Submitted:
    # A repeat is settled by unique keys, never by looking first: the repeat's transaction fails,
    # and a fresh look then finds the first answer (same Idempotency-Key: a replay, even if the
    # vacancy closed since) or the first application (same candidate: 409).
    application_id = uuid.uuid4()
    token = candidate_token(secret, application_id)
    try:
        with engine.begin() as conn:
            application = _submit(conn, submission, cv, application_id, token)
        return Submitted(application=application, candidate_token=token, replayed=False)
    except (IntegrityError, UnknownVacancy, VacancyNotOpen) as refusal:
        with engine.begin() as conn:
            replayed = _replay(conn, submission)
            existing = application_store.find_application(conn, submission.vacancy_id, submission.candidate.email)
        if replayed:
            return Submitted(application=replayed, candidate_token=candidate_token(secret, replayed.id), replayed=True)
        if isinstance(refusal, IntegrityError) and existing is not None:
            raise DuplicateApplication(existing) from None
        raise


def _submit(
    conn: Connection, submission: Submission, cv: CvReference, application_id: uuid.UUID, token: str
) -> Application:
    # No look-ups first: the unique keys (idempotency key, vacancy + email) refuse a repeat.
    now = datetime.now(UTC)
    vacancy = vacancy_store.get_known_vacancy(conn, submission.vacancy_id)
    candidate, motivation = submission.candidate, submission.motivation
    application = apply(vacancy, submission.vacancy_id, candidate, motivation, now, cv, application_id)
    application_store.add_application(conn, application)
    if submission.idempotency_key:
        application_store.remember_answer(conn, submission.idempotency_key, submission.fingerprint, application_id, now)
    record_event(conn, outbox, events.application_submitted(application, vacancy, token))
    return application


def _replay(conn: Connection, submission: Submission) -> Application | None:
    """The application that first answered this submission's Idempotency-Key, if it has been used."""
    first = application_store.first_answer(conn, submission.idempotency_key) if submission.idempotency_key else None
    if first is None:
        return None
    fingerprint, application_id = first
    if fingerprint != submission.fingerprint:
        raise IdempotencyKeyReused("this Idempotency-Key was used with a different request")
    return application_store.get_application(conn, application_id)


def move_application(
    conn: Connection, application_id: uuid.UUID, status: ApplicationStatus, actor: str, reason: str | None, guard: Guard
) -> Application:
    """A consultant moves the application through the pipeline; announced as ApplicationStatusChanged."""
    application, vacancy = _load(conn, application_id, for_update=True)
    guard(vacancy)
    change = application.move_to(status, actor, reason, datetime.now(UTC))
    application_store.save_status(conn, application, change)
    record_event(conn, outbox, events.status_changed(application, change, vacancy))
    return application


def withdraw_application(conn: Connection, application_id: uuid.UUID, reason: str | None) -> Application:
    """The candidate withdraws; announced as ApplicationWithdrawn."""
    application, vacancy = _load(conn, application_id, for_update=True)
    change = application.withdraw(reason, datetime.now(UTC))
    application_store.save_status(conn, application, change)
    record_event(conn, outbox, events.withdrawn(application, change, vacancy))
    return application


def get_application(conn: Connection, application_id: uuid.UUID, for_update: bool = False) -> Application:
    """The application, or ApplicationNotFound; `for_update` locks it until the transaction ends."""
    application = application_store.get_application(conn, application_id, for_update)
    if application is None:
        raise ApplicationNotFound(f"no application with id {application_id}")
    return application


def review_application(conn: Connection, application_id: uuid.UUID, guard: Guard) -> Application:
    """The application for a consultant the guard lets act on its vacancy, or ApplicationNotFound."""
    application, vacancy = _load(conn, application_id)
    guard(vacancy)
    return application


def list_applications(
    conn: Connection, vacancy_id: uuid.UUID, status: str | None, page: int, page_size: int, guard: Guard
) -> ApplicationPage:
    """A page of a vacancy's applications (of one status, if given), newest first, if the guard lets you."""
    guard(vacancy_store.get_known_vacancy(conn, vacancy_id))
    return application_store.list_applications(conn, vacancy_id, status, page, page_size)


def get_known_vacancy(conn: Connection, vacancy_id: uuid.UUID) -> KnownVacancy:
    """What vacancy events told this service of a vacancy, or UnknownVacancy."""
    vacancy = vacancy_store.get_known_vacancy(conn, vacancy_id)
    if vacancy is None:
        raise UnknownVacancy(f"no vacancy with id {vacancy_id} has been published")
    return vacancy


def _load(
    conn: Connection, application_id: uuid.UUID, for_update: bool = False
) -> tuple[Application, KnownVacancy | None]:
    application = get_application(conn, application_id, for_update)
    return application, vacancy_store.get_known_vacancy(conn, application.vacancy_id)
