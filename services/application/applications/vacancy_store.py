"""Storing the read model of vacancies: what vacancy events told this service of each vacancy."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import Connection, RowMapping, delete, select

from applications.db import inbox, known_vacancies
from applications.domain import Consultant, KnownVacancy, VacancyState
from applications.screening import RequiredLanguage, VacancyRequirements

V = known_vacancies.c


def get_known_vacancy(conn: Connection, vacancy_id: uuid.UUID) -> KnownVacancy | None:
    """What this service knows of a vacancy, if anything."""
    row = conn.execute(select(known_vacancies).where(V.id == vacancy_id)).mappings().first()
    return _from_row(row) if row else None


def put_known_vacancy(conn: Connection, vacancy: KnownVacancy, now: datetime) -> None:
    """Store all this service knows of a vacancy, as it opened or changed."""
    values = {
        "reference": vacancy.reference,
        "state": vacancy.state,
        "title": vacancy.title,
        "consultant": asdict(vacancy.consultant) if vacancy.consultant else None,
        "requirements": _requirements_row(vacancy.requirements) if vacancy.requirements else None,
    }
    _put(conn, vacancy.id, values | {"updated_at": now})


def close_known_vacancy(conn: Connection, vacancy_id: uuid.UUID, reference: str, now: datetime) -> None:
    """Mark a vacancy closed, keeping whatever else is known of it (maybe nothing)."""
    _put(conn, vacancy_id, {"reference": reference, "state": VacancyState.CLOSED, "updated_at": now})


def forget_known_vacancies(conn: Connection, consumer: str) -> None:
    """Forget every vacancy, and which events `consumer` applied, so that it applies them all again."""
    conn.execute(delete(known_vacancies))
    conn.execute(delete(inbox).where(inbox.c.consumer == consumer))


def _put(conn: Connection, vacancy_id: uuid.UUID, values: dict) -> None:
    # Check-then-write is safe here: all events of one vacancy share a partition, so one
    # consumer applies them one after the other.
    if conn.execute(select(V.id).where(V.id == vacancy_id)).first():
        conn.execute(known_vacancies.update().where(V.id == vacancy_id).values(values))
    else:
        conn.execute(known_vacancies.insert().values(values | {"id": vacancy_id}))


def _from_row(row: RowMapping) -> KnownVacancy:
    return KnownVacancy(
        id=row["id"],
        reference=row["reference"],
        state=VacancyState(row["state"]),
        title=row["title"],
        consultant=Consultant(**row["consultant"]) if row["consultant"] else None,
        requirements=_requirements(row["requirements"]) if row["requirements"] else None,
    )


def _requirements_row(requirements: VacancyRequirements) -> dict:
    row = asdict(requirements)
    start = requirements.start_date
    return row | {"start_date": start.isoformat() if start else None}  # JSON has no dates


def _requirements(data: dict) -> VacancyRequirements:
    # Rows written before a field existed lack it: the field's default stands in.
    languages = tuple(RequiredLanguage(**language) for language in data["languages"])
    start = date.fromisoformat(data["start_date"]) if data.get("start_date") else None
    extra = {"education_levels": tuple(data.get("education_levels") or ()), "start_date": start}
    return VacancyRequirements(**(data | {"languages": languages} | extra))
