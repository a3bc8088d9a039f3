"""Suggestions' queries: pool candidates who have not applied to a vacancy, weighed in the database
on each criterion of the vacancy (`suggestions.py`) so that one page is ranked and read at once;
and the vacancies' soft requirements those criteria come from (kept from their events)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Connection, and_, case, exists, false, func, literal, literal_column, or_, select

from applications.db import applications, known_vacancies
from applications.pool_store import page_of, pool_candidate, pool_members, pooled_applications, searched_text, speaks
from applications.suggestions import Criterion, SoftRequirements
from applications.talent_pool import PoolCandidate
from recruitment_shared.db import is_postgresql

A, V = applications.c, known_vacancies.c


def weigh_pool(
    conn: Connection, vacancy_id: uuid.UUID, weighed_on: Sequence[Criterion], page: int, page_size: int
) -> tuple[list[tuple[PoolCandidate, list[bool]]], int]:
    """A page of the pool candidates who have not applied to the vacancy, highest score first (the
    weights of the criteria they meet), each with whether they meet each criterion; and the total."""
    applied = applications.alias("applied")
    applied_here = select(applied.c.id).where(
        applied.c.vacancy_id == vacancy_id, func.lower(applied.c.candidate_email) == func.lower(A.candidate_email)
    )
    met = [case((_meets(conn, criterion), 1), else_=0).label(f"met_{i}") for i, criterion in enumerate(weighed_on)]
    inner = pool_members().where(~exists(applied_here)).add_columns(*met).subquery()
    flags = [inner.c[f"met_{i}"] for i in range(len(weighed_on))]
    score = sum((flag * criterion.weight for flag, criterion in zip(flags, weighed_on, strict=True)), literal(0))
    order = [score.desc(), inner.c.submitted_at.desc(), inner.c.id]
    rows, total = page_of(conn, select(inner), order, page, page_size)
    pooled = pooled_applications(conn, [row["candidate_email"] for row in rows])
    found = [
        (pool_candidate(row, pooled[row["candidate_email"].lower()]), [bool(row[flag.name]) for flag in flags])
        for row in rows
    ]
    return found, total


def put_soft_requirements(conn: Connection, vacancy_id: uuid.UUID, soft: SoftRequirements) -> None:
    """Keep what a vacancy would like beyond its screening requirements (its row exists already)."""
    conn.execute(known_vacancies.update().where(V.id == vacancy_id).values(soft_requirements=soft.to_dict()))


def soft_requirements(conn: Connection, vacancy_id: uuid.UUID) -> SoftRequirements | None:
    """What a vacancy would like beyond its screening requirements, if its events said."""
    data = conn.execute(select(V.soft_requirements).where(V.id == vacancy_id)).scalar()
    return SoftRequirements.from_dict(data) if data else None


def _mentions(conn: Connection, phrase: str) -> ColumnElement:
    """The candidate's motivation or CV names `phrase` (a tag such as PRINCE2 or "Agile Scrum")."""
    if is_postgresql(conn):
        # As a set of ids the GIN index finds once, not a match tried on every candidate's vector
        # (ten times faster on a pool of 1,000: bench/talent_pool_search.py).
        mentioning = applications.alias("mentioning")
        found = literal_column("mentioning.search_vector").op("@@")(func.phraseto_tsquery("simple", phrase))
        return A.id.in_(select(mentioning.c.id).where(found))
    return searched_text().contains(phrase.lower(), autoescape=True)


def _meets(conn: Connection, criterion: Criterion) -> ColumnElement:
    wanted = criterion.wanted
    if criterion.kind == "language":
        return speaks(conn, wanted["language"], wanted["level"])
    if criterion.kind == "tag":
        return _mentions(conn, wanted["tag"])
    if criterion.kind == "experience":
        most = A.years_of_experience <= wanted["max"] if wanted["max"] is not None else literal(True)
        return and_(A.years_of_experience >= wanted["min"], most)
    if criterion.kind == "daily_rate":
        return and_(A.expected_daily_rate.is_not(None), A.expected_daily_rate <= wanted["daily_rate"])
    if criterion.kind == "availability":
        return or_(A.available_from.is_(None), A.available_from <= wanted["by"])
    if criterion.kind == "contract":
        offered = [kind for kind in ("freelance", "permanent") if wanted[kind]]
        return A.contract_preference.in_([*offered, "either"]) if offered else false()
    raise ValueError(f"no criterion {criterion.kind!r}")
