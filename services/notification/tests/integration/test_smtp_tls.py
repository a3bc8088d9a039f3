"""STARTTLS and implicit TLS verify the SMTP server's certificate: an unknown CA is refused (the
email waits) until SMTP_CA_FILE names it; a server that strips STARTTLS gets nothing in clear."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from notifications.email_store import requeue
from notifications.handlers import event_handlers
from notifications.sender import EmailSender, SmtpSettings
from tests.support.smtp import tls_smtp_server
from tests.support.wire_events import application_submitted

from .conftest import COOLDOWN, LINKS, PERSONAL_LINKS, queued

pytestmark = pytest.mark.integration

MODES = {"starttls": {"starttls": True}, "implicit-tls": {"ssl": True}}


def _send(engine, port: int, **settings) -> int:
    smtp = SmtpSettings(host="127.0.0.1", port=port, timeout_seconds=5, **settings)
    return EmailSender(engine, smtp, PERSONAL_LINKS).send_due()


def _two_emails_queued(engine) -> None:
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN)["ApplicationSubmitted"](conn, application_submitted())


def _due_again(engine) -> None:
    with engine.begin() as conn:
        for row in queued(engine):
            requeue(conn, row.id, datetime.now(UTC))


@pytest.mark.parametrize("mode", MODES.values(), ids=MODES.keys())
def test_a_certificate_from_an_unknown_ca_is_refused_until_its_ca_is_configured(engine, tmp_path, mode):
    _two_emails_queued(engine)
    credentials = {"username": "mailer", "password": "s3cret"}
    with tls_smtp_server(tmp_path, implicit="ssl" in mode) as server:
        refused = _send(engine, server.port, **mode, **credentials)
        waiting = queued(engine)
        _due_again(engine)
        delivered = _send(engine, server.port, **mode, **credentials, ca_file=str(server.ca_file))

    assert refused == 0
    assert [(row.status, row.attempts) for row in waiting] == [("pending", 1), ("pending", 1)]
    assert all("CERTIFICATE_VERIFY_FAILED" in row.last_error for row in waiting)
    assert delivered == 2
    assert [row.status for row in queued(engine)] == ["sent", "sent"]
    assert len(server.collector.messages) == 2
    assert server.logins == ["mailer"]  # the password went out once, over the verified connection


def test_a_server_that_offers_no_starttls_gets_no_email_and_no_password(engine, smtp_server):
    _two_emails_queued(engine)  # smtp_server speaks plain SMTP only, as if STARTTLS were stripped

    delivered = _send(engine, smtp_server.port, starttls=True, username="mailer", password="s3cret")

    assert (delivered, smtp_server.handler.messages) == (0, [])
    assert all(
        row.status == "pending" and "STARTTLS extension not supported" in row.last_error for row in queued(engine)
    )
