"""The consultant's applications: the inbox of one vacancy by status, an application's page (the
candidate, the screening, the history, the CV) and its moves through the pipeline.

The application API decides everything: whose applications a consultant sees (403 for another
consultant's), and which moves an application allows now (`next_steps`). A move it refuses with 409
was overtaken by someone else's: the page says so and shows the application as it now is.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient.api_client import ApiProblem
from webclient.pages import _api, pages
from webclient.pipeline import PIPELINE, moment, moves, status_label, verdict
from webclient.rejections import reason_choices, reason_label, rejection_body
from webclient.sign_in import bearer, consultant_required
from webclient.workspace_cv import cv_download

PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_NOTE = 2000  # the API's limit on a move's reason
Page = tuple[str, int] | str | Response

pages.add_app_template_filter(status_label, "pipeline_status")
pages.add_app_template_filter(moment, "moment")
pages.add_app_template_global(verdict, "verdict")


@pages.get("/consultant/vacancies/<uuid:vacancy_id>/applications")
@consultant_required
def inbox(vacancy_id: uuid.UUID) -> Page:
    """A vacancy's applications, newest first, one status (or all) at a time, a page of them."""
    status = request.args.get("status") or None
    if status is not None and status not in PIPELINE:
        return _refused(_("Unknown status"), _("There is no such tab. Choose one of the statuses above the list.")), 400
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    query = {"status": status, "page": page, "page_size": PAGE_SIZE}
    found = _api().get("application", f"/consultant/vacancies/{vacancy_id}/applications", query, bearer=bearer())
    return render_template(
        "workspace_inbox.html",
        vacancy=_vacancy(vacancy_id),
        vacancy_id=vacancy_id,
        status=status,
        statuses=PIPELINE,
        found=found,
        pages=max((found["total"] + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


@pages.get("/consultant/applications/<uuid:application_id>")
@consultant_required
def application(application_id: uuid.UUID) -> str:
    """One application: the candidate, the screening with its reasons, the history and the moves it allows."""
    return _application_page(application_id, {}, "")


@pages.post("/consultant/applications/<uuid:application_id>/status")
@consultant_required
def move_application(application_id: uuid.UUID) -> Page:
    """Move the application to the status of the button pressed, with the note (and, to reject it, the
    reason and whether to email the candidate); back to its page."""
    status, note = request.form.get("status", ""), (request.form.get("reason") or "").strip()
    if status not in PIPELINE:
        return _refused(_("Not moved"), _("This move does not exist. Open the application again.")), 400
    rejecting = status == "rejected"
    body = {"status": status, "reason": note or None} | (rejection_body(request.form) if rejecting else {})
    errors = _move_errors(body, note)
    if errors:
        return _application_page(application_id, errors, note, body if rejecting else None), 422
    path = f"/consultant/applications/{application_id}/status"
    try:
        _api().post("application", path, json=body, bearer=bearer())
    except ApiProblem as problem:
        if problem.status == 422 and rejecting and problem.fields:  # e.g. a reason no longer offered
            refused = {name: " ".join(messages) for name, messages in problem.fields.items()}
            return _application_page(application_id, refused, note, body), 422
        if problem.status != 409:
            raise
        # Another consultant (or the candidate, withdrawing) moved it first: nothing was changed.
        flash(_("Not moved: this application was changed meanwhile. Here it is as it is now."), "inbox-warning")
    else:
        flash(_moved(body), "inbox-done")
    return redirect(url_for("pages.application", application_id=application_id), 303)


def _move_errors(body: dict, note: str) -> dict[str, str]:
    """What the consultant must correct before the move is sent, by field."""
    errors = {}
    if len(note) > MAX_NOTE:
        errors["reason"] = _("Keep the note under %(count)d characters.", count=MAX_NOTE)
    if body["status"] == "rejected" and not body["rejection_reason"]:
        errors["rejection_reason"] = _("Choose why you reject the application.")
    return errors


def _moved(body: dict) -> str:
    """The flash after a move: for a rejection, whether the candidate gets an email and why."""
    moved = _("Moved to “%(status)s”.", status=status_label(body["status"]))
    if body["status"] != "rejected":
        return moved
    if body["notify_candidate"]:
        told = _("The candidate gets the email for “%(reason)s”.", reason=reason_label(body["rejection_reason"]))
    else:
        told = _("The candidate gets no email.")
    return f"{moved} {told}"


@pages.get("/consultant/applications/<uuid:application_id>/cv")
@consultant_required
def application_cv(application_id: uuid.UUID) -> Response:
    """The candidate's CV, always as a download."""
    return cv_download(application_id)


def _application_page(
    application_id: uuid.UUID, errors: dict[str, str], note: str, rejection: dict | None = None
) -> str:
    """The application's page; after a refused move, with the errors beside their fields and what the
    consultant had filled in (`rejection`: the reject form's, when that was the one sent)."""
    shown = _api().get("application", f"/consultant/applications/{application_id}", bearer=bearer())
    allowed = moves(shown.get("next_steps") or ())
    rejectable = any(status == "rejected" for status, _label in allowed)
    reasons = _api().get("application", "/consultant/rejection-reasons", bearer=bearer()) if rejectable else {}
    return render_template(
        "workspace_application.html",
        application=shown,
        vacancy=_vacancy(shown["vacancy_id"]),
        moves=[(status, label) for status, label in allowed if status != "rejected"],
        rejectable=rejectable,
        rejection_reasons=reason_choices(reasons.get("reasons", ())),
        rejection=rejection or {"rejection_reason": "", "notify_candidate": True},
        rejecting=rejection is not None,
        errors=errors,
        note=note,
        max_note=MAX_NOTE,
    )


def _vacancy(vacancy_id: uuid.UUID | str) -> dict[str, Any]:
    """The vacancy's reference and title as the application service knows them; blank when it cannot say."""
    try:
        return _api().get("application", f"/vacancies/{vacancy_id}")
    except ApiProblem:
        return {"id": str(vacancy_id), "reference": "", "title": ""}


def _refused(title: str, message: str) -> str:
    return render_template("error.html", title=title, message=message)
