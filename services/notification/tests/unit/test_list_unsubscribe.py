"""Alerts and digests carry RFC 8058 one-click unsubscribe headers, written as mail providers read
them: the link in angle brackets on one line, never folded into RFC 2047 encoded words."""

from __future__ import annotations

import io
import uuid
from email.generator import BytesGenerator
from types import SimpleNamespace

from notifications.links import UNSUBSCRIBE, Links
from notifications.personal_links import UNSUBSCRIBE_LINK, PersonalLinks
from notifications.sender import EmailSender, SmtpSettings

LINKS = Links(
    "an-alert-key-only-these-unit-tests-use",
    notifications="https://jobs.example.com/api/notifications",
    web="https://jobs.example.com",
)
SENDER = EmailSender(None, SmtpSettings(), PersonalLinks("a-candidate-key-only-these-tests-use", LINKS))


def _row(template: str, link_for: uuid.UUID | None) -> SimpleNamespace:
    """An email as the queue holds it."""
    text = f"Nouvelle offre : Chef de projet IT à Anvers\n\nSe désabonner : {UNSUBSCRIBE_LINK}\n"
    return SimpleNamespace(
        id=7, event_id=str(uuid.uuid4()), template=template, recipient="an.claes@example.com", language="fr",
        subject="Nouvelle offre d'emploi : Chef de projet IT – secteur public, à Anvers (hybride), réf. 92742",
        body=text, html_body=f'<a href="{UNSUBSCRIBE_LINK}">Se désabonner</a>', link_for=link_for, calendar=None,
    )  # fmt: skip


def _wire(message) -> bytes:
    """The message as smtplib's send_message puts it on the wire."""
    out = io.BytesIO()
    BytesGenerator(out).flatten(message, linesep="\r\n")
    return out.getvalue()


def test_an_alert_carries_its_unsubscribe_link_as_one_click_headers_on_one_line_each():
    subscription_id = uuid.uuid4()

    message = SENDER._message(_row("job_alert", subscription_id))

    wire = _wire(message).decode("ascii")
    [header] = [line for line in wire.split("\r\n") if line.startswith("List-Unsubscribe:")]
    link = header.removeprefix("List-Unsubscribe: <").removesuffix(">")
    assert link.startswith("https://jobs.example.com/api/notifications/alerts/unsubscribe/")
    assert LINKS.subscription_of(UNSUBSCRIBE, link.rpartition("/")[2]) == subscription_id
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in wire
    # The body's link is the site's page in the email's language, whose button asks before unsubscribing.
    assert (
        "Se désabonner : https://jobs.example.com/fr/alerts/unsubscribe/" in message.get_body(("plain",)).get_content()
    )
    assert "=?utf-8?" in wire  # the French subject is still encoded as it must be


def test_no_other_email_and_no_alert_recorded_without_its_subscription_gets_the_headers():
    for row in (_row("job_alert", None), _row("candidate_status_changed", uuid.uuid4())):
        message = SENDER._message(row)

        assert (message["List-Unsubscribe"], message["List-Unsubscribe-Post"]) == (None, None)


def test_a_consultants_email_links_to_the_application_page_of_the_workspace_not_to_the_api():
    links = Links("a-secret-of-this-test-only", web="https://jobs.example.com", applications="https://api.example.com")
    url = links.consultant_application("0b7f5c1e-9d1a-4c55-8e0e-2f6c3f2f1a01")
    assert url == "https://jobs.example.com/en/consultant/applications/0b7f5c1e-9d1a-4c55-8e0e-2f6c3f2f1a01"
