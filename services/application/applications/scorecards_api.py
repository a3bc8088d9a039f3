"""Consultant HTTP API of interview scorecards: each interviewer fills in and revises their own."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask_smorest import Blueprint

from applications import interview_handlers
from applications.access import caller, require_owner
from applications.interviews_api import REFUSALS
from applications.scorecard_schemas import ScorecardInputSchema, ScorecardSchema
from applications.scorecards import Recommendation, Scorecard
from recruitment_shared.web import run_use_case
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, require_roles

blueprint = Blueprint("scorecards", __name__, url_prefix="/consultant", description="Interview scorecards")


@blueprint.put("/interviews/<uuid:interview_id>/scorecard")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(ScorecardInputSchema)
@blueprint.response(200, ScorecardSchema)
@blueprint.alt_response(201, schema=ScorecardSchema, description="your first scorecard of this interview")
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def fill_scorecard(body: dict, interview_id: uuid.UUID):
    """Your scorecard of an interview that has started (201 the first time, 200 when you revise it):
    methodology, stakeholder management, communication, technical domain, each 1-4 with a comment,
    and your recommendation. Staff only: never shown to candidates, never in events."""
    now = datetime.now(UTC)
    card = Scorecard(
        interview_id=interview_id,
        author=caller(),
        ratings=body["ratings"],
        recommendation=Recommendation(body["recommendation"]),
        summary=(body["summary"] or "").strip() or None,
        created_at=now,
        updated_at=now,
    )
    saved, new = run_use_case(REFUSALS, interview_handlers.fill_scorecard, interview_id, card, require_owner)
    return saved, 201 if new else 200
