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


def _page(message, action: str) -> str:
    """The `action` link in the email's text and HTML parts (the same link in both): a page of the site."""
    found = {
        link
        for part in ("plain", "html")
        for link in re.findall(rf"http://[^\s\"<]+/alerts/{action}/[^\s\"<]+", message.get_body((part,)).get_content())
    }
    [link] = found
    return link


def _path(message, action: str) -> str:
    """The API's path that the `action` link's page sends its token to (the page's button POSTs there)."""
    return f"/alerts/{action}/{_page(message, action).rpartition('/')[2]}"


def _status(engine, subscription_id: uuid.UUID) -> str | None:
    """The subscription's status; None once it is deleted."""
    with engine.connect() as conn:
        query = select(subscriptions.c.status).where(subscriptions.c.id == subscription_id)
        return conn.execute(query).scalar_one_or_none()


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

    assert _page(confirmation, "confirm") == f"{LINKS.web}/nl/alerts/confirm/{link.rpartition('/')[2]}"
    assert {answer.status_code for answer in shown} == {200}
    assert shown[0].json["status"] == "pending" and shown[0].json["criteria"] == "Antwerp · PRINCE2"
    assert shown[0].json["criteria_values"] == {
        "keywords": ["PRINCE2"],
        "cities": ["Antwerp"],
        "role_types": [],
        "contract_type": None,
        "workplace": None,
    }
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
    one_click = alert["List-Unsubscribe"].strip("<>")
    delivery_log = client.get("/emails", headers=bearer(roles=("admin",)))

    tokens = [link.rpartition("/")[2] for link in (confirm, unsubscribe, one_click)]
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
    header = alert["List-Unsubscribe"].strip("<>")
    page = _path(alert, "unsubscribe")  # what the site's page asks the API for with the visible link's token

    shown = client.get(page)
    still = _status(engine, subscription_id)
    # As a mail provider's "unsubscribe" button sends it: to the API itself, no page, no CSRF token.
    one_click = client.post(header.removeprefix(LINKS.notifications), **ONE_CLICK)
    gone = _status(engine, subscription_id)
    again, shown_again = client.post(page), client.get(page)  # an empty body, as the site's page sends it
    _publish_a_match(engine, "70302")
    deliver(engine, smtp_server.port)

    assert header.startswith(f"{LINKS.notifications}/alerts/unsubscribe/")
    assert _page(alert, "unsubscribe").startswith(f"{LINKS.web}/nl/alerts/unsubscribe/")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (shown.status_code, shown.json["status"], still) == (200, "confirmed", "confirmed")
    assert "POST to this same URL unsubscribes" in shown.json["next_step"]
    assert (one_click.status_code, one_click.json["status"]) == (200, "unsubscribed")
    assert gone is None  # deleted at once: nothing of the subscription is kept
    # The link is genuine but opens nothing any more: 410, which a client words kindly.
    assert [(answer.status_code, answer.content_type) for answer in (again, shown_again)] == [
        (410, "application/problem+json")
    ] * 2
    assert len(smtp_server.handler.messages) == 2  # nothing after unsubscribing


def test_a_confirmation_email_carries_no_one_click_header(client, engine, smtp_server):
    _subscribe(client)
    deliver(engine, smtp_server.port)

    [confirmation] = smtp_server.handler.messages
    assert confirmation["List-Unsubscribe"] is None and confirmation["List-Unsubscribe-Post"] is None


def test_every_link_a_subscriber_clicks_opens_the_career_site_in_their_language(client, engine, smtp_server):
    _subscribe(client)  # in Dutch
    deliver(engine, smtp_server.port)
    [confirmation] = smtp_server.handler.messages
    client.post(_path(confirmation, "confirm"))
    _publish_a_match(engine, "70401")
    deliver(engine, smtp_server.port)
    [alert] = smtp_server.handler.messages[1:]

    links = {
        link
        for message in (confirmation, alert)
        for part in ("plain", "html")
        for link in re.findall(r"https?://[^\s\"<]+", message.get_body((part,)).get_content())
    }
    assert links == {
        _page(confirmation, "confirm"),
        f"{LINKS.web}/nl/vacancies/70401",
        _page(alert, "unsubscribe"),
    }
    assert all(link.startswith(f"{LINKS.web}/nl/") for link in links)
