"""Finding vacancies, and the home of the queries that do it: full-text search with filters for
candidates, similar vacancies, and a consultant's own list (tables, row mapping and the
statements on one vacancy are in `vacancies.db`). PostgreSQL searches its tsvector index; SQLite
falls back to matching every word of the query in the title, tags or text. Every listing is a
count and one page: rows become domain objects without further statements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY

from recruitment_shared.db import is_postgresql
from vacancies.db import from_row, vacancies
from vacancies.domain import Vacancy, VacancyStatus

# A query in any of the agency's languages: match it as written and stemmed in each.
_TEXT_CONFIGS = ("simple", "dutch", "french", "english")
_MAX_WORDS = 12
_READINGS = text(
    "SELECT DISTINCT websearch_to_tsquery(c::regconfig, :q)::text FROM unnest(CAST(:configs AS text[])) AS c"
)


@dataclass(frozen=True, kw_only=True)  # a dozen optional filters: named, never positional
class SearchCriteria:
    """What a candidate looks for; every filter is optional."""

    text: str | None = None
    city: str | None = None
    region: str | None = None
    workplace: str | None = None
    contract_type: str | None = None  # "freelance" or "permanent"
    role_type: str | None = None
    experience_years: int | None = None  # the candidate's: vacancies asking at most this many
    language: str | None = None
    tag: str | None = None
    min_daily_rate: int | None = None
    max_daily_rate: int | None = None
    sort: str | None = None  # "relevance" (the default with text) or "newest"
    page: int = 1
    page_size: int = 20


@dataclass(frozen=True)
class Page:
    items: list[Vacancy]
    total: int
    page: int
    page_size: int


def search_published(conn: Connection, criteria: SearchCriteria) -> Page:
    """Published vacancies matching `criteria`, best first, one page of them and the total."""
    conditions = [vacancies.c.status == VacancyStatus.PUBLISHED, *_filters(criteria)]
    relevance: ColumnElement = literal(0)
    if criteria.text and criteria.text.strip():
        match, relevance = _text_match(conn, criteria.text)
        conditions.append(match)
    by_relevance = criteria.sort != "newest" and criteria.text
    order = [relevance.desc()] if by_relevance else []
    query = select(vacancies).where(*conditions)
    return _page(conn, query, [*order, vacancies.c.published_at.desc(), vacancies.c.id], criteria)


# What makes a vacancy "also interesting" to someone reading another, in points. Place first:
# candidates take projects they can commute to, so sharing the region (a Belgian province) outweighs
# any one other likeness, and the same city a little more; then the kind of role, each method or
# certification in common, each contract form both offer, and a text the reader can read.
SAME_REGION, SAME_CITY, SAME_ROLE, SHARED_TAG, SAME_TERMS, READABLE = 6, 2, 3, 1, 1, 2


def similar_to(conn: Connection, vacancy: Vacancy, reader_language: str | None = None, limit: int = 5) -> list[Vacancy]:
    """Published vacancies most like `vacancy` (place, role type, tags, contract terms), not itself.

    Only vacancies sharing its place, role type or a tag qualify: contract terms alone make no
    kinship. Of the `limit` most alike, those written in `reader_language` come first."""
    c = vacancies.c
    kinship = case((c.role_type == vacancy.role_type, SAME_ROLE), else_=0) + case(
        (func.lower(c.city) == vacancy.city.lower(), SAME_CITY), else_=0
    )
    if vacancy.region:  # no region names no neighbours (and NULL must not match NULL)
        kinship = kinship + case((func.lower(c.region) == vacancy.region.lower(), SAME_REGION), else_=0)
    for tag in vacancy.tags:
        kinship = kinship + case((c.tag_keys.contains(f",{tag.lower()},", autoescape=True), SHARED_TAG), else_=0)
    readable = case((c.content_language == reader_language, READABLE), else_=0) if reader_language else literal(0)
    score = (
        kinship
        + readable
        + case((c.offers_freelance == (vacancy.contract_terms.freelance is not None), SAME_TERMS), else_=0)
        + case((c.offers_permanent == (vacancy.contract_terms.permanent is not None), SAME_TERMS), else_=0)
    )
    chosen = (
        select(c.id, score.label("score"), readable.label("readable"))
        .where(c.status == VacancyStatus.PUBLISHED, c.id != vacancy.id, kinship > 0)
        .order_by(score.desc(), c.published_at.desc(), c.id)
        .limit(limit)
        .subquery()
    )
    query = (
        select(vacancies)
        .join(chosen, chosen.c.id == c.id)
        .order_by(chosen.c.readable.desc(), chosen.c.score.desc(), c.published_at.desc(), c.id)
    )
    return [from_row(row) for row in conn.execute(query).mappings()]


def consultant_vacancies(
    conn: Connection, consultant_email: str | None, status: str | None, page: int, page_size: int
) -> Page:
    """A consultant's vacancies (everyone's when `consultant_email` is None), newest first."""
    conditions = []
    if consultant_email is not None:
        conditions.append(vacancies.c.consultant_email == consultant_email.lower())
    if status:
        conditions.append(vacancies.c.status == status)
    query = select(vacancies).where(*conditions)
    order = [vacancies.c.published_at.desc().nulls_first(), vacancies.c.reference.desc(), vacancies.c.id]
    return _page(conn, query, order, SearchCriteria(page=page, page_size=page_size))


def _filters(criteria: SearchCriteria) -> list[ColumnElement]:
    c = vacancies.c
    wanted: list[ColumnElement] = []
    if criteria.city:
        wanted.append(func.lower(c.city) == criteria.city.strip().lower())
    if criteria.region:
        wanted.append(func.lower(c.region) == criteria.region.strip().lower())
    if criteria.workplace:
        wanted.append(c.workplace == criteria.workplace)
    if criteria.contract_type:
        wanted.append(c.offers_freelance if criteria.contract_type == "freelance" else c.offers_permanent)
    if criteria.role_type:
        wanted.append(c.role_type == criteria.role_type)
    if criteria.experience_years is not None:
        wanted.append(c.experience_min_years <= criteria.experience_years)
    if criteria.language:
        wanted.append(c.language_codes.contains(f",{criteria.language},", autoescape=True))
    if criteria.tag:
        wanted.append(c.tag_keys.contains(f",{criteria.tag.lower()},", autoescape=True))
    if criteria.min_daily_rate is not None:
        wanted.append(c.daily_rate >= criteria.min_daily_rate)
    if criteria.max_daily_rate is not None:
        wanted.append(c.daily_rate <= criteria.max_daily_rate)
    return wanted


def _text_match(conn: Connection, words: str) -> tuple[ColumnElement, ColumnElement]:
    """The condition that a vacancy matches `words`, and its relevance."""
    if is_postgresql(conn):
        vector = literal_column("vacancies.search_vector")
        # The distinct readings only: 'scrum' reads the same in three of the four configurations,
        # and repeated branches make the planner overestimate matches and the ranking slower.
        readings = [r for r in conn.execute(_READINGS, {"q": words, "configs": list(_TEXT_CONFIGS)}).scalars() if r]
        if not readings:  # only stop words: nothing to look for
            return false(), literal(0)
        query = reduce(lambda left, right: left.op("||")(right), [cast(r, TSQUERY) for r in readings])
        return vector.op("@@")(query), func.ts_rank(vector, query)
    terms = [word.lower() for word in words.split()][:_MAX_WORDS]
    title, body = func.lower(vacancies.c.search_title), func.lower(vacancies.c.search_body)
    in_title = [title.contains(term, autoescape=True) for term in terms]
    in_body = [body.contains(term, autoescape=True) for term in terms]
    match = and_(*[t | b for t, b in zip(in_title, in_body, strict=True)]) if terms else false()
    relevance = sum((case((t, 3), else_=0) + case((b, 1), else_=0) for t, b in zip(in_title, in_body, strict=True)))
    return match, relevance


def _page(conn: Connection, query: Select, order: Sequence[ColumnElement], criteria: SearchCriteria) -> Page:
    total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    offset = (criteria.page - 1) * criteria.page_size
    rows = conn.execute(query.order_by(*order).limit(criteria.page_size).offset(offset)).mappings()
    return Page([from_row(row) for row in rows], total, criteria.page, criteria.page_size)
