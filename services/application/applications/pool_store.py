"""The talent pool's queries: the pool searched with filters, and what the suggestions for a
vacancy (suggestion_store.py) build on: each person once, their pooled applications, a page.

PostgreSQL searches the applications' tsvector (motivation and CV text, 'simple' configuration,
GIN index: migration 0005); SQLite, for local runs, falls back to finding every word of the search
in the same text (LIKE). A person is their lower-cased address; they are represented by their
newest application holding a valid talent-pool consent (`talent_pool.py`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
)

from applications.consents import Purpose
from applications.db import applications, consents, known_vacancies
from applications.domain import Candidate
from applications.screening import LanguageSkill
from applications.talent_pool import (
    PoolApplication,
    PoolCandidate,
    PoolFilters,
    PoolPage,
    excerpt_of,
    levels_at_least,
)
from recruitment_shared.db import is_postgresql

A, C, V = applications.c, consents.c, known_vacancies.c
_MAX_WORDS = 12
_PROFILE = (
    A.id,
    A.candidate_name,
    A.candidate_email,
    A.submitted_at,
    A.phone,
    A.preferred_language,
    A.languages,
    A.years_of_experience,
    A.contract_preference,
    A.expected_daily_rate,
    A.available_from,
    A.city,
)


def search_pool(conn: Connection, filters: PoolFilters) -> PoolPage:
    """One page of the pool candidates matching `filters`, best match (or newest) first, and the total."""
    conditions = [*_filters(conn, filters)]
    order: list[ColumnElement] = []
    words = filters.text.strip() if filters.text else ""
    if words:
        match, relevance = _text_match(conn, words)
        conditions.append(match)
        order.append(relevance.desc())
    query = pool_members().where(*conditions)
    rows, total = page_of(conn, query, [*order, A.submitted_at.desc(), A.id], filters.page, filters.page_size)
    pooled = pooled_applications(conn, [row["candidate_email"] for row in rows])
    texts = _searched_texts(conn, [row["id"] for row in rows]) if words else {}
    excerpts = {id_: excerpt_of(text, words) for id_, text in texts.items()}
    items = [pool_candidate(row, pooled[row["candidate_email"].lower()], excerpts.get(row["id"])) for row in rows]
    return PoolPage(items, total, filters.page, filters.page_size)


def page_of(
    conn: Connection, query: Select, order: Sequence[ColumnElement], page: int, page_size: int
) -> tuple[Sequence[RowMapping], int]:
    """One page of `query`'s rows in `order`, and how many rows it has over all pages: counted in
    the same statement (the database finds every match to sort them anyway), or on its own for a
    page past the end."""
    counted = query.add_columns(func.count().over().label("total")).order_by(*order)
    rows = conn.execute(counted.limit(page_size).offset((page - 1) * page_size)).mappings().all()
    if rows:
        return rows, rows[0]["total"]
    total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one() if page > 1 else 0
    return rows, total


def pool_members() -> Select:
    """Each person of the pool once: the application with a valid talent-pool consent that no newer
    one of the same address (also with one) supersedes."""
    newer_application, newer_consent = applications.alias("newer"), consents.alias("newer_consent")
    N, NC = newer_application.c, newer_consent.c
    newer = (
        select(N.id)
        .select_from(newer_application.join(newer_consent, _valid_pool_consent(NC, N.id)))
        .where(
            func.lower(N.candidate_email) == func.lower(A.candidate_email),
            or_(N.submitted_at > A.submitted_at, and_(N.submitted_at == A.submitted_at, N.id > A.id)),
        )
    )
    pooled = applications.join(consents, _valid_pool_consent(C, A.id))
    return select(*_PROFILE).select_from(pooled).where(~exists(newer))


def _valid_pool_consent(columns, application_id: ColumnElement) -> ColumnElement:
    return and_(
        columns.application_id == application_id,
        columns.purpose == Purpose.TALENT_POOL,
        columns.withdrawn_at.is_(None),
    )


def _filters(conn: Connection, filters: PoolFilters) -> list[ColumnElement]:
    wanted: list[ColumnElement] = [speaks(conn, skill.language, skill.level) for skill in filters.languages]
    if filters.min_years is not None:
        wanted.append(A.years_of_experience >= filters.min_years)
    if filters.contract:
        wanted.append(A.contract_preference.in_([filters.contract, "either"]))
    if filters.max_daily_rate is not None:  # no rate stated: left for the consultant to ask
        wanted.append(or_(A.expected_daily_rate.is_(None), A.expected_daily_rate <= filters.max_daily_rate))
    if filters.available_by is not None:  # no date stated: available now
        wanted.append(or_(A.available_from.is_(None), A.available_from <= filters.available_by))
    if filters.city and filters.city.strip():
        wanted.append(func.lower(func.trim(A.city)) == filters.city.strip().lower())
    return wanted


def speaks(conn: Connection, language: str, level: str) -> ColumnElement:
    """The candidate declares `language` at `level` or better."""
    levels = levels_at_least(level)
    if is_postgresql(conn):
        skill = func.json_array_elements(A.languages).table_valued("value").alias("skill")
        code, declared = skill.c.value.op("->>")("language"), skill.c.value.op("->>")("level")
    else:
        skill = func.json_each(A.languages).table_valued("value").alias("skill")
        code, declared = func.json_extract(skill.c.value, "$.language"), func.json_extract(skill.c.value, "$.level")
    return exists(select(literal(1)).select_from(skill).where(code == language.lower(), declared.in_(levels)))


def searched_text() -> ColumnElement:
    """The motivation and CV text in lower case: what SQLite looks for words in."""
    return func.lower(A.motivation + " " + func.coalesce(A.cv_text, ""))


def _text_match(conn: Connection, words: str) -> tuple[ColumnElement, ColumnElement]:
    """The condition that a candidate's motivation or CV matches `words`, and its relevance."""
    if is_postgresql(conn):
        vector = literal_column("applications.search_vector")
        query = func.websearch_to_tsquery("simple", words)
        return vector.op("@@")(query), func.ts_rank(vector, query)
    terms = [word.lower() for word in words.split()][:_MAX_WORDS]
    match = and_(*[searched_text().contains(term, autoescape=True) for term in terms]) if terms else false()
    return match, literal(0)


