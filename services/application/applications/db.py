"""The application service's tables and the mapping between rows and the domain."""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, Column, Connection, MetaData, String, Table, Text, Uuid, select

from applications.domain import Application, ApplicationStatus, Candidate, Consultant, KnownVacancy, VacancyState
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
    Column("updated_at", UtcDateTime, nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


def get_known_vacancy(conn: Connection, vacancy_id: uuid.UUID) -> KnownVacancy | None:
    """What this service knows of a vacancy, if anything."""
    row = conn.execute(select(known_vacancies).where(known_vacancies.c.id == vacancy_id)).mappings().first()
    if row is None:
        return None
    consultant = Consultant(**row["consultant"]) if row["consultant"] else None
    return KnownVacancy(row["id"], row["reference"], VacancyState(row["state"]), row["title"], consultant)


def put_known_vacancy(conn: Connection, values: dict) -> None:
    """Insert or update the read model row of a vacancy.

    Check-then-write is safe here: all events of one vacancy share a partition, so one
    consumer applies them one after the other.
    """
    vacancy_id = values["id"]
    exists = conn.execute(select(known_vacancies.c.id).where(known_vacancies.c.id == vacancy_id)).first()
    if exists:
        conn.execute(known_vacancies.update().where(known_vacancies.c.id == vacancy_id).values(values))
    else:
        conn.execute(known_vacancies.insert().values(values))


def add_application(conn: Connection, application: Application) -> None:
    """Store a new application."""
    conn.execute(
        applications.insert().values(
            id=application.id,
            vacancy_id=application.vacancy_id,
            candidate_name=application.candidate.name,
            candidate_email=application.candidate.email,
            motivation=application.motivation,
            status=application.status,
            submitted_at=application.submitted_at,
        )
    )


def get_application(conn: Connection, application_id: uuid.UUID) -> Application | None:
    """The application with this id, if any."""
    row = conn.execute(select(applications).where(applications.c.id == application_id)).mappings().first()
    if row is None:
        return None
    candidate = Candidate(row["candidate_name"], row["candidate_email"])
    return Application(
        row["vacancy_id"],
        candidate,
        row["motivation"],
        row["submitted_at"],
        row["id"],
        ApplicationStatus(row["status"]),
    )
