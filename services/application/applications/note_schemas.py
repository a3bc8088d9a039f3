"""Request and response schemas of staff notes."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

MAX_NOTE = 5000


class NoteInputSchema(Schema):
    class Meta:
        unknown = RAISE

    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_NOTE))

    @post_load
    def stripped(self, data: dict, **_) -> str:
        text = data["text"].strip()
        if not text:
            raise ValidationError("Write something in the note.", "text")
        return text


class StaffNoteSchema(Schema):
    """A note for staff: never shown to candidates."""

    id = fields.UUID()
    application_id = fields.UUID()
    author_email = fields.String(attribute="author.email")
    author_name = fields.String(attribute="author.name")
    text = fields.String()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()
    edited = fields.Function(lambda note: note.updated_at != note.created_at, metadata={"type": "boolean"})
