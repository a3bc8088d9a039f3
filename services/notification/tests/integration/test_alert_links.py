"""The links of job-alert emails: signed as the email is sent (no stored body holds a token);
a GET shows what the link would change and changes nothing (mail scanners follow links); a POST
confirms or unsubscribes, also as mail providers send it for one-click unsubscribing (RFC 8058)."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

import notifications
from notifications.app import create_app
from notifications.db import subscriptions
from notifications.handlers import event_handlers
from notifications.personal_links import CONFIRM_LINK, UNSUBSCRIBE_LINK
from tests.support.auth import bearer
from tests.support.services import migrated_app
from tests.support.wire_events import vacancy_published

from .conftest import COOLDOWN, LINKS, deliver, queued

pytestmark = pytest.mark.integration
SUBSCRIBER = "an.claes@example.com"
ONE_CLICK = {"data": "List-Unsubscribe=One-Click", "content_type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client(database_url):
    with migrated_app(notifications, create_app, database_url) as app:
        yield app.test_client()


def _subscribe(client) -> uuid.UUID:
    body = {"email": SUBSCRIBER, "language": "nl", "cities": ["Antwerp"], "keywords": ["PRINCE2"]}
    response = client.post("/alerts/subscriptions", json=body)
    assert response.status_code == 202, response.json
    return uuid.UUID(response.json["id"])


def _path(message, action: str) -> str:
    """The path of the `action` link in the email's text and HTML parts (the same link in both)."""
    found = {
        link.removeprefix(LINKS.notifications)
        for part in ("plain", "html")
        for link in re.findall(rf"http://[^\s\"<]+/alerts/{action}/[^\s\"<]+", message.get_body((part,)).get_content())
    }
    [path] = found
    return path


def _status(engine, subscription_id: uuid.UUID) -> str:
    with engine.connect() as conn:
        return conn.execute(select(subscriptions.c.status).where(subscriptions.c.id == subscription_id)).scalar_one()


def _publish_a_match(engine, reference: str) -> None:
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN)["VacancyPublished"](conn, vacancy_published(reference))


def test_opening_the_confirmation_link_shows_the_subscription_and_only_a_post_confirms_it(client, engine, smtp_server):
    _subscribe(client)
    deliver(engine, smtp_server.port)
    [confirmation] = smtp_server.handler.messages
    link = _path(confirmation, "confirm")

    # A mail scanner, a link preview and the subscriber's browser all GET the link first.
    shown = [client.get(link) for _ in range(3)]
    _publish_a_match(engine, "70101")
    confirmed = client.post(link)
    _publish_a_match(engine, "70102")
    shown_after = client.get(link)
    deliver(engine, smtp_server.port)

    assert {answer.status_code for answer in shown} == {200}
    assert shown[0].json["status"] == "pending" and shown[0].json["criteria"] == "Antwerp · PRINCE2"
    assert "POST to this same URL confirms" in shown[0].json["next_step"]
    assert (confirmed.status_code, confirmed.json["status"]) == (200, "confirmed")
    assert shown_after.json["next_step"] == "This subscription is confirmed already: nothing to do."
    alerts = [m for m in smtp_server.handler.messages if m is not confirmation]
    texts = [m.get_body(("plain",)).get_content() for m in alerts]
    assert [("70101" in text, "70102" in text) for text in texts] == [(False, True)]


def test_alert_tokens_are_signed_as_each_email_is_sent_and_stored_nowhere(client, engine, smtp_server):
    subscription_id = _subscribe(client)
    [stored] = queued(engine)
    deliver(engine, smtp_server.port)
    [confirmation] = smtp_server.handler.messages
    confirm = _path(confirmation, "confirm")
    client.post(confirm)
    _publish_a_match(engine, "70201")
    deliver(engine, smtp_server.port)
    [alert] = smtp_server.handler.messages[1:]
    unsubscribe = _path(alert, "unsubscribe")
    delivery_log = client.get("/emails", headers=bearer(roles=("admin",)))

    tokens = [confirm.rpartition("/")[2], unsubscribe.rpartition("/")[2]]
    assert stored.link_for == subscription_id
    assert CONFIRM_LINK in stored.body and CONFIRM_LINK in stored.html_body
    assert [UNSUBSCRIBE_LINK in row.body for row in queued(engine)] == [False, True]
    assert not [value for row in queued(engine) for value in row for token in tokens if token in str(value)]
    assert not [token for token in tokens if token in delivery_log.text]
    assert _status(engine, subscription_id) == "confirmed"


def test_an_alert_offers_one_click_unsubscribing_and_a_providers_post_unsubscribes(client, engine, smtp_server):
    subscription_id = _subscribe(client)
    deliver(engine, smtp_server.port)
    client.post(_path(smtp_server.handler.messages[0], "confirm"))
    _publish_a_match(engine, "70301")
    deliver(engine, smtp_server.port)
    [alert] = smtp_server.handler.messages[1:]
    link = _path(alert, "unsubscribe")

    shown = client.get(link)
    still = _status(engine, subscription_id)
    one_click = client.post(link, **ONE_CLICK)  # as a mail provider's "unsubscribe" button sends it
    again = client.post(link)  # an empty body, as a form's button sends it
    _publish_a_match(engine, "70302")
    deliver(engine, smtp_server.port)

    assert alert["List-Unsubscribe"] == f"<{LINKS.notifications}{link}>"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (shown.status_code, shown.json["status"], still) == (200, "confirmed", "confirmed")
    assert "POST to this same URL unsubscribes" in shown.json["next_step"]
    assert (one_click.status_code, one_click.json["status"]) == (200, "unsubscribed")
    assert (again.status_code, again.json["status"]) == (200, "unsubscribed")
    assert _status(engine, subscription_id) == "unsubscribed"
    assert len(smtp_server.handler.messages) == 2  # nothing after unsubscribing


def test_a_confirmation_email_carries_no_one_click_header(client, engine, smtp_server):
    _subscribe(client)
    deliver(engine, smtp_server.port)

    [confirmation] = smtp_server.handler.messages
    assert confirmation["List-Unsubscribe"] is None and confirmation["List-Unsubscribe-Post"] is None
