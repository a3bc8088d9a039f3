"""HTTP API of the vacancy service: parse, call a use case in one transaction, respond."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from flask import url_for
from flask_smorest import Blueprint

from recruitment_shared.web import run_use_case
from vacancies import handlers
from vacancies.domain import CloseReason, IllegalTransition, Vacancy
from vacancies.schemas import CloseVacancySchema, VacancyDraftSchema, VacancySchema

blueprint = Blueprint("vacancies", __name__, url_prefix="/vacancies", description="Vacancies and their lifecycle")


REFUSALS = {
    handlers.VacancyNotFound: (404, None),
    handlers.ReferenceTaken: (409, "reference"),
    IllegalTransition: (409, None),
}


def _in_transaction(use_case: Callable[..., Vacancy], *args) -> Vacancy:
    return run_use_case(REFUSALS, use_case, *args)


@blueprint.post("")
@blueprint.arguments(VacancyDraftSchema)
@blueprint.response(201, VacancySchema)
def create_vacancy(draft: Vacancy):
    """Create a draft vacancy (a reference number is assigned when none is given)."""
    vacancy = _in_transaction(handlers.create_vacancy, draft)
    return vacancy, 201, {"Location": url_for("vacancies.read_vacancy", vacancy_id=vacancy.id)}


@blueprint.get("/<uuid:vacancy_id>")
@blueprint.response(200, VacancySchema)
def read_vacancy(vacancy_id: uuid.UUID):
    """One vacancy."""
    return _in_transaction(handlers.get_vacancy, vacancy_id)


@blueprint.post("/<uuid:vacancy_id>/publish")
@blueprint.response(200, VacancySchema)
def publish_vacancy(vacancy_id: uuid.UUID):
    """Open a draft to candidates; emits VacancyPublished."""
    return _in_transaction(handlers.publish_vacancy, vacancy_id, datetime.now(UTC))


@blueprint.post("/<uuid:vacancy_id>/close")
@blueprint.arguments(CloseVacancySchema)
@blueprint.response(200, VacancySchema)
def close_vacancy(reason: CloseReason, vacancy_id: uuid.UUID):
    """Stop taking applications (filled, cancelled or expired); emits VacancyClosed."""
    return _in_transaction(handlers.close_vacancy, vacancy_id, reason, datetime.now(UTC))
