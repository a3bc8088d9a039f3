"""One email that cannot be built or sent never holds up the others; a database outage marks none failed."""

from __future__ import annotations

import asyncio
import threading
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from notifications.db import email_attempts, emails
from notifications.domain import DeliveryStatus, Priority
from notifications.sender import EmailSender, SmtpSettings
from tests.support.waiting import wait_until

from .conftest import PERSONAL_LINKS, deliver, queued

pytestmark = pytest.mark.integration

GOOD = ("lisa.geudens@example.com", "jan.peeters@example.com")
POISONS = {
    "control-character": '"\x0b"@example.com',  # passed the API's validators before this fix
    "header-injection": "an@example.com\r\nBcc: attacker@example.com",
}


def _queue(engine, *recipients: str) -> list[int]:
    """Emails placed straight in the queue, due in this order (same priority, a second apart)."""
    start = datetime.now(UTC) - timedelta(minutes=1)
    with engine.begin() as conn:
        return [
            conn.execute(
                emails.insert()
                .values(
                    event_id=str(uuid.uuid4()),
                    template="application_received",
                    recipient=recipient,
                    subject="Your application",
                    body="Thank you for applying.",
                    language="en",
                    priority=int(Priority.PERSONAL),
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_at=start + timedelta(seconds=position),
                    created_at=start + timedelta(seconds=position),
                )
                .returning(emails.c.id)
            ).scalar_one()
            for position, recipient in enumerate(recipients)
        ]


def _by_id(engine, email_id: int):
    return next(row for row in queued(engine) if row.id == email_id)


def _attempt_outcomes(engine, email_id: int) -> list[str]:
    with engine.connect() as conn:
        query = select(email_attempts.c.outcome).where(email_attempts.c.email_id == email_id)
        return conn.execute(query.order_by(email_attempts.c.id)).scalars().all()


@pytest.mark.parametrize("poison", POISONS.values(), ids=POISONS.keys())
def test_one_pass_delivers_the_emails_around_a_poisoned_one_and_fails_only_that_one(engine, smtp_server, poison):
    _, poisoned, _ = _queue(engine, GOOD[0], poison, GOOD[1])

    delivered = deliver(engine, smtp_server.port)

    assert delivered == 2
    assert [m["To"] for m in smtp_server.handler.messages] == list(GOOD)
    failed = _by_id(engine, poisoned)
    assert (failed.status, failed.attempts) == (DeliveryStatus.FAILED, 1)
    assert failed.last_error.startswith("InvalidEmailAddress: ")
    assert _attempt_outcomes(engine, poisoned) == ["permanent_failure"]
    assert deliver(engine, smtp_server.port) == 0
    assert [row.status for row in queued(engine)] == ["sent", "failed", "sent"]


def test_the_running_sender_moves_past_a_poisoned_email(engine, smtp_server):
    _, poisoned, _ = _queue(engine, GOOD[0], POISONS["control-character"], GOOD[1])
    smtp = SmtpSettings(host="127.0.0.1", port=smtp_server.port, timeout_seconds=5)
    sender = EmailSender(engine, smtp, PERSONAL_LINKS)
    stop = threading.Event()
    running = threading.Thread(target=sender.run, args=(stop, 0.05), daemon=True)
    running.start()
    try:
        wait_until(lambda: len(smtp_server.handler.messages) == 2, timeout=20, what="both good emails")
        wait_until(lambda: _by_id(engine, poisoned).status == DeliveryStatus.FAILED, what="the poisoned one failed")
    finally:
        stop.set()
        running.join(timeout=10)

    assert [m["To"] for m in smtp_server.handler.messages] == list(GOOD)
    assert not [row for row in queued(engine) if row.status == DeliveryStatus.PENDING]


def test_a_database_outage_mid_pass_stops_the_pass_and_marks_no_email_failed(
    engine, database_url, postgres_admin, smtp_server
):
    [email_id] = _queue(engine, GOOD[0])
    collector, database = smtp_server.handler, make_url(database_url).database
    accept = collector.handle_DATA

    async def cut_the_database_then_accept(server, session, envelope):
        # Between the SMTP server's acceptance and the sender's record of it: the database goes.
        await asyncio.to_thread(_terminate_sessions, postgres_admin, database)
        return await accept(server, session, envelope)

    collector.handle_DATA = cut_the_database_then_accept
    with pytest.raises(OperationalError):
        deliver(engine, smtp_server.port)
    collector.handle_DATA = accept

    untouched = _by_id(engine, email_id)
    assert (untouched.status, untouched.attempts, untouched.last_error) == (DeliveryStatus.PENDING, 0, None)
    assert _attempt_outcomes(engine, email_id) == []
    assert deliver(engine, smtp_server.port) == 1  # sent again, with the same Message-ID
    ids = {m["Message-ID"] for m in collector.messages}
    assert (len(collector.messages), len(ids), _by_id(engine, email_id).status) == (2, 1, DeliveryStatus.SENT)


def _terminate_sessions(admin_url: str, database: str) -> None:
    dsn = make_url(admin_url).set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        )
