"""Use cases of the talent pool and the pipeline reports; each is given its connection and, where
a vacancy's owner decides, the guard that refuses anyone else (handlers.Guard)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from applications import pool_store, report_store, suggestion_store, vacancy_store
from applications.handlers import Guard
from applications.pipeline_report import PipelineReport, ReportedVacancy, pipeline_report
from applications.suggestions import Suggestion, criteria, suggestion
from applications.talent_pool import PoolFilters, PoolPage


@dataclass(frozen=True)
class SuggestionPage:
    """One page of suggestions for a vacancy, best first, and how many pool candidates were weighed."""

    items: list[Suggestion]
    total: int
    page: int
    page_size: int


def search_pool(conn: Connection, filters: PoolFilters) -> PoolPage:
    """A page of the talent pool (staff search it whole: the pool is the agency's)."""
    return pool_store.search_pool(conn, filters)


def suggest_candidates(
    conn: Connection, vacancy_id: uuid.UUID, page: int, page_size: int, guard: Guard, today: date
) -> SuggestionPage:
    """Pool candidates who have not applied to the vacancy, ranked by what of it they meet, with why."""
    vacancy = vacancy_store.get_known_vacancy(conn, vacancy_id)
    guard(vacancy)
    weighed_on = criteria(vacancy.requirements, suggestion_store.soft_requirements(conn, vacancy_id), today)
    found, total = suggestion_store.weigh_pool(conn, vacancy_id, weighed_on, page, page_size)
    items = [suggestion(candidate, list(zip(weighed_on, met, strict=True))) for candidate, met in found]
    return SuggestionPage(items, total, page, page_size)


def vacancy_report(conn: Connection, vacancy_id: uuid.UUID, guard: Guard) -> PipelineReport:
    """The pipeline report of one vacancy, for its consultant or an admin."""
    vacancy = vacancy_store.get_known_vacancy(conn, vacancy_id)
    guard(vacancy)
    reported = ReportedVacancy(vacancy_id=vacancy.id, reference=vacancy.reference, title=vacancy.title)
    return pipeline_report([reported], report_store.reported_applications(conn, [vacancy.id]))


def consultant_report(conn: Connection, consultant_email: str | None) -> PipelineReport:
    """The pipeline report over a consultant's vacancies (the whole agency's when None)."""
    vacancies = report_store.vacancies_of(conn, consultant_email)
    applications = report_store.reported_applications(conn, [vacancy.vacancy_id for vacancy in vacancies])
    return pipeline_report(vacancies, applications)
