"""The consultant's email delivery log against the REAL notification service, its REAL sender and a
REAL SMTP server (which refuses some addresses), signed in at the REAL OpenID Connect provider:
Lisa sees the emails about her vacancies with their delivery status in words, filters them, and
retries a failed one, which then goes out; Pieter sees none of hers and cannot retry them."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from notifications.db import emails
from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.handlers import event_handlers
from notifications.links import Links
from notifications.personal_links import PersonalLinks
from notifications.sender import EmailSender, SmtpSettings
from tests.support.identity import provider_settings, sign_in
from tests.support.network import free_port
from tests.support.smtp import Collector, collecting_smtp_server
from tests.support.wire_events import application_submitted
from webclient.app import create_app

pytestmark = pytest.mark.integration

LISA = "lisa.geudens@example.com"
PIETER = "pieter.vandenbroeck@example.com"
LINKS = Links("an-alert-link-key-only-these-tests-use")


@pytest.fixture(scope="module")
def smtp() -> Iterator[Collector]:
    """A real SMTP server on loopback; it refuses (550) the addresses in `.refused`; `.port`."""
    port = free_port()
    with collecting_smtp_server(port) as collector:
        collector.port = port  # type: ignore[attr-defined]
        yield collector


@pytest.fixture
def workspace(vacancy_service, notification_service, identity_provider):
    """A test client of the web client calling the real services and signing in at the real provider."""
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "NOTIFICATION_API_URL": notification_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config | provider_settings(identity_provider)).test_client()


def applied(notification_service, smtp, consultant: str = LISA, refused: bool = False) -> dict[str, int]:
    """A candidate applied to a vacancy of `consultant`: the notification service handles the event as
    its consumer would and its sender delivers (the candidate's address refused, if so); the ids of
    the emails to the consultant and to the candidate."""
    candidate = f"candidate.{uuid.uuid4().hex[:8]}@example.com"
    if refused:
        smtp.refused.add(candidate)
    owner = {"name": consultant.split("@")[0], "email": consultant}
    event = application_submitted(candidate="Marc Dubois", email=candidate, consultant=owner)
    engine = notification_service.app.extensions["engine"]
    with engine.begin() as conn:
        event_handlers(LINKS, DEFAULT_EMAIL_COOLDOWN)["ApplicationSubmitted"](conn, event)
    deliver(notification_service, smtp)
    with engine.connect() as conn:
        rows = conn.execute(select(emails.c.id, emails.c.recipient).where(emails.c.event_id == str(event.id))).all()
    return {("consultant" if row.recipient == consultant else "candidate"): row.id for row in rows}


def deliver(notification_service, smtp) -> None:
    """One pass of the notification service's real sender."""
    settings = SmtpSettings(host="127.0.0.1", port=smtp.port, timeout_seconds=5)
    links = PersonalLinks("a-candidate-link-key-only-these-tests-use", LINKS)
    EmailSender(notification_service.app.extensions["engine"], settings, links).send_due()


def rows(page: str) -> dict[int, dict[str, str]]:
    """The log's rows as shown, by email id: its whole text, and its delivery status badge."""
    found = re.findall(r'<tr data-email="(\d+)">(.*?)</tr>', page, re.S)
    shown = {}
    for email_id, row in found:
        status = re.search(r'class="badge delivery-\w+" data-status="(\w+)"', row).group(1)
        text = html.unescape(re.sub(r"<[^>]+>", " ", row))
        shown[int(email_id)] = {"status": status, "text": " ".join(text.split()), "retry": "/retry" in row}
    return shown


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_lisa_sees_the_emails_about_her_vacancies_with_their_delivery_in_words(workspace, notification_service, smtp):
    delivered = applied(notification_service, smtp)
    failed = applied(notification_service, smtp, refused=True)
    pieters = applied(notification_service, smtp, consultant=PIETER)
    sign_in(workspace, LISA)

    page = workspace.get("/en/consultant/emails")

    shown = rows(page.get_data(as_text=True))
    assert page.status_code == 200
    assert {shown[i]["status"] for i in delivered.values()} == {"sent"}
    refused = shown[failed["candidate"]]
    assert refused["status"] == "failed" and refused["retry"]
    assert "Confirmation to the candidate · to c•••@example.com" in refused["text"]
    assert "Attempts: 1" in refused["text"]
    assert "The recipient's mail server refused this email (code 550)." in refused["text"]
    assert "New application, to you" in shown[failed["consultant"]]["text"] and not shown[failed["consultant"]]["retry"]
    assert not set(pieters.values()) & set(shown)  # another consultant's emails are not Lisa's to see
    assert "candidate." not in page.get_data(as_text=True)  # no candidate's full address on the page


def test_the_status_tabs_filter_the_log(workspace, notification_service, smtp):
    delivered = applied(notification_service, smtp)
    failed = applied(notification_service, smtp, refused=True)
    sign_in(workspace, LISA)

    only_failed = rows(workspace.get("/en/consultant/emails?status=failed").get_data(as_text=True))
    only_sent = rows(workspace.get("/en/consultant/emails?status=sent").get_data(as_text=True))
    unknown = workspace.get("/en/consultant/emails?status=lost")
    dutch = workspace.get("/nl/consultant/emails?status=failed").get_data(as_text=True)

    assert failed["candidate"] in only_failed and {row["status"] for row in only_failed.values()} == {"failed"}
    assert delivered["candidate"] in only_sent and failed["candidate"] not in only_sent
    assert unknown.status_code == 400 and "Unknown status" in unknown.get_data(as_text=True)
    assert "Mislukt" in dutch and "Opnieuw proberen" in dutch


def test_a_failed_email_retried_is_queued_again_and_then_delivered(workspace, notification_service, smtp):
    failed = applied(notification_service, smtp, refused=True)["candidate"]
    sign_in(workspace, LISA)
    page = workspace.get("/en/consultant/emails?status=failed").get_data(as_text=True)
    smtp.refused.clear()  # the address fixed at the recipient's side, say

    retried = workspace.post(
        f"/en/consultant/emails/{failed}/retry", data={"csrf_token": csrf(page), "status": "failed"}
    )
    after = workspace.get(retried.headers["Location"]).get_data(as_text=True)
    pending = rows(workspace.get("/en/consultant/emails?status=pending").get_data(as_text=True))
    deliver(notification_service, smtp)
    sent = rows(workspace.get("/en/consultant/emails?status=sent").get_data(as_text=True))
    again = workspace.post(f"/en/consultant/emails/{failed}/retry", data={"csrf_token": csrf(page)})

    assert (retried.status_code, retried.headers["Location"]) == (303, "/en/consultant/emails?status=failed")
    assert "The email is queued again" in after and failed not in rows(after)
    assert pending[failed]["status"] == "pending"
    assert sent[failed]["status"] == "sent" and "Attempts: 2" in sent[failed]["text"]
    refused_again = html.unescape(workspace.get(again.headers["Location"]).get_data(as_text=True))
    assert "Not retried: this email is no longer failed" in refused_again


def test_pieter_neither_sees_nor_retries_lisas_failed_email(workspace, notification_service, smtp):
    failed = applied(notification_service, smtp, refused=True)["candidate"]
    sign_in(workspace, PIETER)
    page = workspace.get("/en/consultant/emails").get_data(as_text=True)

    retried = workspace.post(f"/en/consultant/emails/{failed}/retry", data={"csrf_token": csrf(page)})

    assert failed not in rows(page)
    assert retried.status_code == 404
    with notification_service.app.extensions["engine"].connect() as conn:
        assert conn.execute(select(emails.c.status).where(emails.c.id == failed)).scalar_one() == "failed"


def test_a_stranger_is_sent_to_sign_in_first(workspace):
    answer = workspace.get("/fr/consultant/emails?status=failed")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/fr/consultant/sign-in?next=/fr/consultant/emails")


def test_a_retry_without_the_sessions_csrf_token_is_refused_and_changes_nothing(workspace, notification_service, smtp):
    failed = applied(notification_service, smtp, refused=True)["candidate"]
    sign_in(workspace, LISA)

    refused = workspace.post(f"/en/consultant/emails/{failed}/retry")

    assert refused.status_code == 400 and "Form expired" in refused.get_data(as_text=True)
    with notification_service.app.extensions["engine"].connect() as conn:
        assert conn.execute(select(emails.c.status).where(emails.c.id == failed)).scalar_one() == "failed"
