"""Storing emails and their delivery attempts: the queue the sender works from, and the delivery log;
removing a candidate's from them (erasure, retention) and reading them back (their export).

The delivery log's queries take `consultant`: the address of a consultant, who sees only the
emails about their own vacancies, or None for an admin, who sees every email."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, delete, func, or_, select, text, update

from notifications.db import email_attempts, emails
from notifications.domain import Attempt, DeliveryOutcome, DeliveryStatus, Email
from recruitment_shared.correlation import current_correlation_id
from recruitment_shared.db import insert_unless_present, is_postgresql

E = emails.c


def record_email(conn: Connection, email: Email, now: datetime) -> bool:
    """Queue `email` for delivery; False if this event already queued it (a redelivery)."""
    values = {
        "event_id": email.event_id,
        "template": email.template,
        "recipient": email.recipient,
        "subject": email.subject,
        "body": email.text,
        "html_body": email.html,
        "language": email.language,
        "priority": int(email.priority),
        "correlation_id": current_correlation_id(),
        "link_for": email.link_for,
        "vacancy_id": email.owner.vacancy_id if email.owner else None,
        "consultant_email": email.owner.consultant_email.lower() if email.owner else None,
        "application_id": email.application_id,
        "recipient_key": email.recipient_key,
        "calendar": email.calendar,
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    return insert_unless_present(conn, emails, values, key=("event_id", "recipient", "template"))


def recently_queued(conn: Connection, recipient: str, template: str, since: datetime) -> bool:
    """Whether `recipient` has a `template` email recorded at or after `since` (in any status).

    On PostgreSQL the caller's transaction first takes a lock on (template, recipient), held until
    it ends: two requests at once cannot both find none and both queue one."""
    if is_postgresql(conn):
        key = f"email-cooldown/{template}/{recipient}"
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
    query = select(E.id).where(E.recipient == recipient, E.template == template, E.created_at >= since).limit(1)
    return conn.execute(query).first() is not None


def claim_next_due(conn: Connection, now: datetime) -> Row | None:
    """The most urgent email due at `now`, locked until the caller's transaction ends."""
    query = (
        select(emails)
        .where(E.status == DeliveryStatus.PENDING, E.next_attempt_at <= now)
        # Most urgent first, so a consultant's alert overtakes a queue of job alerts.
        .order_by(E.priority, E.next_attempt_at, E.id)
        .limit(1)
    )
    if is_postgresql(conn):
        query = query.with_for_update(skip_locked=True)  # several senders share the queue
    return conn.execute(query).first()


def record_attempt(conn: Connection, email_id: int, attempt: Attempt) -> None:
    """Log one delivery attempt, and move the email to where the attempt leaves it."""
    changes: dict[str, Any] = {"attempts": attempt.number, "status": attempt.status, "last_error": attempt.error}
    if attempt.outcome is DeliveryOutcome.SENT:
        changes["sent_at"] = attempt.at
    else:
        changes["next_attempt_at"] = attempt.retry_at
    conn.execute(update(emails).where(E.id == email_id).values(**changes))
    conn.execute(
        email_attempts.insert().values(
            email_id=email_id, attempted_at=attempt.at, outcome=attempt.outcome, detail=attempt.error
        )
    )


