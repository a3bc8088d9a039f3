"""Staff notes on the consultant's application page: add one, change your own. Only staff see them;
the application API keeps their author and lets only them change a note (403 for anyone else)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient import staff_desk  # noqa: F401  (the application page's interviews and notes)
from webclient.api_client import ApiProblem
from webclient.pages import _api, pages
from webclient.sign_in import bearer, consultant_required

Page = tuple[str, int] | str | Response
MAX_NOTE = 5000  # the API's limit
FLASHED = "inbox-done"


@pages.post("/consultant/applications/<uuid:application_id>/notes")
@consultant_required
def add_note(application_id: uuid.UUID) -> Page:
    """A new note by the signed-in consultant; back to the application page."""
    text = (request.form.get("text") or "").strip()
    if error := _refusal(text):
        return _note_page(application_id, text, error), 422
    _api().post("application", f"/consultant/applications/{application_id}/notes", json={"text": text}, bearer=bearer())
    flash(_("Note added."), FLASHED)
    return redirect(url_for("pages.application", application_id=application_id, _anchor="notes-heading"), 303)


@pages.route("/consultant/applications/<uuid:application_id>/notes/<uuid:note_id>/edit", methods=["GET", "POST"])
@consultant_required
def edit_note(application_id: uuid.UUID, note_id: uuid.UUID) -> Page:
    """The note in a form; posted, its new text, if it is the consultant's and unchanged meanwhile."""
    path = f"/consultant/applications/{application_id}/notes/{note_id}"
    note, version = _api().get_versioned("application", path, bearer=bearer())
    if request.method == "GET":
        return _note_page(application_id, note["text"], note=note, version=version)
    text, sent = (request.form.get("text") or "").strip(), request.form.get("version", "")
    if error := _refusal(text):
        return _note_page(application_id, text, error, note=note, version=sent), 422
    try:
        _api().put("application", path, json={"text": text}, if_match=sent, bearer=bearer())
    except ApiProblem as problem:
        if problem.status == 403:  # someone else's note: it stays theirs
            return _note_page(application_id, note["text"], _("Only its author may change a note."), note=note), 403
        if problem.status not in (412, 428):
            raise
        notice = _("This note was changed meanwhile. Here it is as it is now; make your change again.")
        return _note_page(application_id, note["text"], notice, note=note, version=version), 409
    flash(_("Note saved."), FLASHED)
    return redirect(url_for("pages.application", application_id=application_id, _anchor="notes-heading"), 303)


def _refusal(text: str) -> str | None:
    if not text:
        return _("Write something in the note.")
    if len(text) > MAX_NOTE:
        return _("Keep the note under %(count)d characters.", count=MAX_NOTE)
    return None


def _note_page(application_id: uuid.UUID, text: str, error: str | None = None, **shown: Any) -> str:
    application = _api().get("application", f"/consultant/applications/{application_id}", bearer=bearer())
    return render_template(
        "workspace_note.html", application=application, text=text, error=error, max_note=MAX_NOTE, **shown
    )
