"""HTTP API of the notification service: the email delivery log."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE
from sqlalchemy import func, select

from notifications.db import emails
from notifications.schemas import EmailPageSchema, EmailQuerySchema

blueprint = Blueprint("emails", __name__, url_prefix="/emails", description="Email delivery log")


@blueprint.get("")
@blueprint.arguments(EmailQuerySchema, location="query", unknown=RAISE)
@blueprint.response(200, EmailPageSchema)
def list_emails(query: dict):
    """Emails recorded for delivery, newest first, filtered by recipient and status."""
    conditions = [emails.c[name] == query[name] for name in ("recipient", "status") if query[name]]
    offset = (query["page"] - 1) * query["page_size"]
    with current_app.extensions["engine"].connect() as conn:
        total = conn.execute(select(func.count()).select_from(emails).where(*conditions)).scalar_one()
        rows = conn.execute(
            select(emails)
            .where(*conditions)
            .order_by(emails.c.created_at.desc(), emails.c.id.desc())
            .limit(query["page_size"])
            .offset(offset)
        ).all()
    return {"items": rows, "total": total, "page": query["page"], "page_size": query["page_size"]}
