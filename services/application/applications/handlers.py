"""Use cases of the application service; each is given what it works with (a connection or the
engine, the CV storage, the candidate-link settings) by its caller."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from applications import application_store, events, upcoming_interviews, vacancy_store
from applications.application_store import ApplicationPage
from applications.consents import consents_given
from applications.cv_files import CvStorage, check_cv
from applications.cv_text import extract_cv_text
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
from applications.rejections import Rejection
from applications.submission import IdempotencyKeyReused, Outcome, Received, Submission
from applications.tokens import CandidateLinks, InvalidCandidateToken
from recruitment_shared.messaging import record_event

log = logging.getLogger(__name__)

# Refuses (by raising) a caller who may not act on this vacancy; None: a vacancy never published.
Guard = Callable[[KnownVacancy | None], None]


class ApplicationNotFound(LookupError):
    """No application has this id."""


def submit_application(engine: Engine, storage: CvStorage, submission: Submission) -> Received:
    """Check and keep the CV, then store the application and announce it (ApplicationSubmitted); or,
    if this address already applied to this vacancy, announce that (ApplicationRepeated) and store
    nothing; a retry with the same Idempotency-Key replays the first outcome and announces nothing.

    Refused with CvRejected, UnknownVacancy, VacancyNotOpen or IdempotencyKeyReused; then, as
    whenever no new application is stored, no new CV file is kept.
    """
    cv_file = check_cv(submission.cv)
    cv = CvReference(key=storage.save(submission.cv, cv_file), media_type=cv_file.media_type, size=cv_file.size)
    cv_text = extract_cv_text(submission.cv, cv_file.kind)  # before the transaction: reading takes a while
    try:
        received = _receive(engine, submission, cv, cv_text)
    except BaseException:
        storage.delete(cv.key)  # nothing was stored, so neither is the file
        raise
    if received.outcome is not Outcome.SUBMITTED:
        storage.delete(cv.key)  # the first submission's file is the one on record
    # By id only: no name, address or file name in logs.
    log.info("application %s %s to vacancy %s", received.application_id, received.outcome, received.vacancy_id)
    return received


def _receive(engine: Engine, submission: Submission, cv: CvReference, cv_text: str | None = None) -> Received:
    # A repeat is settled by unique keys, never by looking first: the repeat's transaction fails,
    # and a fresh look then finds the first answer (same Idempotency-Key: a replay, even if the
    # vacancy closed since) or the first application (same address: its owner hears of it).
    application_id = uuid.uuid4()
    try:
        with engine.begin() as conn:
            _submit(conn, submission, cv, application_id, cv_text)
        return Received(vacancy_id=submission.vacancy_id, application_id=application_id, outcome=Outcome.SUBMITTED)
    except (IntegrityError, UnknownVacancy, VacancyNotOpen) as refusal:
        received = _replay_or_repeat(engine, submission, collided=isinstance(refusal, IntegrityError))
        if received is None:
            raise
        return received


def _submit(
    conn: Connection, submission: Submission, cv: CvReference, application_id: uuid.UUID, cv_text: str | None = None
) -> Application:
    # No look-ups first: the unique keys (idempotency key, vacancy + email) refuse a repeat.
    now = datetime.now(UTC)
    vacancy = vacancy_store.get_known_vacancy(conn, submission.vacancy_id)
    candidate, motivation = submission.candidate, submission.motivation
    extra = {"source": submission.source, "cv_text": cv_text}
    application = apply(vacancy, submission.vacancy_id, candidate, motivation, now, cv, application_id, **extra)
    application_store.add_application(conn, application)
    given = consents_given(submission.notice_version, submission.talent_pool, now)
    application_store.add_consents(conn, application_id, given)
    if submission.idempotency_key:
        application_store.remember_answer(conn, submission.idempotency_key, submission.fingerprint, application_id, now)
    record_event(conn, outbox, events.application_submitted(application, vacancy))
    return application


def _replay_or_repeat(engine: Engine, submission: Submission, collided: bool) -> Received | None:
    """After a refused insert: a retry's replay, or (if the insert `collided` with this address's
    application) the repeat announced; None when neither, and the refusal stands."""
    try:
        with engine.begin() as conn:
            return _replay(conn, submission) or (_repeat(conn, submission) if collided else None)
    except IntegrityError:  # a concurrent retry with this Idempotency-Key had its repeat remembered first
        with engine.begin() as conn:
            return _replay(conn, submission)


def _replay(conn: Connection, submission: Submission) -> Received | None:
    """The outcome of the first request with this submission's Idempotency-Key, if it has been used."""
    first = application_store.first_answer(conn, submission.idempotency_key) if submission.idempotency_key else None
    if first is None:
        return None
    fingerprint, application_id = first
    if fingerprint != submission.fingerprint:
        raise IdempotencyKeyReused("this Idempotency-Key was used with a different request")
    return Received(vacancy_id=submission.vacancy_id, application_id=application_id, outcome=Outcome.REPLAYED)


