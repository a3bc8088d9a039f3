"""Request and response schemas of the notification API."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from notifications.domain import DeliveryStatus


class EmailQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    recipient = fields.Email(load_default=None)
    status = fields.String(load_default=None, validate=validate.OneOf([s.value for s in DeliveryStatus]))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    page_size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class EmailSchema(Schema):
    id = fields.Integer()
    event_id = fields.String()
    template = fields.String()
    recipient = fields.String()
    subject = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)


class EmailPageSchema(Schema):
    items = fields.List(fields.Nested(EmailSchema))
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()
