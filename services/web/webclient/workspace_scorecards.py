"""The consultant's own scorecard of an interview that has started: each criterion rated 1-4 with a
comment, and a recommendation. Every interviewer keeps their own; the others' are shown beside it."""

from __future__ import annotations

import uuid
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient import interview_display, scorecard_form
from webclient.api_client import ApiProblem
from webclient.consultant_session import current_consultant
from webclient.pages import _api, pages
from webclient.sign_in import bearer, consultant_required

Page = tuple[str, int] | str | Response
FLASHED, WARNED = "inbox-done", "inbox-warning"

pages.add_app_template_global(interview_display.criterion_label, "criterion_label")
pages.add_app_template_global(interview_display.score_label, "score_label")
pages.add_app_template_global(interview_display.recommendation_label, "recommendation_label")
pages.add_app_template_global(tuple(interview_display.CRITERIA), "scorecard_criteria")


@pages.route("/consultant/interviews/<uuid:interview_id>/scorecard", methods=["GET", "POST"])
@consultant_required
def scorecard(interview_id: uuid.UUID) -> Page:
    """The consultant's scorecard (blank, or theirs to revise); posted, saved."""
    interview = _api().get("application", f"/consultant/interviews/{interview_id}", bearer=bearer())
    back = url_for("pages.application", application_id=interview["application_id"])
    if not interview["started"] or interview["state"] == "cancelled":
        flash(_("A scorecard is filled in once the interview has started."), WARNED)
        return redirect(back, 303)
    if request.method == "GET":
        return _page(interview, scorecard_form.values_of(_own(interview)))
    values = scorecard_form.typed(request.form)
    if errors := scorecard_form.checked(values):
        return _page(interview, values, errors), 422
    path = f"/consultant/interviews/{interview_id}/scorecard"
    try:
        # Only its author writes a scorecard, so any version may be replaced ("*"): theirs.
        _api().put("application", path, json=scorecard_form.request_body(values), if_match="*", bearer=bearer())
    except ApiProblem as problem:
        if problem.status == 422:
            return _page(interview, values, scorecard_form.api_errors(problem.fields)), 422
        raise
    flash(_("Your scorecard is saved."), FLASHED)
    return redirect(back, 303)


def _own(interview: dict[str, Any]) -> dict[str, Any] | None:
    me = current_consultant().email.lower()
    return next((card for card in interview["scorecards"] if card["author"]["email"].lower() == me), None)


def _page(interview: dict[str, Any], values: dict[str, str], errors: dict[str, str] | None = None) -> str:
    application = _api().get("application", f"/consultant/applications/{interview['application_id']}", bearer=bearer())
    return render_template(
        "workspace_scorecard.html",
        interview=interview,
        application=application,
        values=values,
        errors=errors or {},
        criteria=interview_display.CRITERIA,
        scores=interview_display.SCORES,
        recommendations=interview_display.RECOMMENDATIONS,
        max_comment=scorecard_form.MAX_COMMENT,
        max_summary=scorecard_form.MAX_SUMMARY,
    )
