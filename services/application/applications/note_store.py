"""Storing staff notes on applications."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, RowMapping, select

from applications.db import staff_notes
from applications.staff_notes import Author, StaffNote

N = staff_notes.c


def add_note(conn: Connection, note: StaffNote) -> None:
    """Store a new note."""
    values = {"id": note.id, "application_id": note.application_id, "text": note.text}
    values |= {"author_email": note.author.email, "author_name": note.author.name}
    conn.execute(staff_notes.insert().values(values | {"created_at": note.created_at, "updated_at": note.updated_at}))


def save_note(conn: Connection, note: StaffNote) -> None:
    """Store a note's new text."""
    conn.execute(staff_notes.update().where(N.id == note.id).values(text=note.text, updated_at=note.updated_at))


def get_note(conn: Connection, note_id: uuid.UUID, for_update: bool = False) -> StaffNote | None:
    """The note, if any; `for_update` locks it until the transaction ends."""
    query = select(staff_notes).where(N.id == note_id)
    row = conn.execute(query.with_for_update() if for_update else query).mappings().first()
    return _from_row(row) if row else None


def notes_of(conn: Connection, application_id: uuid.UUID) -> list[StaffNote]:
    """The application's notes, oldest first."""
    query = select(staff_notes).where(N.application_id == application_id).order_by(N.created_at, N.id)
    return [_from_row(row) for row in conn.execute(query).mappings()]


def _from_row(row: RowMapping) -> StaffNote:
    return StaffNote(
        id=row["id"],
        application_id=row["application_id"],
        author=Author(row["author_email"], row["author_name"]),
        text=row["text"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
