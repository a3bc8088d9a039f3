"""Consultant HTTP API of the vacancy service: manage vacancies through their lifecycle."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask import current_app, url_for
from flask_smorest import Blueprint
from marshmallow import RAISE

from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, current_principal, require_roles
from vacancies import db, handlers, search
from vacancies.access import require_owner
from vacancies.consultant_language import in_callers_language
from vacancies.domain import CloseReason, IllegalTransition, Vacancy
from vacancies.query_schemas import ConsultantListArgs, VacancyPageSchema
from vacancies.schemas import CloseVacancySchema, VacancyDraftSchema, VacancyEditSchema, VacancySchema

blueprint = Blueprint(
    "consultant_vacancies", __name__, url_prefix="/consultant/vacancies", description="Consultants' vacancies"
)

REFUSALS = {
    handlers.VacancyNotFound: (404, None),
    handlers.ReferenceTaken: (409, "reference"),
    IllegalTransition: (409, None),
}


@blueprint.post("")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(VacancyDraftSchema)
@blueprint.response(201, VacancySchema)
@blueprint.alt_response(409)
def create_vacancy(draft: Vacancy):
    """Create a draft (a reference number is assigned when none is given)."""
    require_owner(draft)
    vacancy = run_use_case(REFUSALS, handlers.create_vacancy, in_callers_language(draft))
    return vacancy, 201, {"Location": url_for("consultant_vacancies.read_vacancy", vacancy_id=vacancy.id)}


@blueprint.get("")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(ConsultantListArgs, location="query", unknown=RAISE)
@blueprint.response(200, VacancyPageSchema)
def list_vacancies(args: dict):
    """Your vacancies, by status; admins may name another consultant."""
    principal = current_principal()
    consultant = args["consultant"] or principal.email
    if not principal.acts_for(consultant):
        reject(403, "Only admins may list another consultant's vacancies.")
    with current_app.extensions["engine"].connect() as conn:
        return search.consultant_vacancies(conn, consultant, args["status"], args["page"], args["page_size"])


@blueprint.get("/<uuid:vacancy_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.etag
@blueprint.response(200, VacancySchema)
@blueprint.alt_response(404)
def read_vacancy(vacancy_id: uuid.UUID):
    """Any vacancy in full, whatever its status; the ETag is what an edit must send as If-Match."""
    with current_app.extensions["engine"].connect() as conn:
        vacancy = db.get_vacancy(conn, vacancy_id)
    if vacancy is None:
        reject(404, f"no vacancy with id {vacancy_id}")
    return vacancy


@blueprint.put("/<uuid:vacancy_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.etag
@blueprint.arguments(VacancyEditSchema)
@blueprint.response(200, VacancySchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def edit_vacancy(revised: Vacancy, vacancy_id: uuid.UUID):
    """Replace the content of a draft or published vacancy (If-Match required); a published
    one announces the new version as VacancyUpdated."""

    def guard(current: Vacancy) -> None:
        require_owner(current)
        blueprint.check_etag(current, VacancySchema)  # 412 when someone changed it meanwhile

    revised = in_callers_language(revised)
    return run_use_case(REFUSALS, handlers.revise_vacancy, vacancy_id, revised, datetime.now(UTC), guard)


@blueprint.post("/<uuid:vacancy_id>/publish")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, VacancySchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def publish_vacancy(vacancy_id: uuid.UUID):
    """Open a draft to candidates; emits VacancyPublished (in its consultant's language, when they publish it)."""

    def guard(current: Vacancy) -> None:
        require_owner(current)
        in_callers_language(current)  # a draft an admin prepared learns its consultant's language here

    return run_use_case(REFUSALS, handlers.publish_vacancy, vacancy_id, datetime.now(UTC), guard)


@blueprint.post("/<uuid:vacancy_id>/close")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(CloseVacancySchema)
@blueprint.response(200, VacancySchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def close_vacancy(reason: CloseReason, vacancy_id: uuid.UUID):
    """Close as filled, cancelled or expired (a draft can only be cancelled); emits VacancyClosed
    for a vacancy candidates had seen."""
    now = datetime.now(UTC)
    return run_use_case(REFUSALS, handlers.close_vacancy, vacancy_id, reason, now, require_owner)
