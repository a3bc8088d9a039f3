"""HTTP API of the application service."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from flask import current_app, url_for
from flask_smorest import Blueprint

from applications import db, handlers
from applications.domain import Application, Candidate, UnknownVacancy, VacancyNotOpen
from applications.schemas import ApplicationRequestSchema, ApplicationSchema, KnownVacancySchema
from recruitment_shared.web import reject, run_use_case

blueprint = Blueprint("applications", __name__, url_prefix="/applications", description="Applications to vacancies")
vacancy_blueprint = Blueprint(
    "known_vacancies", __name__, url_prefix="/vacancies", description="Whether a vacancy takes applications"
)


REFUSALS = {
    handlers.ApplicationNotFound: (404, None),
    UnknownVacancy: (422, "vacancy_id"),
    VacancyNotOpen: (409, None),
}


def _in_transaction(use_case: Callable[..., Application], *args) -> Application:
    return run_use_case(REFUSALS, use_case, *args)


@blueprint.post("")
@blueprint.arguments(ApplicationRequestSchema)
@blueprint.response(201, ApplicationSchema)
def submit_application(request: dict):
    """Apply to an open vacancy; emits ApplicationSubmitted."""
    candidate = Candidate(request["name"], request["email"])
    now = datetime.now(UTC)
    application = _in_transaction(
        handlers.submit_application, request["vacancy_id"], candidate, request["motivation"], now
    )
    return application, 201, {"Location": url_for("applications.read_application", application_id=application.id)}


@blueprint.get("/<uuid:application_id>")
@blueprint.response(200, ApplicationSchema)
def read_application(application_id: uuid.UUID):
    """One application."""
    return _in_transaction(handlers.get_application, application_id)


@vacancy_blueprint.get("/<uuid:vacancy_id>")
@vacancy_blueprint.response(200, KnownVacancySchema)
def read_known_vacancy(vacancy_id: uuid.UUID):
    """What this service has learnt of a vacancy from its events, and whether it takes applications."""
    with current_app.extensions["engine"].connect() as conn:
        vacancy = db.get_known_vacancy(conn, vacancy_id)
    if vacancy is None:
        reject(404, f"no vacancy with id {vacancy_id} has been published")
    return vacancy
