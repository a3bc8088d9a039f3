"""Use cases of staff notes: write one on an application, change your own, read them all. No event:
notes stay in this service, for its staff."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection

from applications import note_store, vacancy_store
from applications.handlers import Guard, get_application
from applications.staff_notes import Author, StaffNote, write_note


class NoteNotFound(LookupError):
    """No note with this id on this application."""


def add_note(
    conn: Connection, application_id: uuid.UUID, author: Author, text: str, now: datetime, guard: Guard
) -> StaffNote:
    """A new note by `author` on the application."""
    _guard(conn, application_id, guard)
    note = write_note(application_id, author, text, now)
    note_store.add_note(conn, note)
    return note


def edit_note(
    conn: Connection,
    application_id: uuid.UUID,
    note_id: uuid.UUID,
    text: str,
    editor: str,
    now: datetime,
    guard: Guard,
    check: Callable[[StaffNote], None],
) -> StaffNote:
    """The note's new text, if `editor` wrote it (NotTheAuthor otherwise); `check` refuses a stale version."""
    note = read_note(conn, application_id, note_id, guard, for_update=True)
    note.check_author(editor)  # before the version: another's note is theirs, whichever version one saw
    check(note)
    note.edit(text, editor, now)
    note_store.save_note(conn, note)
    return note


def read_note(
    conn: Connection, application_id: uuid.UUID, note_id: uuid.UUID, guard: Guard, for_update: bool = False
) -> StaffNote:
    """One note of the application (NoteNotFound for any other id)."""
    _guard(conn, application_id, guard)
    note = note_store.get_note(conn, note_id, for_update)
    if note is None or note.application_id != application_id:
        raise NoteNotFound(f"no note with id {note_id} on this application")
    return note


def notes_of(conn: Connection, application_id: uuid.UUID, guard: Guard) -> list[StaffNote]:
    """The application's notes, oldest first."""
    _guard(conn, application_id, guard)
    return note_store.notes_of(conn, application_id)


def _guard(conn: Connection, application_id: uuid.UUID, guard: Guard) -> None:
    application = get_application(conn, application_id)  # ApplicationNotFound: 404
    guard(vacancy_store.get_known_vacancy(conn, application.vacancy_id))
