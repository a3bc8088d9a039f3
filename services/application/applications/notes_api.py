"""Consultant HTTP API of staff notes on an application: staff-only, changed by their author alone."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask import url_for
from flask_smorest import Blueprint

from applications import handlers, note_handlers
from applications.access import caller, require_owner
from applications.note_handlers import NoteNotFound
from applications.note_schemas import NoteInputSchema, StaffNoteSchema
from applications.staff_notes import NotTheAuthor, StaffNote
from recruitment_shared.web import run_use_case
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, require_roles

blueprint = Blueprint("staff_notes", __name__, url_prefix="/consultant", description="Staff notes on applications")
REFUSALS = {handlers.ApplicationNotFound: (404, None), NoteNotFound: (404, None), NotTheAuthor: (403, None)}


@blueprint.get("/applications/<uuid:application_id>/notes")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, StaffNoteSchema(many=True))
@blueprint.alt_response(404)
def list_notes(application_id: uuid.UUID):
    """The staff notes on the application, oldest first. Never shown to candidates, never in events."""
    return run_use_case(REFUSALS, note_handlers.notes_of, application_id, require_owner)


@blueprint.post("/applications/<uuid:application_id>/notes")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(NoteInputSchema)
@blueprint.response(201, StaffNoteSchema)
@blueprint.alt_response(404)
def add_note(text: str, application_id: uuid.UUID):
    """Write a note on the application, for staff only; you alone may change it later."""
    now = datetime.now(UTC)
    note = run_use_case(REFUSALS, note_handlers.add_note, application_id, caller(), text, now, require_owner)
    return note, 201, {"Location": url_for("staff_notes.read_note", application_id=application_id, note_id=note.id)}


@blueprint.get("/applications/<uuid:application_id>/notes/<uuid:note_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.etag
@blueprint.response(200, StaffNoteSchema)
@blueprint.alt_response(404)
def read_note(application_id: uuid.UUID, note_id: uuid.UUID):
    """One note; its ETag is what an edit sends as If-Match."""
    return run_use_case(REFUSALS, note_handlers.read_note, application_id, note_id, require_owner)


@blueprint.put("/applications/<uuid:application_id>/notes/<uuid:note_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.etag
@blueprint.arguments(NoteInputSchema)
@blueprint.response(200, StaffNoteSchema)
@blueprint.alt_response(404)
def edit_note(text: str, application_id: uuid.UUID, note_id: uuid.UUID):
    """Replace the text of your note (If-Match required; 403 for anyone else's, admins' too)."""

    def check(current: StaffNote) -> None:
        blueprint.check_etag(current, StaffNoteSchema)  # 412 when it changed meanwhile

    editor, now = caller().email, datetime.now(UTC)
    args = application_id, note_id, text, editor, now, require_owner, check
    return run_use_case(REFUSALS, note_handlers.edit_note, *args)
