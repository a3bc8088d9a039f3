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
    """Move the application to the status of the button pressed, with the note; back to its page."""
    status, note = request.form.get("status", ""), (request.form.get("reason") or "").strip()
    if status not in PIPELINE:
        return _refused(_("Not moved"), _("This move does not exist. Open the application again.")), 400
    if len(note) > MAX_NOTE:
        error = _("Keep the note under %(count)d characters.", count=MAX_NOTE)
        return _application_page(application_id, {"reason": error}, note), 422
    body = {"status": status, "reason": note or None}
    path = f"/consultant/applications/{application_id}/status"
    try:
        _api().post("application", path, json=body, bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 409:
            raise
        # Another consultant (or the candidate, withdrawing) moved it first: nothing was changed.
        flash(_("Not moved: this application was changed meanwhile. Here it is as it is now."), "inbox-warning")
    else:
        flash(_("Moved to “%(status)s”.", status=status_label(status)), "inbox-done")
    return redirect(url_for("pages.application", application_id=application_id), 303)


@pages.get("/consultant/applications/<uuid:application_id>/cv")
@consultant_required
def application_cv(application_id: uuid.UUID) -> Response:
    """The candidate's CV, always as a download."""
    return cv_download(application_id)


def _application_page(application_id: uuid.UUID, errors: dict[str, str], note: str) -> str:
    shown = _api().get("application", f"/consultant/applications/{application_id}", bearer=bearer())
    return render_template(
        "workspace_application.html",
        application=shown,
        vacancy=_vacancy(shown["vacancy_id"]),
        moves=moves(shown.get("next_steps") or ()),
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
