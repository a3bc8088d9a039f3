"""A candidate's export (access and portability, GDPR articles 15 and 20): the emails this service
sent to their address and their job-alert subscriptions.

The scope comes only from the candidate's signed link: its application, whose emails to the
candidate carry the candidate key of their address, which then finds the rest. Nothing a caller
types chooses whose data comes back, so another candidate's data cannot be asked for.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection

from notifications import alert_store, email_store
from notifications.personal_links import PLACEHOLDER_OF_TEMPLATE

SIGNED_LINK = "[personal link]"  # bodies hold a placeholder where a link was signed in, never a link


class NothingKnown(LookupError):
    """No email about the link's application reached a candidate (or it was erased): answered like
    a link that is not valid, so a token learns nothing more."""

    def __init__(self) -> None:
        super().__init__("this link is not valid (or no longer valid)")


def export_candidate_data(conn: Connection, application_id: uuid.UUID) -> dict:
    """The emails to the address of the application's candidate and its alert subscriptions; NothingKnown
    if this service knows no such address."""
    key = email_store.candidate_key_of_application(conn, application_id)
    if key is None:
        raise NothingKnown
    return {
        "emails": [_email(row) for row in email_store.emails_to(conn, key)],
        "alert_subscriptions": alert_store.subscriptions_of(conn, key),
    }


def _email(row) -> dict:
    """An email as sent (its body with the placeholder of its link named), or its delivery record
    alone once its body was purged."""
    body = row.body if row.purged_at is None else None
    for placeholder in set(PLACEHOLDER_OF_TEMPLATE.values()):
        body = body.replace(placeholder, SIGNED_LINK) if body else body
    return dict(row._mapping) | {"body": body}
