"""HTTP API of the vacancy service: parse, call a use case in one transaction, respond."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from flask import current_app, url_for
from flask_smorest import Blueprint
from recruitment_shared.web import reject

from vacancies import handlers
from vacancies.domain import CloseReason, IllegalTransition, Vacancy
from vacancies.schemas import CloseVacancySchema, VacancyDraftSchema, VacancySchema

blueprint = Blueprint("vacancies", __name__, url_prefix="/vacancies", description="Vacancies and their lifecycle")


def _in_transaction(use_case: Callable, *args) -> Vacancy:
    """Run a use case in one transaction, turning refusals into problem answers."""
    try:
        with current_app.extensions["engine"].begin() as conn:
            return use_case(conn, *args)
    except handlers.VacancyNotFound as exc:
        reject(404, str(exc))
    except handlers.ReferenceTaken as exc:
        reject(409, str(exc), field="reference")
    except IllegalTransition as exc:
        reject(409, str(exc))


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
