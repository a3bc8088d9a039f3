"""Consultant HTTP API of the application service: review, screen, move through the pipeline."""

from __future__ import annotations

import uuid

from flask import Response
from flask_smorest import Blueprint
from marshmallow import RAISE

from applications import handlers
from applications.api import cv_download
from applications.domain import Application, ApplicationStatus, IllegalTransition, KnownVacancy
from applications.rejections import Rejection
from applications.schemas import (
    ApplicationListArgs,
    ApplicationPageSchema,
    ConsultantApplicationSchema,
    MoveSchema,
    RejectionReasonsSchema,
    offered_rejection_reasons,
)
from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, current_principal, require_roles

blueprint = Blueprint("consultant", __name__, url_prefix="/consultant", description="Consultants' applications")
REFUSALS = {handlers.ApplicationNotFound: (404, None), IllegalTransition: (409, None)}


@blueprint.get("/vacancies/<uuid:vacancy_id>/applications")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(ApplicationListArgs, location="query", unknown=RAISE)
@blueprint.response(200, ApplicationPageSchema)
@blueprint.alt_response(404)
def list_applications(args: dict, vacancy_id: uuid.UUID):
    """Applications to one of your vacancies, newest first, by status."""
    paging = args["status"], args["page"], args["page_size"]
    return run_use_case({}, handlers.list_applications, vacancy_id, *paging, _require_owner)


@blueprint.get("/applications/<uuid:application_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, ConsultantApplicationSchema)
@blueprint.alt_response(404)
def read_application(application_id: uuid.UUID):
    """One application with its screening and history."""
    return _owned(application_id)


@blueprint.get("/applications/<uuid:application_id>/cv")
@blueprint.doc(security=BEARER_SECURITY, responses={"200": {"description": "the CV file (PDF or DOCX)"}})
@require_roles(*STAFF)
@blueprint.alt_response(404)
def download_cv(application_id: uuid.UUID) -> Response:
    """The candidate's CV, as they uploaded it."""
    application = _owned(application_id)
    if application.cv is None:
        reject(404, "this application has no CV")
    return cv_download(application.cv, application.id)


@blueprint.post("/applications/<uuid:application_id>/status")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(MoveSchema)
@blueprint.response(200, ConsultantApplicationSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def move_application(body: dict, application_id: uuid.UUID):
    """Move the application through the pipeline; emits ApplicationStatusChanged. A rejection names
    its `rejection_reason`, whose words the candidate's email carries unless `notify_candidate` is false."""
    status, actor, reason = ApplicationStatus(body["status"]), current_principal().email, body["reason"]
    rejection = Rejection(body["rejection_reason"], body["notify_candidate"]) if body["rejection_reason"] else None
    move = handlers.move_application
    return run_use_case(REFUSALS, move, application_id, status, actor, reason, _require_owner, rejection)


@blueprint.get("/rejection-reasons")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, RejectionReasonsSchema)
def list_rejection_reasons():
    """The reasons a rejection may give (REJECTION_REASONS), in the order to offer them."""
    return {"reasons": list(offered_rejection_reasons())}


def _owned(application_id: uuid.UUID) -> Application:
    return run_use_case(REFUSALS, handlers.review_application, application_id, _require_owner)


def _require_owner(vacancy: KnownVacancy | None) -> None:
    """403 unless the caller is an admin or the vacancy's consultant (404 for unknown vacancies)."""
    if vacancy is None:
        reject(404, "no such vacancy has been published")
    if not current_principal().acts_for(vacancy.consultant.email if vacancy.consultant else ""):
        reject(403, f"vacancy {vacancy.reference} is another consultant's")
