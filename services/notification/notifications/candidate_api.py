"""A candidate's own data, opened by the link in their emails: GET /candidate/{token}/export."""

from __future__ import annotations

import uuid

from flask import current_app
from flask_smorest import Blueprint

from notifications.candidate_export import NothingKnown, export_candidate_data
from notifications.links import InvalidLink
from notifications.schemas import CandidateExportSchema
from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.rate_limits import limit_public_writes

blueprint = Blueprint("candidate", __name__, url_prefix="/candidate", description="A candidate's own data")
REFUSALS = {NothingKnown: (404, None)}
NO_STORE = {"Cache-Control": "no-store"}  # personal data: no cache keeps a copy


@blueprint.get("/<token>/export")
@limit_public_writes("RATE_LIMIT_LINKS")  # like every link's: a bot must not test guessed tokens fast
@blueprint.response(200, CandidateExportSchema)
@blueprint.alt_response(404)
def export_own_data(token: str):
    """Everything this service holds about you: the emails sent to your address (subject, text,
    status, times; a body older than the retention period is gone) and your job alerts. The link is
    the one from your application's emails; it opens your data and nobody else's."""
    exported = run_use_case(REFUSALS, export_candidate_data, _application_of(token))
    return exported, 200, NO_STORE


def _application_of(token: str) -> uuid.UUID:
    try:
        return current_app.extensions["personal_links"].application_of(token)
    except InvalidLink as exc:
        reject(404, str(exc))
