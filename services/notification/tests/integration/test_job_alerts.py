"""Job alerts: double opt-in, unsubscribe without logging in (also in one click, RFC 8058),
immediate alerts and daily digests. A link's GET shows what it would change; only a POST changes it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

import notifications
from notifications.app import create_app
from notifications.db import inbox, subscriptions
from notifications.digests import send_digests
from notifications.handlers import event_handlers
from recruitment_shared.events import VACANCIES
from tests.support.consumers import running_consumer
from tests.support.services import migrated_app
from tests.support.waiting import wait_until
from tests.support.wire_events import publish, vacancy_published

from .conftest import COOLDOWN, LINKS, deliver

pytestmark = pytest.mark.integration
SUBSCRIBER = "an.claes@example.com"


@pytest.fixture
def app(database_url):
    with migrated_app(notifications, create_app, database_url) as app:
        yield app


def _subscribe(client, **criteria) -> dict:
    body = {"email": SUBSCRIBER, "language": "fr", "cities": ["Antwerp"], "keywords": ["PRINCE2"]} | criteria
    response = client.post("/alerts/subscriptions", json=body)
    assert response.status_code == 202, response.json
    return response.json


def _link(message, path: str) -> str:
    """The API's path behind the link to `path` in the email's text (a page of the career site,
    whose button sends the link's token there)."""
    text = message.get_body(("plain",)).get_content()
    token = re.search(rf"http://[^\s\"<]+{path}/([^\s\"<]+)", text).group(1)
    return f"{path}/{token}"


def _alerts(smtp_server) -> list:
    return [m for m in smtp_server.handler.messages if m["To"] == SUBSCRIBER and "/alerts/unsubscribe/" in str(m)]


def test_alerts_start_only_after_confirmation_and_stop_after_unsubscribing(
    app, engine, kafka_bootstrap, topics, smtp_server
):
    client = app.test_client()
    subscription = _subscribe(client)
    deliver(engine, smtp_server.port)
    [confirmation] = smtp_server.handler.messages
    topic = topics.physical(VACANCIES)
    handlers = event_handlers(LINKS, COOLDOWN)
    with running_consumer(engine, kafka_bootstrap, topic, "notification-events", inbox, handlers):
        publish(kafka_bootstrap, topic, vacancy_published("70001"))  # before confirming: nothing
        publish(kafka_bootstrap, topic, vacancy_published("70002", city="Ghent"))  # never matches
        wait_until(lambda: _processed(engine) == 2, what="both vacancies handled")
        deliver(engine, smtp_server.port)
        assert _alerts(smtp_server) == []

        confirmed = client.post(_link(confirmation, "/alerts/confirm"))
        publish(kafka_bootstrap, topic, vacancy_published("70003"))
        wait_until(lambda: deliver(engine, smtp_server.port) >= 0 and len(_alerts(smtp_server)) == 1, what="alert")
        [alert] = _alerts(smtp_server)

        gone = client.post(_link(alert, "/alerts/unsubscribe"))
        publish(kafka_bootstrap, topic, vacancy_published("70004"))
        wait_until(lambda: _processed(engine) == 4, what="the last vacancy handled")
        deliver(engine, smtp_server.port)

    assert subscription["status"] == "pending" and confirmation["To"] == SUBSCRIBER
    assert confirmed.json["status"] == "confirmed" and gone.json["status"] == "unsubscribed"
    assert "70003" in alert["Subject"] or "70003" in alert.get_body(("plain",)).get_content()
    assert len(_alerts(smtp_server)) == 1  # nothing after unsubscribing
    # Unsubscribing deleted the subscription: an old confirmation link cannot bring alerts back.
    assert client.post(_link(confirmation, "/alerts/confirm")).status_code == 410
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(subscriptions)).scalar_one() == 0


def test_a_daily_digest_collects_the_days_matches_into_one_email(app, engine, smtp_server):
    client = app.test_client()
    _subscribe(client, frequency="daily")
    deliver(engine, smtp_server.port)
    [confirmation] = smtp_server.handler.messages
    client.post(_link(confirmation, "/alerts/confirm"))
    handlers = event_handlers(LINKS, COOLDOWN)
    with engine.begin() as conn:
        for reference in ("70011", "70012", "70013"):
            handlers["VacancyPublished"](conn, vacancy_published(reference))
        handlers["VacancyPublished"](conn, vacancy_published("70014", city="Namur"))

    today = date(2026, 11, 21)
    first, again = send_digests(app.extensions["engine"], today), send_digests(engine, today)
    tomorrow = send_digests(engine, date(2026, 11, 22))
    deliver(engine, smtp_server.port)

    [digest] = _alerts(smtp_server)
    text = digest.get_body(("plain",)).get_content()
    assert (first, again, tomorrow) == (1, 0, 0)  # one digest; none without new matches
    assert all(reference in text for reference in ("70011", "70012", "70013"))
    assert "70014" not in text
    # Each vacancy links to its page on the career site, in the subscriber's language.
    assert f"{LINKS.web}/fr/vacancies/70011" in text
    assert f'href="{LINKS.web}/fr/vacancies/70012"' in digest.get_body(("html",)).get_content()
    # Its unsubscribe link, in one click too (RFC 8058).
    assert digest["List-Unsubscribe"].startswith(f"<{LINKS.notifications}/alerts/unsubscribe/")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_bad_subscriptions_are_422_problems_and_bad_links_404(app):
    client = app.test_client()
    bad = client.post("/alerts/subscriptions", json={"email": "nope", "frequency": "hourly", "workplace": "moon"})
    forged = [client.open("/alerts/unsubscribe/not-a-real-token", method=method) for method in ("GET", "POST")]

    assert (bad.status_code, bad.content_type) == (422, "application/problem+json")
    assert {e["field"] for e in bad.json["errors"]} == {"email", "frequency", "workplace"}
    assert {(answer.status_code, answer.content_type) for answer in forged} == {(404, "application/problem+json")}


def _processed(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(inbox)).scalar_one()


def test_text_with_nul_characters_is_a_422_and_stores_nothing(app, engine):
    response = app.test_client().post("/alerts/subscriptions", json={"email": "an@example.com", "cities": ["\u0000"]})
    forged = app.test_client().post("/alerts/confirm/abc%00def")

    assert (response.status_code, response.content_type) == (422, "application/problem+json")
    assert forged.status_code == 422
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(subscriptions)).scalar_one() == 0
