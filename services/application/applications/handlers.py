"""Use cases of the application service, each in the caller's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from applications import db, events, read_model
from applications.domain import (
    Application,
    ApplicationStatus,
    Candidate,
    CvReference,
    KnownVacancy,
    UnknownVacancy,
    VacancyNotOpen,
    VacancyState,
    apply,
)
from applications.screening import RequiredLanguage, VacancyRequirements
from recruitment_shared.events import Event
from recruitment_shared.messaging import record_event

Guard = Callable[[Application, KnownVacancy], None]


class ApplicationNotFound(LookupError):
    """No application has this id."""


class DuplicateApplication(Exception):
    """This candidate already applied to this vacancy."""

    def __init__(self, existing_id: uuid.UUID) -> None:
        super().__init__(f"you already applied to this vacancy (application {existing_id})")
        self.existing_id = existing_id


class IdempotencyKeyReused(ValueError):
    """The same Idempotency-Key came with a different request."""


@dataclass(frozen=True)
class Submission:
    vacancy_id: uuid.UUID
    candidate: Candidate
    motivation: str
    cv: CvReference | None
    idempotency_key: str | None = None
    fingerprint: str = ""
    application_id: uuid.UUID = field(default_factory=uuid.uuid4)
    candidate_token: str | None = None  # the self-service link's token, for the confirmation email


def submit_application(engine: Engine, submission: Submission) -> tuple[Application, bool]:
    """Store the application and announce it; (application, True) when it replays an earlier answer.

    A repeat is settled by unique keys, never by looking first: the repeat's transaction fails,
    and a fresh look then finds the first answer (same Idempotency-Key: a replay, even if the
    vacancy closed since) or the first application (same candidate: 409).
    """
    try:
        with engine.begin() as conn:
            return _submit(conn, submission, datetime.now(UTC))
    except (IntegrityError, UnknownVacancy, VacancyNotOpen) as refusal:
        with engine.begin() as conn:
            replayed = _replay(conn, submission)
            existing = db.find_application(conn, submission.vacancy_id, submission.candidate.email)
        if replayed:
            return replayed, True
        if isinstance(refusal, IntegrityError) and existing is not None:
            raise DuplicateApplication(existing) from None
        raise


def _submit(conn: Connection, submission: Submission, now: datetime) -> tuple[Application, bool]:
    # No look-ups first: the unique keys (idempotency key, vacancy + email) refuse a repeat,
    # and submit_application turns that refusal into a replay, a 409 or a 422.
    vacancy = read_model.get_known_vacancy(conn, submission.vacancy_id)
    candidate = submission.candidate
    application = apply(
        vacancy, submission.vacancy_id, candidate, submission.motivation, now, submission.cv, submission.application_id
    )
    db.add_application(conn, application)
    if submission.idempotency_key:
        conn.execute(
            db.idempotency_keys.insert().values(
                key=submission.idempotency_key,
                fingerprint=submission.fingerprint,
                application_id=application.id,
                created_at=now,
            )
        )
    record_event(conn, db.outbox, events.application_submitted(application, vacancy, submission.candidate_token))
    return application, False


def _replay(conn: Connection, submission: Submission) -> Application | None:
    if not submission.idempotency_key:
        return None
    keys = db.idempotency_keys
    stored = conn.execute(select(keys).where(keys.c.key == submission.idempotency_key)).first()
    if stored is None:
        return None
    if stored.fingerprint != submission.fingerprint:
        raise IdempotencyKeyReused("this Idempotency-Key was used with a different request")
    return db.get_application(conn, stored.application_id)


def move_application(
    conn: Connection, application_id: uuid.UUID, status: ApplicationStatus, actor: str, reason: str | None, guard: Guard
) -> Application:
    """A consultant moves the application through the pipeline; announced as ApplicationStatusChanged."""
    application, vacancy = _load(conn, application_id)
    guard(application, vacancy)
    change = application.move_to(status, actor, reason, datetime.now(UTC))
    db.save_status(conn, application, change)
    record_event(conn, db.outbox, events.status_changed(application, change, vacancy))
    return application


def withdraw_application(conn: Connection, application_id: uuid.UUID, reason: str | None) -> Application:
    """The candidate withdraws; announced as ApplicationWithdrawn."""
    application, vacancy = _load(conn, application_id)
    change = application.withdraw(reason, datetime.now(UTC))
    db.save_status(conn, application, change)
    record_event(conn, db.outbox, events.withdrawn(application, change, vacancy))
    return application


def get_application(conn: Connection, application_id: uuid.UUID) -> Application:
    """The application, or ApplicationNotFound."""
    application = db.get_application(conn, application_id)
    if application is None:
        raise ApplicationNotFound(f"no application with id {application_id}")
    return application


def _load(conn: Connection, application_id: uuid.UUID) -> tuple[Application, KnownVacancy]:
    application = db.get_application(conn, application_id, for_update=True)
    if application is None:
        raise ApplicationNotFound(f"no application with id {application_id}")
    return application, read_model.get_known_vacancy(conn, application.vacancy_id)


def on_vacancy_published(conn: Connection, event: Event) -> None:
    """A vacancy opened (or, as VacancyUpdated, changed): candidates may apply to it."""
    data = event.data
    terms = data["contract_terms"]
    requirements = VacancyRequirements(
        languages=tuple(RequiredLanguage(**language) for language in data["languages"]),
        experience_min_years=data["experience_min_years"],
        offers_freelance=terms.get("freelance") is not None,
        offers_permanent=terms.get("permanent") is not None,
        daily_rate=terms["freelance"]["daily_rate"] if terms.get("freelance") else None,
    )
    values = {
        "id": data["vacancy_id"],
        "reference": data["reference"],
        "state": VacancyState.OPEN,
        "title": data["title"],
        "consultant": {"name": data["consultant"]["name"], "email": data["consultant"]["email"]},
        "requirements": read_model.requirements_json(requirements),
        "updated_at": datetime.now(UTC),
    }
    read_model.put_known_vacancy(conn, values)


def on_vacancy_closed(conn: Connection, event: Event) -> None:
    """A vacancy closed: applications to it are refused from now on."""
    data = event.data
    values = {"id": data["vacancy_id"], "reference": data["reference"], "state": VacancyState.CLOSED}
    read_model.put_known_vacancy(conn, values | {"updated_at": datetime.now(UTC)})


VACANCY_EVENT_HANDLERS = {
    "VacancyPublished": on_vacancy_published,
    "VacancyUpdated": on_vacancy_published,
    "VacancyClosed": on_vacancy_closed,
}
