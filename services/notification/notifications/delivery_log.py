"""Use cases of the email delivery log, each in the caller's transaction: read an email with its
attempts, and retry one that failed.

Each takes `consultant`: a consultant's address, who acts only on the emails about their own
vacancies, or None for an admin (every email). Another consultant's email is EmailNotFound, like
an email that does not exist: the answer reveals nothing of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from notifications import email_store
from notifications.domain import DeliveryStatus


class EmailNotFound(LookupError):
    """No email has this id."""

    def __init__(self, email_id: int) -> None:
        super().__init__(f"no email with id {email_id}")


class NotRetryable(Exception):
    """Only a failed email is retried: a pending one is still being tried, a sent one arrived."""

    def __init__(self, email_id: int, status: DeliveryStatus) -> None:
        super().__init__(f"email {email_id} is {status}; only a failed email is retried")


class ContentErased(Exception):
    """A failed email whose body and address were removed (erasure or retention) cannot be sent again."""

    def __init__(self, email_id: int) -> None:
        super().__init__(f"email {email_id} cannot be retried: its body and address were erased")


def read_email(conn: Connection, email_id: int, consultant: str | None) -> dict:
    """One email with every delivery attempt, or EmailNotFound."""
    email = email_store.email_with_attempts(conn, email_id, consultant)
    if email is None:
        raise EmailNotFound(email_id)
    return email


def retry_email(conn: Connection, email_id: int, now: datetime, consultant: str | None) -> dict:
    """Queue a failed email again, due at `now`; EmailNotFound, NotRetryable unless it failed, or
    ContentErased if there is nothing left to send."""
    status = email_store.status_for_update(conn, email_id, consultant)
    if status is None:
        raise EmailNotFound(email_id)
    if status is not DeliveryStatus.FAILED:
        raise NotRetryable(email_id, status)
    if email_store.is_purged(conn, email_id):
        raise ContentErased(email_id)
    email_store.requeue(conn, email_id, now)
    return read_email(conn, email_id, consultant)
