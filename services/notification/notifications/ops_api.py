"""Ops API of the notification service: the email delivery log, and retrying a failed email."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE
from sqlalchemy import func, select, update

from notifications.db import email_attempts, emails
from notifications.domain import DeliveryStatus
from notifications.schemas import EmailDetailSchema, EmailPageSchema, EmailQuerySchema
from recruitment_shared.web import reject
from recruitment_shared.web.auth import BEARER_SECURITY, STAFF, require_roles

blueprint = Blueprint("emails", __name__, url_prefix="/emails", description="Email delivery log (consultants, admins)")


@blueprint.get("")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(EmailQuerySchema, location="query", unknown=RAISE)
@blueprint.response(200, EmailPageSchema)
def list_emails(query: dict):
    """Emails recorded for delivery, newest first, by status, recipient, event or correlation id."""
    filters = ("recipient", "status", "event_id", "correlation_id")
    conditions = [emails.c[name] == query[name] for name in filters if query[name]]
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


@blueprint.get("/<int:email_id>")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, EmailDetailSchema)
def read_email(email_id: int):
    """One email with every delivery attempt."""
    with current_app.extensions["engine"].connect() as conn:
        return _with_attempts(conn, email_id)


@blueprint.post("/<int:email_id>/retry")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, EmailDetailSchema)
def retry_email(email_id: int):
    """Queue a failed email again, at once (for example after fixing the address or the SMTP server)."""
    with current_app.extensions["engine"].begin() as conn:
        row = conn.execute(select(emails.c.status).where(emails.c.id == email_id).with_for_update()).first()
        if row is None:
            reject(404, f"no email with id {email_id}")
        if row.status != DeliveryStatus.FAILED:
            reject(409, f"email {email_id} is {row.status}; only a failed email is retried")
        now = datetime.now(UTC)
        conn.execute(
            update(emails).where(emails.c.id == email_id).values(status=DeliveryStatus.PENDING, next_attempt_at=now)
        )
        return _with_attempts(conn, email_id)


def _with_attempts(conn, email_id: int) -> dict:
    row = conn.execute(select(emails).where(emails.c.id == email_id)).mappings().first()
    if row is None:
        reject(404, f"no email with id {email_id}")
    attempts = conn.execute(
        select(email_attempts).where(email_attempts.c.email_id == email_id).order_by(email_attempts.c.id)
    ).mappings()
    return dict(row) | {"attempt_log": [dict(attempt) for attempt in attempts]}
