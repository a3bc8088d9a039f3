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

from sqlalchemy import Connection, Engine, Row

from notifications.domain import Attempt, DeliveryOutcome, outcome_of
from notifications.email_store import claim_next_due, record_attempt
from recruitment_shared.correlation import correlation_scope

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how the sender reaches its SMTP server."""

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
    """Works through the queue of emails: the most urgent due one first, one transaction each."""

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
            row = claim_next_due(conn, datetime.now(UTC))
            if row is None:
                return None
            try:
                connection = connection or self._connect()
                connection.send_message(self._message(row))
            except (smtplib.SMTPException, OSError) as exc:
                _record_failure(conn, row, exc)
                return None, False  # drop the connection; the next email reconnects
            sent = Attempt(number=row.attempts + 1, outcome=DeliveryOutcome.SENT, at=datetime.now(UTC))
            record_attempt(conn, row.id, sent)
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

    def _message(self, row: Row) -> EmailMessage:
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


def _record_failure(conn: Connection, row: Row, exc: Exception) -> None:
    number, outcome, error = row.attempts + 1, outcome_of(exc), f"{type(exc).__name__}: {exc}"[:2000]
    record_attempt(conn, row.id, Attempt(number=number, outcome=outcome, at=datetime.now(UTC), error=error))
    with correlation_scope(row.correlation_id):  # no address in the log: SMTP errors often quote it
        log.warning("email %d (%s) failed (attempt %d, %s): %s", row.id, row.template, number, outcome, _code(exc))


def _code(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def _quietly_quit(connection: smtplib.SMTP) -> None:
    with suppress(smtplib.SMTPException, OSError):  # the server went away: nothing to close politely
        connection.quit()
