"""Interviews on the consultant's application page: schedule one, move it, cancel it (behind a
confirmation: the candidate is emailed), and record its outcome once it has started. Staff notes
(workspace_notes.py), scorecards (workspace_scorecards.py) and the list of interviews to come
(workspace_upcoming.py) are its neighbours.

The application API decides: whose applications a consultant acts on (403), which interviews still
change (409), whether the plan is possible (422, shown beside the fields). A reschedule carries the
version the form was opened with; a change meanwhile (412) shows the interview as it now is.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient import interview_display, workspace_notes, workspace_scorecards, workspace_upcoming  # noqa: F401
from webclient.api_client import ApiProblem
from webclient.interview_form import (
    DURATIONS,
    OUTCOMES,
    ZONES,
    api_errors,
    blank,
    checked,
    request_body,
    typed,
    values_of,
)
from webclient.pages import _api, pages
from webclient.sign_in import bearer, consultant_required

Page = tuple[str, int] | str | Response
FLASHED = "inbox-done"  # shown on the application page (workspace_application_flashes.html)
WARNED = "inbox-warning"

pages.add_app_template_global(interview_display.interview_when, "interview_when")
pages.add_app_template_global(interview_display.standing, "interview_standing")
pages.add_app_template_global(OUTCOMES, "interview_outcomes")


@pages.route("/consultant/applications/<uuid:application_id>/interviews/new", methods=["GET", "POST"])
@consultant_required
def schedule_interview(application_id: uuid.UUID) -> Page:
    """The form; posted, a new interview: the candidate and the consultant are sent an invitation."""
    application = _application(application_id)
    if request.method == "GET":
        return _form(application, blank(), key=uuid.uuid4().hex)
    values, key = typed(request.form), request.form.get("request_key") or None
    if errors := checked(values):
        return _form(application, values, errors, key=key), 422
    path = f"/consultant/applications/{application_id}/interviews"
    try:  # the form's key: a second press of the button schedules nothing twice
        shown = _api().post("application", path, json=request_body(values), idempotency_key=key, bearer=bearer())
    except ApiProblem as problem:
        if problem.status == 422:
            return _form(application, values, api_errors(problem.fields), key=key), 422
        if problem.status != 409:
            raise
        flash(_("No interview scheduled: this application is final."), WARNED)
    else:
        flash(
            _(
                "Interview scheduled for %(when)s. The candidate and you are sent the invitation.",
                when=interview_display.interview_when(shown),
            ),
            FLASHED,
        )
    return redirect(url_for("pages.application", application_id=application_id), 303)


@pages.route("/consultant/interviews/<uuid:interview_id>/reschedule", methods=["GET", "POST"])
@consultant_required
def reschedule_interview(interview_id: uuid.UUID) -> Page:
    """The form with the interview as it is; posted, its new plan, if nobody changed it meanwhile."""
    interview, version = _api().get_versioned("application", f"/consultant/interviews/{interview_id}", bearer=bearer())
    application = _application(interview["application_id"])
    if request.method == "GET":
        return _form(application, values_of(interview), interview=interview, version=version)
    values, sent = typed(request.form), request.form.get("version", "")
    if errors := checked(values):
        return _form(application, values, errors, interview=interview, version=sent), 422
    path = f"/consultant/interviews/{interview_id}"
    try:
        moved, _version = _api().put("application", path, json=request_body(values), if_match=sent, bearer=bearer())
    except ApiProblem as problem:
        if problem.status == 422:
            return _form(application, values, api_errors(problem.fields), interview=interview, version=sent), 422
        if problem.status in (412, 428):  # changed since the form was opened: here it is as it is now
            notice = _("This interview was changed meanwhile. Here it is as it is now; make your change again.")
            return _form(application, values_of(interview), interview=interview, version=version, notice=notice), 409
        if problem.status != 409:
            raise
        flash(_("Not changed: this interview was cancelled or has its outcome."), WARNED)
    else:
        flash(
            _(
                "Interview moved to %(when)s. The candidate and you are sent the new invitation.",
                when=interview_display.interview_when(moved),
            ),
            FLASHED,
        )
    return redirect(url_for("pages.application", application_id=interview["application_id"]), 303)


@pages.route("/consultant/interviews/<uuid:interview_id>/cancel", methods=["GET", "POST"])
@consultant_required
def cancel_interview(interview_id: uuid.UUID) -> Page:
    """GET asks to confirm (the candidate is told); only the POST cancels."""
    interview = _api().get("application", f"/consultant/interviews/{interview_id}", bearer=bearer())
    application = _application(interview["application_id"])
    if request.method == "GET":
        return render_template("workspace_interview_cancel.html", interview=interview, application=application)
    try:
        _api().post("application", f"/consultant/interviews/{interview_id}/cancel", bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 409:
            raise
        flash(_("Not cancelled: this interview has started, was cancelled already or has its outcome."), WARNED)
    else:
        flash(_("Interview cancelled. The candidate and you are sent the cancellation."), FLASHED)
    return redirect(url_for("pages.application", application_id=interview["application_id"]), 303)


@pages.post("/consultant/interviews/<uuid:interview_id>/outcome")
@consultant_required
def record_outcome(interview_id: uuid.UUID) -> Page:
    """The outcome chosen on the application page (staff only: the candidate is not emailed)."""
    interview = _api().get("application", f"/consultant/interviews/{interview_id}", bearer=bearer())
    outcome = request.form.get("outcome", "")
    if outcome not in OUTCOMES:
        flash(_("Choose an outcome from the list."), WARNED)
        return redirect(url_for("pages.application", application_id=interview["application_id"]), 303)
    path = f"/consultant/interviews/{interview_id}/outcome"
    try:
        _api().post("application", path, json={"outcome": outcome}, bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 409:
            raise
        flash(_("No outcome saved: this interview has not started yet, or was cancelled."), WARNED)
    else:
        flash(_("Outcome saved: %(outcome)s.", outcome=OUTCOMES[outcome]), FLASHED)
    return redirect(url_for("pages.application", application_id=interview["application_id"]), 303)


def _form(
    application: dict[str, Any], values: dict[str, str], errors: dict[str, str] | None = None, **shown: Any
) -> str:
    return render_template(
        "workspace_interview_form.html",
        application=application,
        values=values,
        errors=errors or {},
        durations=DURATIONS,
        zones=ZONES,
        **shown,
    )


def _application(application_id: uuid.UUID | str) -> dict[str, Any]:
    return _api().get("application", f"/consultant/applications/{application_id}", bearer=bearer())
