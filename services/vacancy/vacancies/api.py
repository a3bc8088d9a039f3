"""Public HTTP API of the vacancy service: search, read, similar vacancies."""

from __future__ import annotations

import uuid

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE

from recruitment_shared.web import reject
from vacancies import db, search
from vacancies.domain import Vacancy, VacancyStatus
from vacancies.query_schemas import PublicVacancyPageSchema, SimilarArgs, VacancySearchArgs
from vacancies.schemas import PublicVacancySchema

blueprint = Blueprint("vacancies", __name__, url_prefix="/vacancies", description="Vacancies for candidates")


@blueprint.get("")
@blueprint.arguments(VacancySearchArgs, location="query", unknown=RAISE)
@blueprint.response(200, PublicVacancyPageSchema)
def search_vacancies(criteria: search.SearchCriteria):
    """Search published vacancies: full text (`q`) and filters, best match or newest first."""
    with _engine().connect() as conn:
        return search.search_published(conn, criteria)


@blueprint.get("/<uuid:vacancy_id>")
@blueprint.response(200, PublicVacancySchema)
@blueprint.alt_response(404)
def read_vacancy(vacancy_id: uuid.UUID):
    """One published vacancy (consultants read any of theirs under /consultant/vacancies)."""
    with _engine().connect() as conn:
        return _shown(db.get_vacancy(conn, vacancy_id), f"id {vacancy_id}")


@blueprint.get("/by-reference/<reference>")
@blueprint.response(200, PublicVacancySchema)
@blueprint.alt_response(404)
def read_vacancy_by_reference(reference: str):
    """One vacancy by its reference number, e.g. 92742."""
    with _engine().connect() as conn:
        return _shown(db.get_vacancy_by_reference(conn, reference), f"reference {reference}")


@blueprint.get("/<uuid:vacancy_id>/similar")
@blueprint.arguments(SimilarArgs, location="query", unknown=RAISE)
@blueprint.response(200, PublicVacancySchema(many=True))
@blueprint.alt_response(404)
def similar_vacancies(args: dict, vacancy_id: uuid.UUID):
    """Vacancies that may also interest you: the most alike published ones (the same region weighs
    most), those in the reader's language (`lang`) first."""
    with _engine().connect() as conn:
        vacancy = _shown(db.get_vacancy(conn, vacancy_id), f"id {vacancy_id}")
        return search.similar_to(conn, vacancy, args["lang"])


def _shown(vacancy: Vacancy | None, described: str) -> Vacancy:
    """Candidates and anonymous callers see published vacancies only."""
    if vacancy is None or vacancy.status is not VacancyStatus.PUBLISHED:
        reject(404, f"no published vacancy with {described}")
    return vacancy


def _engine():
    return current_app.extensions["engine"]
