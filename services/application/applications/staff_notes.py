"""Staff-only notes on an application: who wrote what, when; only their author changes them.
Never shown to candidates, never in events. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime


class NotTheAuthor(Exception):
    """Only a note's or scorecard's author changes it, whoever else may read it."""


@dataclass(frozen=True)
class Author:
    """Who wrote a note or filled a scorecard, as their token named them."""

    email: str
    name: str

    def is_(self, email: str) -> bool:
        return self.email.lower() == email.lower()


@dataclass(kw_only=True)
class StaffNote:
    application_id: uuid.UUID
    author: Author
    text: str
    created_at: datetime
    updated_at: datetime
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    def check_author(self, editor: str) -> None:
        """NotTheAuthor unless `editor` wrote the note."""
        if not self.author.is_(editor):
            raise NotTheAuthor("only its author may change a note")

    def edit(self, text: str, editor: str, now: datetime) -> None:
        """Replace the text, if `editor` wrote the note (NotTheAuthor otherwise)."""
        self.check_author(editor)
        self.text, self.updated_at = text, now


def write_note(application_id: uuid.UUID, author: Author, text: str, now: datetime) -> StaffNote:
    """A new note, by `author`."""
    return StaffNote(application_id=application_id, author=author, text=text, created_at=now, updated_at=now)
