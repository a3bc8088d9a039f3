"""Request and response schemas of the application API."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate


class ApplicationRequestSchema(Schema):
    """What a candidate sends to apply."""

    class Meta:
        unknown = RAISE

    vacancy_id = fields.UUID(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(required=True, validate=validate.Length(max=320))
    motivation = fields.String(load_default="", validate=validate.Length(max=5000))


class ApplicationSchema(Schema):
    """An application as the API shows it."""

    id = fields.UUID()
    vacancy_id = fields.UUID()
    name = fields.String(attribute="candidate.name")
    email = fields.String(attribute="candidate.email")
    motivation = fields.String()
    status = fields.String()
    submitted_at = fields.AwareDateTime()


class KnownVacancySchema(Schema):
    """A vacancy as this service knows it from vacancy events: may one apply to it now?"""

    id = fields.UUID()
    reference = fields.String()
    title = fields.String(allow_none=True)
    accepting_applications = fields.Function(lambda vacancy: vacancy.state == "open")
