"""Ops API of the notification service: the email delivery log, and retrying a failed email.

A consultant sees and retries only the emails about their own vacancies; an admin every email
(emails about no vacancy, such as job alerts, are the admins' alone)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE

from notifications import delivery_log, email_store
from notifications.schemas import EmailDetailSchema, EmailPageSchema, EmailQuerySchema
from recruitment_shared.web import run_use_case
from recruitment_shared.web.auth import ADMIN, BEARER_SECURITY, STAFF, current_principal, require_roles

blueprint = Blueprint("emails", __name__, url_prefix="/emails", description="Email delivery log (consultants, admins)")
REFUSALS = {
    delivery_log.EmailNotFound: (404, None),
    delivery_log.NotRetryable: (409, None),
    delivery_log.ContentErased: (409, None),
}
FILTERS = ("recipient", "status", "event_id", "correlation_id")
# Email ids are BIGINT: a larger number in the path is no email (404), never a database error.
EMAIL_ID = "<int(max=9223372036854775807):email_id>"


@blueprint.get("")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.arguments(EmailQuerySchema, location="query", unknown=RAISE)
@blueprint.response(200, EmailPageSchema)
def list_emails(query: dict):
    """Emails recorded for delivery, newest first, by status, recipient, event or correlation id:
    a consultant's about their own vacancies, every email for an admin."""
    filters = {name: query[name] for name in FILTERS}
    with current_app.extensions["engine"].connect() as conn:
        return email_store.email_page(conn, filters, query["page"], query["page_size"], _consultant())


@blueprint.get(f"/{EMAIL_ID}")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, EmailDetailSchema)
@blueprint.alt_response(404)
def read_email(email_id: int):
    """One email with every delivery attempt (404 for another consultant's)."""
    return run_use_case(REFUSALS, delivery_log.read_email, email_id, _consultant())


@blueprint.post(f"/{EMAIL_ID}/retry")
@blueprint.doc(security=BEARER_SECURITY)
@require_roles(*STAFF)
@blueprint.response(200, EmailDetailSchema)
@blueprint.alt_response(404)
@blueprint.alt_response(409)
def retry_email(email_id: int):
    """Queue a failed email again, at once (for example after fixing the address or the SMTP server)."""
    return run_use_case(REFUSALS, delivery_log.retry_email, email_id, datetime.now(UTC), _consultant())


def _consultant() -> str | None:
    """Whose emails the caller acts on: a consultant their own (by address), an admin everyone's (None)."""
    principal = current_principal()  # require_roles has made sure there is one
    return None if ADMIN in principal.roles else principal.email
