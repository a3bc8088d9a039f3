"""Delivers queued emails over SMTP with retries and backoff, recording each outcome.

Each email is sent and marked in its own transaction, so a crash can at worst resend the
one email the SMTP server accepted just before; none is ever lost.
"""

from __future__ import annotations

import logging
import os
import smtplib
import threading
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import Connection, Engine, select

from notifications.db import email_attempts, emails
from notifications.domain import MAX_ATTEMPTS, DeliveryStatus, Outcome, outcome_of, retry_delay
from recruitment_shared.correlation import correlation_scope

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 1025
    sender: str = "Recruitment platform <no-reply@example.com>"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False  # implicit TLS (port 465); STARTTLS upgrades a plain connection instead
    timeout_seconds: float = 30.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> SmtpSettings:
        """SMTP settings; the local mail catcher on 127.0.0.1:1025 by default."""
        return cls(
            host=environ.get("SMTP_HOST", cls.host),
            port=int(environ.get("SMTP_PORT", cls.port)),
            sender=environ.get("SMTP_FROM", cls.sender),
            username=environ.get("SMTP_USERNAME") or None,
            password=environ.get("SMTP_PASSWORD") or None,
            starttls=environ.get("SMTP_STARTTLS", "false").lower() in ("1", "true", "yes"),
            ssl=environ.get("SMTP_SSL", "false").lower() in ("1", "true", "yes"),
        )


@dataclass
class EmailSender:
    engine: Engine
    smtp: SmtpSettings

    def send_due(self) -> int:
        """Try every email that is due now; returns how many were delivered."""
        delivered = 0
        connection: smtplib.SMTP | None = None
        try:
            while (outcome := self._send_next(connection)) is not None:
                connection, was_sent = outcome
                delivered += was_sent
        finally:
            if connection is not None:
                _quietly_quit(connection)
        return delivered

    def _send_next(self, connection: smtplib.SMTP | None) -> tuple[smtplib.SMTP | None, bool] | None:
        with self.engine.begin() as conn:
            row = _claim_next_due(conn, datetime.now(UTC))
            if row is None:
                return None
            try:
                connection = connection or self._connect()
                connection.send_message(self._message(row))
            except (smtplib.SMTPException, OSError) as exc:
                _record_failure(conn, row, exc)
                return None, False  # drop the connection; the next email reconnects
            now = datetime.now(UTC)
            conn.execute(
                emails.update()
                .where(emails.c.id == row.id)
                .values(status=DeliveryStatus.SENT, attempts=row.attempts + 1, sent_at=now, last_error=None)
            )
            _record_attempt(conn, row.id, Outcome.SENT, None, now)
            with correlation_scope(row.correlation_id):
                log.info("email %d (%s, event %s) delivered", row.id, row.template, row.event_id)
            return connection, True

    def _connect(self) -> smtplib.SMTP:
        kind = smtplib.SMTP_SSL if self.smtp.ssl else smtplib.SMTP
        connection = kind(self.smtp.host, self.smtp.port, timeout=self.smtp.timeout_seconds)
        if self.smtp.starttls and not self.smtp.ssl:
            connection.starttls()
        if self.smtp.username:
            connection.login(self.smtp.username, self.smtp.password or "")
        return connection

    def _message(self, row) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.smtp.sender
        message["To"] = row.recipient
        message["Subject"] = row.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        # Stable per email: should a crash cause a resend, mail clients can tell it is the same.
        message["Message-ID"] = f"<email-{row.id}.{row.event_id}@recruitment.example.com>"
        message["X-Recruitment-Event-Id"] = row.event_id
        message.set_content(row.body)
        if row.html_body:
            message.add_alternative(row.html_body, subtype="html")
        message["Content-Language"] = row.language  # after set_content, which drops Content-* headers
        return message

    def run(self, stop: threading.Event, poll_seconds: float = 1.0) -> None:
        """Deliver until `stop` is set."""
        while not stop.is_set():
            try:
                self.send_due()
            except Exception:
                log.exception("email delivery pass failed; retrying")
            stop.wait(poll_seconds)


def _claim_next_due(conn: Connection, now: datetime):
    query = (
        select(emails)
        .where(emails.c.status == DeliveryStatus.PENDING, emails.c.next_attempt_at <= now)
        # Most urgent first, so a consultant's alert overtakes a queue of job alerts.
        .order_by(emails.c.priority, emails.c.next_attempt_at, emails.c.id)
        .limit(1)
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)  # several senders share the queue
    return conn.execute(query).first()


def _record_failure(conn: Connection, row, exc: Exception) -> None:
    attempts, outcome, now = row.attempts + 1, outcome_of(exc), datetime.now(UTC)
    gave_up = outcome is Outcome.PERMANENT_FAILURE or attempts >= MAX_ATTEMPTS
    conn.execute(
        emails.update()
        .where(emails.c.id == row.id)
        .values(
            attempts=attempts,
            status=DeliveryStatus.FAILED if gave_up else DeliveryStatus.PENDING,
            next_attempt_at=now + retry_delay(attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
    )
    _record_attempt(conn, row.id, outcome, f"{type(exc).__name__}: {exc}"[:2000], now)
    with correlation_scope(row.correlation_id):  # no address in the log: SMTP errors often quote it
        log.warning("email %d (%s) failed (attempt %d, %s): %s", row.id, row.template, attempts, outcome, _code(exc))


def _code(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def _record_attempt(conn: Connection, email_id: int, outcome: Outcome, detail: str | None, at: datetime) -> None:
    conn.execute(email_attempts.insert().values(email_id=email_id, attempted_at=at, outcome=outcome, detail=detail))


def _quietly_quit(connection: smtplib.SMTP) -> None:
    with suppress(smtplib.SMTPException, OSError):  # the server went away: nothing to close politely
        connection.quit()
