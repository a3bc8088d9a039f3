"""The vacancy service's tables and the mapping between rows and the domain."""

from __future__ import annotations

import uuid
from dataclasses import asdict

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    cast,
    func,
    select,
)

from recruitment_shared.db import UtcDateTime
from recruitment_shared.messaging import outbox_table
from vacancies.domain import (
    CloseReason,
    Consultant,
    ContractTerms,
    FreelanceTerms,
    LanguageRequirement,
    PermanentTerms,
    Vacancy,
    VacancyStatus,
)

metadata = MetaData()

vacancies = Table(
    "vacancies",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("reference", String(20), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("category", String(200)),
    Column("city", String(100), nullable=False),
    Column("region", String(100)),
    Column("workplace", String(20), nullable=False),
    Column("education_levels", JSON, nullable=False),
    Column("experience_min_years", Integer, nullable=False),
    Column("experience_max_years", Integer),
    Column("introduction", Text, nullable=False),
    Column("responsibilities", JSON, nullable=False),
    Column("requirements", JSON, nullable=False),
    Column("nice_to_haves", JSON, nullable=False),
    Column("languages", JSON, nullable=False),
    Column("contract_terms", JSON, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("content_language", String(2), nullable=False),
    Column("consultant", JSON, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("published_at", UtcDateTime),
    Column("closed_at", UtcDateTime),
    Column("close_reason", String(20)),
)

outbox = outbox_table(metadata)

_PLAIN_COLUMNS = [c.name for c in vacancies.columns if c.name not in ("languages", "contract_terms", "consultant")]


def add_vacancy(conn: Connection, vacancy: Vacancy) -> None:
    """Insert a new vacancy."""
    conn.execute(vacancies.insert().values(_to_row(vacancy)))


def save_vacancy(conn: Connection, vacancy: Vacancy) -> None:
    """Write back a changed vacancy."""
    conn.execute(vacancies.update().where(vacancies.c.id == vacancy.id).values(_to_row(vacancy)))


def get_vacancy(conn: Connection, vacancy_id: uuid.UUID, for_update: bool = False) -> Vacancy | None:
    """The vacancy with this id, locked against concurrent changes when `for_update`."""
    query = select(vacancies).where(vacancies.c.id == vacancy_id)
    row = conn.execute(query.with_for_update() if for_update else query).mappings().first()
    return _from_row(row) if row else None


def reference_taken(conn: Connection, reference: str) -> bool:
    """Whether a vacancy already uses this reference number."""
    return conn.execute(select(vacancies.c.id).where(vacancies.c.reference == reference)).first() is not None


def highest_reference(conn: Connection) -> int:
    """The highest numeric reference in use, 0 when there is none."""
    # References are digits only (the API enforces it), so they cast safely.
    return conn.execute(select(func.max(cast(vacancies.c.reference, Integer)))).scalar() or 0


def _to_row(vacancy: Vacancy) -> dict:
    row = {name: getattr(vacancy, name) for name in _PLAIN_COLUMNS}
    row["languages"] = [asdict(language) for language in vacancy.languages]
    row["contract_terms"] = asdict(vacancy.contract_terms)
    row["consultant"] = asdict(vacancy.consultant)
    return row


def _from_row(row) -> Vacancy:
    fields = {name: row[name] for name in _PLAIN_COLUMNS}
    terms = row["contract_terms"]
    return Vacancy(
        **fields
        | {
            "status": VacancyStatus(row["status"]),
            "close_reason": CloseReason(row["close_reason"]) if row["close_reason"] else None,
            "languages": [LanguageRequirement(**language) for language in row["languages"]],
            "contract_terms": ContractTerms(
                freelance=FreelanceTerms(**terms["freelance"]) if terms.get("freelance") else None,
                permanent=PermanentTerms(**terms["permanent"]) if terms.get("permanent") else None,
            ),
            "consultant": Consultant(**row["consultant"]),
        }
    )
