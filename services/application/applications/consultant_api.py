"""Consultant HTTP API of the application service: review, screen, move through the pipeline."""

from __future__ import annotations

import uuid

from flask import Response, current_app
from flask_smorest import Blueprint
from marshmallow import RAISE
from sqlalchemy import func, select

from applications import db, handlers, read_model
from applications.domain import Application, ApplicationStatus, IllegalTransition, KnownVacancy
from applications.schemas import ApplicationListArgs, ApplicationPageSchema, ConsultantApplicationSchema, MoveSchema
from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, current_principal, require_roles

blueprint = Blueprint("consultant", __name__, url_prefix="/consultant", description="Consultants' applications")
REFUSALS = {handlers.ApplicationNotFound: (404, None), IllegalTransition: (409, None)}


@blueprint.get("/vacancies/<uuid:vacancy_id>/applications")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(ApplicationListArgs, location="query", unknown=RAISE)
@blueprint.response(200, ApplicationPageSchema)
def list_applications(args: dict, vacancy_id: uuid.UUID):
    """Applications to one of your vacancies, newest first, by status."""
    c = db.applications.c
    conditions = [c.vacancy_id == vacancy_id] + ([c.status == args["status"]] if args["status"] else [])
    with current_app.extensions["engine"].connect() as conn:
        _require_owner(read_model.get_known_vacancy(conn, vacancy_id))
        total = conn.execute(select(func.count()).where(*conditions)).scalar_one()
        page = (
            select(c.id)
            .where(*conditions)
            .order_by(c.submitted_at.desc(), c.id)
            .limit(args["page_size"])
            .offset((args["page"] - 1) * args["page_size"])
        )
        items = [db.get_application(conn, application_id) for application_id in conn.execute(page).scalars()]
    return {"items": items, "total": total, "page": args["page"], "page_size": args["page_size"]}


@blueprint.get("/applications/<uuid:application_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, ConsultantApplicationSchema)
def read_application(application_id: uuid.UUID):
    """One application with its screening and history."""
    return _owned(application_id)


@blueprint.get("/applications/<uuid:application_id>/cv")
@blueprint.doc(security=BEARER_SECURITY, responses={"200": {"description": "the CV file (PDF or DOCX)"}})
@require_roles(*STAFF)
def download_cv(application_id: uuid.UUID) -> Response:
    """The candidate's CV, as they uploaded it."""
    application = _owned(application_id)
    if application.cv is None:
        reject(404, "this application has no CV")
    data = current_app.extensions["cv_storage"].load(application.cv.key)
    extension = application.cv.key.rsplit(".", 1)[-1]
    disposition = f'attachment; filename="cv-{application.id}.{extension}"'
    return Response(data, mimetype=application.cv.media_type, headers={"Content-Disposition": disposition})


@blueprint.post("/applications/<uuid:application_id>/status")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(MoveSchema)
@blueprint.response(200, ConsultantApplicationSchema)
def move_application(body: dict, application_id: uuid.UUID):
    """Move the application through the pipeline; emits ApplicationStatusChanged."""
    status, actor = ApplicationStatus(body["status"]), current_principal().email

    def guard(_application: Application, vacancy: KnownVacancy | None) -> None:
        _require_owner(vacancy)

    return run_use_case(REFUSALS, handlers.move_application, application_id, status, actor, body["reason"], guard)


def _owned(application_id: uuid.UUID) -> Application:
    with current_app.extensions["engine"].connect() as conn:
        application = db.get_application(conn, application_id)
        if application is None:
            reject(404, f"no application with id {application_id}")
        _require_owner(read_model.get_known_vacancy(conn, application.vacancy_id))
    return application


def _require_owner(vacancy: KnownVacancy | None) -> None:
    """403 unless the caller is an admin or the vacancy's consultant (404 for unknown vacancies)."""
    if vacancy is None:
        reject(404, "no such vacancy has been published")
    if not current_principal().acts_for(vacancy.consultant.email if vacancy.consultant else ""):
        reject(403, f"vacancy {vacancy.reference} is another consultant's")
