"""Delivers queued emails over SMTP with retries and backoff, recording each outcome.

Each email is sent and marked in its own transaction, so a crash can at worst resend the
one email the SMTP server accepted just before; none is ever lost.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import threading
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from sqlalchemy import Connection, Engine, Row
from sqlalchemy.exc import InterfaceError, OperationalError

from notifications.domain import Attempt, DeliveryOutcome, outcome_of
from notifications.email_store import claim_next_due, record_attempt
from notifications.invitations import attach_invitation
from notifications.list_unsubscribe import POLICY, add_list_unsubscribe
from notifications.personal_links import PersonalLinks
from recruitment_shared.correlation import correlation_scope
from recruitment_shared.email_addresses import InvalidEmailAddress, deliverable_address, normalized_email

log = logging.getLogger(__name__)

MAX_OUTAGE_PAUSE_SECONDS = 10.0


class SmtpConfigurationError(ValueError):
    """SMTP settings the notification service refuses to start with."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how the sender reaches its SMTP server. With TLS (STARTTLS or implicit), the
    server's certificate and name are verified; credentials are never sent without TLS."""

    host: str = "127.0.0.1"
    port: int = 1025
    sender: str = "Recruitment platform <no-reply@example.com>"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False  # implicit TLS (port 465); STARTTLS upgrades a plain connection instead
    timeout_seconds: float = 30.0
    ca_file: str | None = None  # PEM certificates to trust instead of the system's, e.g. a private CA

    def __post_init__(self) -> None:
        tls = self.ssl or self.starttls
        if (self.username or self.password) and not tls:
            raise SmtpConfigurationError(
                "SMTP_USERNAME/SMTP_PASSWORD are set but neither SMTP_STARTTLS nor SMTP_SSL is: "
                "credentials are never sent over an unencrypted connection"
            )
        if self.ca_file and not tls:
            raise SmtpConfigurationError("SMTP_CA_FILE is set but neither SMTP_STARTTLS nor SMTP_SSL is")
        try:
            normalized_email(parseaddr(self.sender)[1])
        except InvalidEmailAddress as exc:  # else every email would fail to build, one after the other
            raise SmtpConfigurationError(f"SMTP_FROM holds no usable address: {exc}") from None
        if tls:
            try:
                self.tls_context()
            except OSError as exc:  # ssl.SSLError is one too
                raise SmtpConfigurationError(f"SMTP_CA_FILE cannot be loaded: {exc}") from None

    def tls_context(self) -> ssl.SSLContext:
        """Verifies the server's certificate chain and host name, against `ca_file` if set."""
        return ssl.create_default_context(cafile=self.ca_file)

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
            ca_file=environ.get("SMTP_CA_FILE") or None,
        )


@dataclass
class EmailSender:
    """Works through the queue of emails: the most urgent due one first, one transaction each."""

    engine: Engine
    smtp: SmtpSettings
    links: PersonalLinks  # signs personal links into emails as they go out, never before

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
        # Whatever one email meets is recorded against that email, and the queue moves on. Only
        # the database's own errors (raised outside the two `try`s) stop the pass: an outage.
        with self.engine.begin() as conn:
            row = claim_next_due(conn, datetime.now(UTC))
            if row is None:
                return None
            try:
                message = self._message(row)
            except Exception as exc:  # an email that cannot be built never will be: failed for good
                _record_failure(conn, row, exc, DeliveryOutcome.PERMANENT_FAILURE)
                return connection, False
            try:
                connection = connection or self._connect()
                connection.send_message(message)
            except Exception as exc:
                _record_failure(conn, row, exc, outcome_of(exc))
                _quietly_close(connection)  # its state is unknown: the next email reconnects
                return None, False
            sent = Attempt(number=row.attempts + 1, outcome=DeliveryOutcome.SENT, at=datetime.now(UTC))
            record_attempt(conn, row.id, sent)
            with correlation_scope(row.correlation_id):
                log.info("email %d (%s, event %s) delivered", row.id, row.template, row.event_id)
            return connection, True

    def _connect(self) -> smtplib.SMTP:
        smtp = self.smtp
        if smtp.ssl:
            context = smtp.tls_context()
            connection = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=context)
        else:
            connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
        try:
            if smtp.starttls and not smtp.ssl:
                connection.starttls(context=smtp.tls_context())  # fails unless the certificate verifies
            if smtp.username:  # SmtpSettings allows credentials only with TLS
                connection.login(smtp.username, smtp.password or "")
        except BaseException:
            _quietly_close(connection)
            raise
        return connection

    def _message(self, row: Row) -> EmailMessage:
        message = EmailMessage(policy=POLICY)
        message["From"] = self.smtp.sender
        message["To"] = deliverable_address(row.recipient)  # refuses what no header can carry
        message["Subject"] = row.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        # Stable per email: should a crash cause a resend, mail clients can tell it is the same.
        message["Message-ID"] = f"<email-{row.id}.{row.event_id}@recruitment.example.com>"
        message["X-Recruitment-Event-Id"] = row.event_id
        # The one place a personal link is signed: nothing stored holds it.
        filled = self.links.fill(row.template, row.link_for, row.body, row.html_body, row.language)
        if filled.unsubscribe:
            add_list_unsubscribe(message, filled.unsubscribe)
        message.set_content(filled.text)
        if filled.html:
            message.add_alternative(filled.html, subtype="html")
        if row.calendar:
            attach_invitation(message, row.calendar)
        message["Content-Language"] = row.language  # after set_content, which drops Content-* headers
        return message

    def run(self, stop: threading.Event, poll_seconds: float = 1.0) -> None:
        """Deliver until `stop` is set; while the database is away, wait for it with backoff."""
        pause = poll_seconds
        while not stop.is_set():
            try:
                self.send_due()
                pause = poll_seconds
            except (OperationalError, InterfaceError) as exc:
                # An outage says nothing about the emails: none is marked, the pass is tried again.
                pause = min(max(pause * 2, 1.0), MAX_OUTAGE_PAUSE_SECONDS)
                log.warning("email delivery waits for the database: %s", type(exc.orig or exc).__name__)
            except Exception:
                pause = min(max(pause * 2, 1.0), MAX_OUTAGE_PAUSE_SECONDS)  # not a stack trace per poll
                log.exception("email delivery pass failed; retrying")
            stop.wait(pause)


def _record_failure(conn: Connection, row: Row, exc: Exception, outcome: DeliveryOutcome) -> None:
    number = row.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:2000].replace("\x00", "\\x00")  # PostgreSQL text holds no NUL
    record_attempt(conn, row.id, Attempt(number=number, outcome=outcome, at=datetime.now(UTC), error=error))
    with correlation_scope(row.correlation_id):  # no address in the log: SMTP errors often quote it
        log.warning("email %d (%s) failed (attempt %d, %s): %s", row.id, row.template, number, outcome, _code(exc))


def _code(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def _quietly_quit(connection: smtplib.SMTP) -> None:
    with suppress(smtplib.SMTPException, OSError):  # the server went away: nothing to close politely
        connection.quit()


def _quietly_close(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        with suppress(OSError):
            connection.close()
