"""The application service's tables and the mapping between rows and the domain."""

from __future__ import annotations

import uuid
from dataclasses import asdict

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    func,
    select,
)

from applications.domain import (
    Application,
    ApplicationStatus,
    Candidate,
    CvReference,
    StatusChange,
)
from applications.screening import LanguageSkill, Screening
from recruitment_shared.db import UtcDateTime
from recruitment_shared.messaging import inbox_table, outbox_table

metadata = MetaData()

applications = Table(
    "applications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("vacancy_id", Uuid, nullable=False, index=True),
    Column("candidate_name", String(200), nullable=False),
    Column("candidate_email", String(320), nullable=False),
    Column("motivation", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("phone", String(40)),
    Column("preferred_language", String(2), nullable=False, server_default="en"),
    Column("languages", JSON, nullable=False, server_default="[]"),
    Column("years_of_experience", Integer, nullable=False, server_default="0"),
    Column("contract_preference", String(20), nullable=False, server_default="either"),
    Column("expected_daily_rate", Integer),
    Column("available_from", Date),
    Column("consent_at", UtcDateTime),
    Column("screening", JSON),
    Column("cv", JSON),
)
# One application per candidate and vacancy: the index, not a prior check, settles races.
Index(
    "uq_applications_vacancy_email", applications.c.vacancy_id, func.lower(applications.c.candidate_email), unique=True
)

application_history = Table(
    "application_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False, index=True),
    Column("from_status", String(20)),
    Column("to_status", String(20), nullable=False),
    Column("actor", String(320), nullable=False),
    Column("reason", Text),
    Column("at", UtcDateTime, nullable=False),
)

# The first answer to each Idempotency-Key, replayed when a client retries.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("application_id", Uuid, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# What vacancy events told us; VacancyClosed may arrive for a vacancy we never saw open.
known_vacancies = Table(
    "known_vacancies",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("reference", String(20), nullable=False),
    Column("state", String(20), nullable=False),
    Column("title", String(200)),
    Column("consultant", JSON),
    Column("requirements", JSON),
    Column("updated_at", UtcDateTime, nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


def add_application(conn: Connection, application: Application) -> None:
    """Store a new application and its first history entry."""
    conn.execute(applications.insert().values(_to_row(application)))
    for change in application.history:
        add_history(conn, application.id, change)


def save_status(conn: Connection, application: Application, change: StatusChange) -> None:
    """Record a step through the pipeline."""
    conn.execute(applications.update().where(applications.c.id == application.id).values(status=application.status))
    add_history(conn, application.id, change)


def add_history(conn: Connection, application_id: uuid.UUID, change: StatusChange) -> None:
    """Append one entry to an application's history."""
    conn.execute(application_history.insert().values(application_id=application_id, **asdict(change)))


def get_application(conn: Connection, application_id: uuid.UUID, for_update: bool = False) -> Application | None:
    """The application with this id, with its history."""
    query = select(applications).where(applications.c.id == application_id)
    row = conn.execute(query.with_for_update() if for_update else query).mappings().first()
    return _from_row(conn, row) if row else None


def find_application(conn: Connection, vacancy_id: uuid.UUID, email: str) -> uuid.UUID | None:
    """The id of this candidate's application to this vacancy, if any."""
    query = select(applications.c.id).where(
        applications.c.vacancy_id == vacancy_id, func.lower(applications.c.candidate_email) == email.lower()
    )
    return conn.execute(query).scalar()


def _to_row(application: Application) -> dict:
    candidate = application.candidate
    return {
        "id": application.id,
        "vacancy_id": application.vacancy_id,
        "candidate_name": candidate.name,
        "candidate_email": candidate.email,
        "motivation": application.motivation,
        "status": application.status,
        "submitted_at": application.submitted_at,
        "phone": candidate.phone,
        "preferred_language": candidate.preferred_language,
        "languages": [asdict(language) for language in candidate.languages],
        "years_of_experience": candidate.years_of_experience,
        "contract_preference": candidate.contract_preference,
        "expected_daily_rate": candidate.expected_daily_rate,
        "available_from": candidate.available_from,
        "consent_at": application.consent_at,
        "screening": application.screening.to_dict() if application.screening else None,
        "cv": asdict(application.cv) if application.cv else None,
    }


def _from_row(conn: Connection, row) -> Application:
    candidate = Candidate(
        row["candidate_name"],
        row["candidate_email"],
        row["phone"],
        row["preferred_language"],
        tuple(LanguageSkill(**language) for language in row["languages"]),
        row["years_of_experience"],
        row["contract_preference"],
        row["expected_daily_rate"],
        row["available_from"],
    )
    history = conn.execute(
        select(application_history).where(application_history.c.application_id == row["id"]).order_by("id")
    ).mappings()
    return Application(
        row["vacancy_id"],
        candidate,
        row["motivation"],
        row["submitted_at"],
        Screening.from_dict(row["screening"]) if row["screening"] else None,
        CvReference(**row["cv"]) if row["cv"] else None,
        row["consent_at"],
        row["id"],
        ApplicationStatus(row["status"]),
        [_change(h) for h in history],
    )


def _change(row) -> StatusChange:
    before = ApplicationStatus(row["from_status"]) if row["from_status"] else None
    return StatusChange(before, ApplicationStatus(row["to_status"]), row["actor"], row["reason"], row["at"])
