"""Consultant HTTP API of the talent pool (search it, suggest candidates for a vacancy) and of the
pipeline reports (per vacancy, per consultant; JSON and CSV).

Any consultant may search the whole pool: it is the agency's. Suggestions and reports concern a
vacancy's or a consultant's own work: the vacancy's consultant or an admin only.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Response
from flask_smorest import Blueprint
from marshmallow import RAISE

from applications import pool_handlers
from applications.access import require_owner
from applications.pipeline_report import PipelineReport, as_csv
from applications.pool_schemas import (
    ConsultantReportArgs,
    PipelineReportSchema,
    PoolPageSchema,
    PoolSearchArgs,
    SuggestionPageSchema,
)
from recruitment_shared.web import reject, run_use_case
from recruitment_shared.web.auth import ADMIN, BEARER_SECURITY, STAFF, current_principal, require_roles
from recruitment_shared.web.paging import PageArgs

blueprint = Blueprint("talent_pool", __name__, url_prefix="/consultant", description="The talent pool")
reports = Blueprint("reports", __name__, url_prefix="/consultant", description="Pipeline reports")
AGENCY_TIME = ZoneInfo("Europe/Brussels")  # "available today" is a day in Belgium
PRIVATE = {"Cache-Control": "no-store"}  # candidates' data: no cache keeps it
CSV_ANSWER = {
    "200": {
        "description": "the report as CSV (metric, item, value), as an attachment",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


@blueprint.get("/talent-pool")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(PoolSearchArgs, location="query", unknown=RAISE)
@blueprint.response(200, PoolPageSchema)
def search_pool(filters):
    """Candidates who gave the talent-pool consent (and have not withdrawn it), each person once with
    their pooled applications; best text match first with `q`, else newest first."""
    return run_use_case({}, pool_handlers.search_pool, filters), 200, PRIVATE


@blueprint.get("/vacancies/<uuid:vacancy_id>/suggestions")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(PageArgs, location="query", unknown=RAISE)
@blueprint.response(200, SuggestionPageSchema)
@blueprint.alt_response(404)
def suggest_candidates(args: dict, vacancy_id: uuid.UUID):
    """Pool candidates who have not applied to your vacancy, those meeting every hard requirement
    (its required languages) first, then by how many of its other wishes they meet, with the reasons."""
    today = datetime.now(AGENCY_TIME).date()
    paging = args["page"], args["page_size"]
    found = run_use_case({}, pool_handlers.suggest_candidates, vacancy_id, *paging, require_owner, today)
    return found, 200, PRIVATE


@reports.get("/vacancies/<uuid:vacancy_id>/report")
@reports.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@reports.response(200, PipelineReportSchema)
@reports.alt_response(404)
def vacancy_report(vacancy_id: uuid.UUID):
    """Your vacancy's pipeline: applications by status, conversion between stages, median days in
    each stage, time to hire, sources."""
    return run_use_case({}, pool_handlers.vacancy_report, vacancy_id, require_owner)


@reports.get("/vacancies/<uuid:vacancy_id>/report.csv")
@reports.doc(security=BEARER_SECURITY, responses=CSV_ANSWER)
@require_roles(*STAFF)
@reports.alt_response(404)
def vacancy_report_csv(vacancy_id: uuid.UUID) -> Response:
    """The same report as CSV."""
    report = run_use_case({}, pool_handlers.vacancy_report, vacancy_id, require_owner)
    return _csv(report, f"pipeline-{report.vacancies[0].reference}")


@reports.get("/reports/pipeline")
@reports.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@reports.arguments(ConsultantReportArgs, location="query", unknown=RAISE)
@reports.response(200, PipelineReportSchema)
def consultant_report(args: dict):
    """The pipeline over all of a consultant's vacancies: yours, or (for an admin) anyone's or the agency's."""
    return run_use_case({}, pool_handlers.consultant_report, _whose(args["consultant"]))


@reports.get("/reports/pipeline.csv")
@reports.doc(security=BEARER_SECURITY, responses=CSV_ANSWER)
@require_roles(*STAFF)
@reports.arguments(ConsultantReportArgs, location="query", unknown=RAISE)
def consultant_report_csv(args: dict) -> Response:
    """The same report as CSV."""
    report = run_use_case({}, pool_handlers.consultant_report, _whose(args["consultant"]))
    return _csv(report, "pipeline-consultant" if args["consultant"] or not _is_admin() else "pipeline-agency")


def _whose(consultant: str | None) -> str | None:
    """Whose vacancies to report on: a consultant their own only (403 for another's); an admin
    whoever they name, or everyone's."""
    principal = current_principal()
    if _is_admin():
        return consultant
    if consultant is not None and consultant.lower() != principal.email.lower():
        reject(403, "a consultant sees the pipeline report of their own vacancies only", "consultant", "query")
    return principal.email


def _is_admin() -> bool:
    return ADMIN in current_principal().roles


def _csv(report: PipelineReport, stem: str) -> Response:
    # The file name holds a vacancy's reference at most: nothing personal, nothing a header can't carry.
    safe = "".join(char if char.isalnum() or char in "-_" else "-" for char in stem)
    headers = {"Content-Disposition": f'attachment; filename="{safe}.csv"', **PRIVATE}
    return Response(as_csv(report), mimetype="text/csv", headers=headers)