def _searched_texts(conn: Connection, application_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The motivation and CV text of these applications, as the search reads them."""
    query = select(A.id, A.motivation, A.cv_text).where(A.id.in_(application_ids))
    return {row.id: f"{row.motivation}\n{row.cv_text or ''}" for row in conn.execute(query)}


def pooled_applications(conn: Connection, emails: Sequence[str]) -> dict[str, list[PoolApplication]]:
    """Every application holding a valid talent-pool consent of these addresses, newest first."""
    found: dict[str, list[PoolApplication]] = defaultdict(list)
    if not emails:
        return found
    query = (
        select(
            A.id,
            A.vacancy_id,
            A.status,
            A.source,
            A.submitted_at,
            A.candidate_email,
            V.reference,
            V.title,
            V.consultant,
        )
        .select_from(
            applications.join(consents, _valid_pool_consent(C, A.id)).outerjoin(known_vacancies, V.id == A.vacancy_id)
        )
        .where(func.lower(A.candidate_email).in_({email.lower() for email in emails}))
        .order_by(A.submitted_at.desc(), A.id)
    )
    for row in conn.execute(query).mappings():
        consultant = row["consultant"] or {}
        found[row["candidate_email"].lower()].append(
            PoolApplication(
                id=row["id"],
                vacancy_id=row["vacancy_id"],
                vacancy_reference=row["reference"],
                vacancy_title=row["title"],
                vacancy_consultant=consultant.get("name"),
                vacancy_consultant_email=consultant.get("email"),
                status=row["status"],
                source=row["source"],
                submitted_at=row["submitted_at"],
            )
        )
    return found


def pool_candidate(row: RowMapping, pooled: list[PoolApplication], excerpt: str | None = None) -> PoolCandidate:
    """A person of the pool from a row of `pool_members()` and their pooled applications."""
    candidate = Candidate(
        name=row["candidate_name"],
        email=row["candidate_email"],
        phone=row["phone"],
        preferred_language=row["preferred_language"],
        languages=tuple(LanguageSkill(**skill) for skill in row["languages"]),
        years_of_experience=row["years_of_experience"],
        contract_preference=row["contract_preference"],
        expected_daily_rate=row["expected_daily_rate"],
        available_from=row["available_from"],
        city=row["city"],
    )
    return PoolCandidate(
        candidate=candidate,
        application_id=row["id"],
        submitted_at=row["submitted_at"],
        applications=tuple(pooled),
        excerpt=excerpt,
    )
