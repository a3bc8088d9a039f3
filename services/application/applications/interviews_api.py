"""Consultant HTTP API of interviews: schedule, reschedule, cancel, outcome, and the interviews to
come across a consultant's vacancies (their scorecards: scorecards_api.py)."""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime

from flask import current_app, request, url_for
from flask_smorest import Blueprint
from marshmallow import RAISE

from applications import handlers, interview_handlers
from applications.access import require_owner
from applications.domain import IllegalTransition
from applications.interview_handlers import InterviewNotFound, InterviewView, Request
from applications.interview_schemas import (
    InterviewListArgs,
    InterviewPageSchema,
    InterviewPlanSchema,
    InterviewSchema,
    InterviewVersionSchema,
    OutcomeSchema,
)
from applications.interview_store import Period
from applications.interviews import InterviewClosed, InterviewNotYetHeld, InterviewOutcome, StartInThePast
from applications.submission import IdempotencyKeyReused
from recruitment_shared.web import Refusal, reject, run_use_case
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, current_principal, require_roles

blueprint = Blueprint("interviews", __name__, url_prefix="/consultant", description="Interviews and their scorecards")
REFUSALS = {
    handlers.ApplicationNotFound: (404, None),
    InterviewNotFound: (404, None),
    IllegalTransition: (409, None),
    InterviewClosed: (409, None),
    InterviewNotYetHeld: (409, None),
    StartInThePast: Refusal(422, "starts_at"),
    IdempotencyKeyReused: Refusal(422, "Idempotency-Key", "headers"),
}
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,200}$")


@blueprint.post("/applications/<uuid:application_id>/interviews")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(InterviewPlanSchema)
@blueprint.response(201, InterviewSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def schedule_interview(plan, application_id: uuid.UUID):
    """Schedule an interview: the candidate (in their language) and the consultant are emailed an
    invitation (InterviewScheduled); an application still submitted or in screening moves to
    `interview`. An `Idempotency-Key` header makes a retry answer the same interview (`Idempotent-Replayed: true`)."""
    asked = request_of_caller(_idempotency_key())
    view = run_use_case(REFUSALS, interview_handlers.schedule_interview, application_id, plan, asked, require_owner)
    location = url_for("interviews.read_interview", interview_id=view.interview.id)
    return view, 201, {"Location": location, "Idempotent-Replayed": str(view.replayed).lower()}


@blueprint.get("/applications/<uuid:application_id>/interviews")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, InterviewSchema(many=True))
@blueprint.alt_response(404)
def list_application_interviews(application_id: uuid.UUID):
    """The application's interviews (cancelled ones too) with their scorecards, in the order of their start."""
    return run_use_case(REFUSALS, interview_handlers.interviews_of, application_id, require_owner)


@blueprint.get("/interviews")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(InterviewListArgs, location="query", unknown=RAISE)
@blueprint.response(200, InterviewPageSchema)
def list_interviews(args: dict):
    """Your interviews across your vacancies: still to come (`period=upcoming`, soonest first), or
    held and waiting for their outcome (`period=to_conclude`); admins see everyone's, or one consultant's."""
    principal = current_principal()
    consultant = args["consultant"] or (None if principal.has_any_role("admin") else principal.email)
    if consultant is not None and not principal.acts_for(consultant):
        reject(403, "Only admins may list another consultant's interviews.", "consultant", "query")
    paging = Period(args["period"]), datetime.now(UTC), args["page"], args["page_size"]
    with current_app.extensions["engine"].connect() as conn:
        return interview_handlers.listed_interviews(conn, consultant, *paging)


@blueprint.get("/interviews/<uuid:interview_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.etag
@blueprint.response(200, InterviewSchema)
@blueprint.alt_response(404)
def read_interview(interview_id: uuid.UUID):
    """One interview with its scorecards; its ETag is what a reschedule sends as If-Match."""
    view = run_use_case(REFUSALS, interview_handlers.read_interview, interview_id, require_owner)
    blueprint.set_etag(view, InterviewVersionSchema)
    return view


@blueprint.put("/interviews/<uuid:interview_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.etag
@blueprint.arguments(InterviewPlanSchema)
@blueprint.response(200, InterviewSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def reschedule_interview(plan, interview_id: uuid.UUID):
    """Replace the plan (If-Match required): a new time, place or interviewers go out as an updated
    invitation with a higher SEQUENCE (InterviewRescheduled); the same plan again sends nothing."""

    def check(current: InterviewView) -> None:
        blueprint.check_etag(current, InterviewVersionSchema)  # 412 when it changed meanwhile

    view = run_use_case(
        REFUSALS, interview_handlers.reschedule_interview, interview_id, plan, request_of_caller(), require_owner, check
    )
    blueprint.set_etag(view, InterviewVersionSchema)
    return view


@blueprint.post("/interviews/<uuid:interview_id>/cancel")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, InterviewSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def cancel_interview(interview_id: uuid.UUID):
    """Call off an interview that has not started: its invitations are cancelled (METHOD:CANCEL,
    InterviewCancelled). The application stays where it is."""
    return run_use_case(REFUSALS, interview_handlers.cancel_interview, interview_id, request_of_caller(), require_owner)


@blueprint.post("/interviews/<uuid:interview_id>/outcome")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(OutcomeSchema)
@blueprint.response(200, InterviewSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def record_outcome(body: dict, interview_id: uuid.UUID):
    """What came of an interview once it has started (positive, negative, no_show); staff only, no email."""
    outcome = InterviewOutcome(body["outcome"])
    return run_use_case(
        REFUSALS, interview_handlers.record_outcome, interview_id, outcome, request_of_caller(), require_owner
    )


def request_of_caller(key: str | None = None) -> Request:
    """Who asks and when, with the request's Idempotency-Key and its body's fingerprint (if a key is given)."""
    fingerprint = hashlib.sha256(request.get_data()).hexdigest() if key else None
    return Request(actor=current_principal().email, now=datetime.now(UTC), key=key, fingerprint=fingerprint)


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _IDEMPOTENCY_KEY.match(key):
        reject(400, "Idempotency-Key must be 8 to 200 letters, digits or . _ : -", "Idempotency-Key", "headers")
    return key
