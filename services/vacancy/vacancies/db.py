"""The vacancy service's persistence: its tables, the mapping between rows and the domain, and
the statements the use cases and reads run (store, load and lock a vacancy, number it, find
those due to expire). The queries that list and search vacancies are in `vacancies.search`;
the service's other modules run no SQL."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    cast,
    func,
    or_,
    select,
    text,
)

from recruitment_shared.db import UtcDateTime, is_postgresql
from recruitment_shared.messaging import outbox_table
from vacancies.domain import (
    CloseReason,
    Consultant,
    ContractTerms,
    FreelanceTerms,
    LanguageRequirement,
    PermanentTerms,
    RoleType,
    Vacancy,
    VacancyStatus,
    Workplace,
)

metadata = MetaData()

vacancies = Table(
    "vacancies",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("reference", String(20), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("role_type", String(30), nullable=False, server_default="general"),
    Column("category", String(200)),
    Column("tags", JSON, nullable=False, server_default="[]"),
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
    Column("closes_on", Date),
    Column("content_language", String(2), nullable=False),
    Column("consultant", JSON, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("published_at", UtcDateTime),
    Column("closed_at", UtcDateTime),
    Column("close_reason", String(20)),
    # Derived from the above on every write, so that filters and search are plain indexed SQL.
    Column("consultant_email", String(320), nullable=False, server_default=""),
    Column("offers_freelance", Boolean, nullable=False, server_default="false"),
    Column("offers_permanent", Boolean, nullable=False, server_default="false"),
    Column("daily_rate", Integer),
    Column("language_codes", String(100), nullable=False, server_default=""),  # ",nl,fr,"
    Column("tag_keys", String(500), nullable=False, server_default=""),  # ",prince2,itil,"
    Column("search_title", Text, nullable=False, server_default=""),
    Column("search_body", Text, nullable=False, server_default=""),
    Index("ix_vacancies_status_published_at", "status", "published_at"),
    Index("ix_vacancies_consultant_email_status", "consultant_email", "status"),
)
Index("ix_vacancies_city_lower", func.lower(vacancies.c.city))

outbox = outbox_table(metadata)

_STRUCTURED = ("languages", "contract_terms", "consultant")
_DOMAIN_COLUMNS = [name for name in Vacancy.__dataclass_fields__ if name not in _STRUCTURED]


def add_vacancy(conn: Connection, vacancy: Vacancy) -> None:
    """Insert a new vacancy."""
    conn.execute(vacancies.insert().values(to_row(vacancy)))


def save_vacancy(conn: Connection, vacancy: Vacancy) -> None:
    """Write back a changed vacancy."""
    conn.execute(vacancies.update().where(vacancies.c.id == vacancy.id).values(to_row(vacancy)))


def get_vacancy(conn: Connection, vacancy_id: uuid.UUID, for_update: bool = False) -> Vacancy | None:
    """The vacancy with this id, locked against concurrent changes when `for_update`."""
    query = select(vacancies).where(vacancies.c.id == vacancy_id)
    row = conn.execute(query.with_for_update() if for_update else query).mappings().first()
    return from_row(row) if row else None


def get_vacancy_by_reference(conn: Connection, reference: str) -> Vacancy | None:
    """The vacancy with this reference number."""
    row = conn.execute(select(vacancies).where(vacancies.c.reference == reference)).mappings().first()
    return from_row(row) if row else None


def reference_taken(conn: Connection, reference: str) -> bool:
    """Whether a vacancy already uses this reference number."""
    return conn.execute(select(vacancies.c.id).where(vacancies.c.reference == reference)).first() is not None


def next_reference(conn: Connection, first: int) -> str:
    """The number after the highest in use (at least `first`), reserved until the transaction ends.

    On PostgreSQL a transaction-scoped advisory lock makes concurrent creates take turns, so
    numbers stay consecutive and follow imported ones; SQLite's BEGIN IMMEDIATE already does.
    """
    if is_postgresql(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended('vacancy-reference', 0))"))
    # References are digits only (the API enforces it), so they cast safely.
    highest = conn.execute(select(func.max(cast(vacancies.c.reference, Integer)))).scalar() or 0
    return str(max(highest + 1, first))


def due_to_expire(conn: Connection, today: date) -> list[uuid.UUID]:
    """The ids of published vacancies whose end date or closing date is before `today`."""
    c = vacancies.c
    due = select(c.id).where(c.status == VacancyStatus.PUBLISHED, or_(c.end_date < today, c.closes_on < today))
    return list(conn.execute(due).scalars())


def to_row(vacancy: Vacancy) -> dict:
    """The row of a vacancy, derived columns included."""
    row = {name: getattr(vacancy, name) for name in _DOMAIN_COLUMNS}
    row["languages"] = [asdict(language) for language in vacancy.languages]
    row["contract_terms"] = asdict(vacancy.contract_terms)
    row["consultant"] = asdict(vacancy.consultant)
    terms = vacancy.contract_terms
    body = [vacancy.category or "", vacancy.city, vacancy.region or "", vacancy.introduction]
    return row | {
        "consultant_email": vacancy.consultant.email.lower(),
        "offers_freelance": terms.freelance is not None,
        "offers_permanent": terms.permanent is not None,
        "daily_rate": terms.freelance.daily_rate if terms.freelance else None,
        "language_codes": "".join(f",{language.language}" for language in vacancy.languages) + ",",
        "tag_keys": "".join(f",{tag.lower()}" for tag in vacancy.tags) + ",",
        "search_title": " ".join([vacancy.title, *vacancy.tags]),
        "search_body": "\n".join(body + vacancy.responsibilities + vacancy.requirements + vacancy.nice_to_haves),
    }


def from_row(row) -> Vacancy:
    """The domain object of a row."""
    fields = {name: row[name] for name in _DOMAIN_COLUMNS}
    terms = row["contract_terms"]
    return Vacancy(
        **fields
        | {
            "status": VacancyStatus(row["status"]),
            "workplace": Workplace(row["workplace"]),
            "role_type": RoleType(row["role_type"]),
            "close_reason": CloseReason(row["close_reason"]) if row["close_reason"] else None,
            "languages": [LanguageRequirement(**language) for language in row["languages"]],
            "contract_terms": ContractTerms(
                freelance=FreelanceTerms(**terms["freelance"]) if terms.get("freelance") else None,
                permanent=PermanentTerms(**terms["permanent"]) if terms.get("permanent") else None,
            ),
            "consultant": Consultant(**row["consultant"]),
        }
    )