def email_page(
    conn: Connection, filters: Mapping[str, str | None], page: int, page_size: int, consultant: str | None
) -> dict:
    """The emails `consultant` may see whose columns equal the `filters` that are set, newest
    first, one page of them."""
    conditions = [E[name] == value for name, value in filters.items() if value] + _visible_to(consultant)
    total = conn.execute(select(func.count()).select_from(emails).where(*conditions)).scalar_one()
    rows = conn.execute(
        select(emails)
        .where(*conditions)
        .order_by(E.created_at.desc(), E.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return {"items": rows, "total": total, "page": page, "page_size": page_size}


def email_with_attempts(conn: Connection, email_id: int, consultant: str | None) -> dict | None:
    """One email with its `attempt_log`, oldest attempt first; None if there is no such email
    that `consultant` may see."""
    row = conn.execute(select(emails).where(E.id == email_id, *_visible_to(consultant))).mappings().first()
    if row is None:
        return None
    attempts = conn.execute(
        select(email_attempts).where(email_attempts.c.email_id == email_id).order_by(email_attempts.c.id)
    ).mappings()
    return dict(row) | {"attempt_log": [dict(attempt) for attempt in attempts]}


def status_for_update(conn: Connection, email_id: int, consultant: str | None) -> DeliveryStatus | None:
    """The email's delivery status, locked until the caller's transaction ends; None if there is
    no such email that `consultant` may see."""
    query = select(E.status).where(E.id == email_id, *_visible_to(consultant)).with_for_update()
    status = conn.execute(query).scalar_one_or_none()
    return None if status is None else DeliveryStatus(status)


def requeue(conn: Connection, email_id: int, now: datetime) -> None:
    """Make the email due again at `now`."""
    conn.execute(update(emails).where(E.id == email_id).values(status=DeliveryStatus.PENDING, next_attempt_at=now))


def _visible_to(consultant: str | None) -> list:
    """The condition for the emails `consultant` may see (none for an admin: every email).
    Addresses are stored lowercased; an email about no vacancy has none and matches no consultant."""
    return [] if consultant is None else [E.consultant_email == consultant.lower()]


def delete_unsent(conn: Connection, application_id: uuid.UUID, recipient_key: str | None) -> int:
    """Delete the emails not sent yet about the application or (with a key) to the candidate's
    address, with their attempts; returns how many. One the sender is sending now is waited for,
    and then kept (to be purged): it was sent."""
    pending = select(E.id).where(_of_candidate(application_id, recipient_key), E.status == DeliveryStatus.PENDING)
    # FOR UPDATE re-checks the status once the sender's transaction ends.
    chosen = list(conn.execute(pending.with_for_update()).scalars())
    if not chosen:
        return 0
    conn.execute(delete(email_attempts).where(email_attempts.c.email_id.in_(chosen)))
    return conn.execute(delete(emails).where(E.id.in_(chosen))).rowcount


def purge_candidate(conn: Connection, application_id: uuid.UUID, recipient_key: str | None, now: datetime) -> int:
    """Remove body, address, candidate key, application id and SMTP errors from the sent and failed
    emails about the application or (with a key) to the candidate's address, keeping their delivery
    record; returns how many still held any of it."""
    holding = or_(E.purged_at.is_(None), E.recipient_key.is_not(None), E.application_id.is_not(None))
    return _purge(conn, _of_candidate(application_id, recipient_key) & holding, now, forget_candidate=True)


def purge_created_before(conn: Connection, created_before: datetime, now: datetime) -> int:
    """Remove body, address and SMTP errors from the sent and failed emails recorded before
    `created_before`, keeping the delivery record, its application and the recipient's key (by
    which the candidate's export and erasure still find the record); returns how many."""
    return _purge(conn, (E.created_at < created_before) & E.purged_at.is_(None), now, forget_candidate=False)


def _purge(conn: Connection, condition: ColumnElement[bool], now: datetime, forget_candidate: bool) -> int:
    # Never a pending email: the sender still needs it (an erasure deletes those instead).
    chosen = list(conn.execute(select(E.id).where(condition, E.status != DeliveryStatus.PENDING)).scalars())
    if not chosen:
        return 0
    # SMTP errors often quote the address they refused.
    conn.execute(update(email_attempts).where(email_attempts.c.email_id.in_(chosen)).values(detail=None))
    blank: dict[str, Any] = {"recipient": None, "body": "", "html_body": None, "last_error": None, "purged_at": now}
    blank["calendar"] = None  # an invitation names the candidate and their address too
    if forget_candidate:  # nothing then links the record to the candidate, or to their (erased) application
        blank |= {"recipient_key": None, "application_id": None}
    return conn.execute(update(emails).where(E.id.in_(chosen)).values(**blank)).rowcount


def _of_candidate(application_id: uuid.UUID, recipient_key: str | None) -> ColumnElement[bool]:
    """The emails about the application, and with a key, every email to the candidate's address."""
    about = E.application_id == application_id
    return or_(about, E.recipient_key == recipient_key) if recipient_key else about


def candidate_key_of_application(conn: Connection, application_id: uuid.UUID) -> str | None:
    """The candidate key of the address the application's candidate was emailed at; None if no
    email about it to its candidate is known (or it was erased)."""
    query = select(E.recipient_key).where(E.application_id == application_id, E.recipient_key.is_not(None))
    return conn.execute(query.limit(1)).scalar_one_or_none()


def emails_to(conn: Connection, recipient_key: str) -> list[Row]:
    """Every email to the address whose candidate key is `recipient_key`, oldest first."""
    query = select(emails).where(E.recipient_key == recipient_key).order_by(E.created_at, E.id)
    return list(conn.execute(query).all())


def is_purged(conn: Connection, email_id: int) -> bool:
    """Whether the email's body and address were removed (an erasure, or their retention ran out)."""
    return conn.execute(select(E.purged_at).where(E.id == email_id)).scalar_one_or_none() is not None


def count_by_status(conn: Connection) -> dict[str, int]:
    """How many emails there are of each delivery status (statuses without any are left out)."""
    return dict(conn.execute(select(E.status, func.count()).group_by(E.status)).all())
