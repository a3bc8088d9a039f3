"""A 5xx refusal is final and visible to ops, who can retry it; every attempt is on record."""

from __future__ import annotations

import pytest

import notifications
from notifications.app import create_app
from notifications.handlers import event_handlers
from tests.support.auth import bearer
from tests.support.metrics import sample
from tests.support.services import migrated_app
from tests.support.wire_events import application_submitted

from .conftest import COOLDOWN, LINKS, deliver

pytestmark = pytest.mark.integration


def test_a_rejected_address_fails_for_good_shows_in_the_ops_api_and_can_be_retried(database_url, engine, smtp_server):
    smtp_server.handler.refused.add("jan.peeters@example.com")
    event = application_submitted()
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN)["ApplicationSubmitted"](conn, event)

    deliver(engine, smtp_server.port)
    deliver(engine, smtp_server.port)  # a permanent failure is not retried by itself

    with migrated_app(notifications, create_app, database_url) as app:
        client = app.test_client()
        failed = client.get("/emails?status=failed", headers=bearer()).json
        [email] = failed["items"]
        detail = client.get(f"/emails/{email['id']}", headers=bearer()).json
        by_event = client.get(f"/emails?event_id={event.id}", headers=bearer()).json
        anonymous = client.get("/emails")
        smtp_server.handler.refused.clear()
        retried = client.post(f"/emails/{email['id']}/retry", headers=bearer())
        deliver(engine, smtp_server.port)
        after = client.get(f"/emails/{email['id']}", headers=bearer()).json
        again = client.post(f"/emails/{email['id']}/retry", headers=bearer())

    assert (email["recipient"], email["attempts"], failed["total"]) == ("jan.peeters@example.com", 1, 1)
    assert "550" in email["last_error"]
    assert [a["outcome"] for a in detail["attempt_log"]] == ["permanent_failure"]
    assert by_event["total"] == 2  # the consultant's email went out; the candidate's failed
    assert anonymous.status_code == 401
    assert retried.json["status"] == "pending"
    assert after["status"] == "sent"
    assert [a["outcome"] for a in after["attempt_log"]] == ["permanent_failure", "sent"]
    assert again.status_code == 409
    assert [m["To"] for m in smtp_server.handler.messages] == ["lisa.geudens@example.com", "jan.peeters@example.com"]


def test_emails_by_status_show_on_metrics(database_url, engine, smtp_server):
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN)["ApplicationSubmitted"](conn, application_submitted())
    with migrated_app(notifications, create_app, database_url) as app:
        client = app.test_client()
        pending = sample(client, "emails", status="pending")
        deliver(engine, smtp_server.port)
        sent, still_pending = sample(client, "emails", status="sent"), sample(client, "emails", status="pending")

    assert (pending, sent, still_pending) == (2, 2, 0)