def _repeat(conn: Connection, submission: Submission) -> Received | None:
    """This address's application to this vacancy, if any, with ApplicationRepeated recorded: its
    owner, not whoever sent this, gets the email with their link. The new submission is not kept."""
    existing_id = application_store.find_application(conn, submission.vacancy_id, submission.candidate.email)
    if existing_id is None:
        return None
    existing, vacancy = _load(conn, existing_id)
    if vacancy is None:  # an application's vacancy is always known; without it there is no email to write
        return None
    if submission.idempotency_key:  # a retry of this request replays this outcome, and emails nobody again
        now = datetime.now(UTC)
        application_store.remember_answer(conn, submission.idempotency_key, submission.fingerprint, existing_id, now)
    record_event(conn, outbox, events.application_repeated(existing, vacancy))
    return Received(vacancy_id=submission.vacancy_id, application_id=existing_id, outcome=Outcome.REPEATED)


def move_application(
    conn: Connection,
    application_id: uuid.UUID,
    status: ApplicationStatus,
    actor: str,
    reason: str | None,
    guard: Guard,
    rejection: Rejection | None = None,
) -> Application:
    """A consultant moves the application through the pipeline; announced as ApplicationStatusChanged,
    with the `rejection` (its reason, whether to tell the candidate) when it is one."""
    application, vacancy = _load(conn, application_id, for_update=True)
    guard(vacancy)
    change = application.move_to(status, actor, reason, datetime.now(UTC))
    application_store.save_status(conn, application, change)
    record_event(conn, outbox, events.status_changed(application, change, vacancy, rejection))
    upcoming_interviews.call_off_upcoming(conn, application, vacancy, actor, change.at)
    return application


def open_own_application(
    conn: Connection, application_id: uuid.UUID, links: CandidateLinks, for_update: bool = False
) -> Application:
    """The application a candidate's link named, while the link still opens it: InvalidCandidateToken
    once the application became final more than the grace period ago (or if it is gone)."""
    application = application_store.get_application(conn, application_id, for_update)
    if application is None:
        raise InvalidCandidateToken
    return links.check_open(application, datetime.now(UTC))


def withdraw_application(
    conn: Connection, application_id: uuid.UUID, reason: str | None, links: CandidateLinks
) -> Application:
    """The candidate withdraws, through their link; announced as ApplicationWithdrawn."""
    application = open_own_application(conn, application_id, links, for_update=True)
    vacancy = vacancy_store.get_known_vacancy(conn, application.vacancy_id)
    change = application.withdraw(reason, datetime.now(UTC))
    application_store.save_status(conn, application, change)
    record_event(conn, outbox, events.withdrawn(application, change, vacancy))
    upcoming_interviews.call_off_upcoming(conn, application, vacancy, change.actor, change.at)
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
