"""What one anonymous client can make the notification service do is bounded: subscriptions and
link clicks per address, confirmation emails per recipient, and the size of what it sends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import notifications
from notifications.app import create_app
from notifications.db import emails, subscriptions
from notifications.domain import Priority
from notifications.email_queue import queue_email
from notifications.handlers import event_handlers
from recruitment_shared.web import PROBLEM_JSON
from tests.support.services import migrated_app
from tests.support.wire_events import application_repeated

from .conftest import LINKS, queued

pytestmark = pytest.mark.integration
VICTIM, SOMEONE_ELSE = "an.claes@example.com", "jan.peeters@example.com"
ATTACKER = "198.51.100.7"
SPAM = {"language": "en", "keywords": ["Cheap pills at evil.example"], "cities": ["Antwerp"]}


@pytest.fixture
def app(database_url, monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    with migrated_app(notifications, create_app, database_url, RATE_LIMIT_SUBSCRIBE="3/hour") as app:
        yield app


def _subscribe(app, email: str, address: str = ATTACKER, **body):
    return app.test_client().post(
        "/alerts/subscriptions", json={"email": email} | SPAM | body, environ_base={"REMOTE_ADDR": address}
    )


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _emails_to(engine, recipient: str) -> list:
    return [row for row in queued(engine) if row.recipient == recipient]


def test_fifty_subscriptions_for_one_victim_queue_one_confirmation_email(app, engine):
    # From fifty addresses, so that no rate limit helps: the cooldown per recipient must.
    answers = [_subscribe(app, VICTIM, f"10.0.{n // 250}.{n % 250 + 1}") for n in range(50)]
    other = _subscribe(app, SOMEONE_ELSE, "10.9.9.9")

    assert {answer.status_code for answer in [*answers, other]} == {202}
    # The answer says nothing of whether an email went out: the 50th reads like the first.
    assert {tuple(sorted(answer.json)) for answer in answers} == {tuple(sorted(answers[0].json))}
    assert {answer.json["status"] for answer in answers} == {"pending"}
    assert _count(engine, subscriptions) == 51  # each stored, pending until confirmed
    assert len(_emails_to(engine, VICTIM)) == 1
    assert len(_emails_to(engine, SOMEONE_ELSE)) == 1  # another address still gets its own


def test_the_cooldown_holds_per_recipient_and_template_for_as_long_as_configured(engine):
    context = {"confirm_url": "http://127.0.0.1:8003/alerts/confirm/x", "criteria": "Antwerp"}

    def confirmation(event_id: str, recipient: str = VICTIM, **cooldown) -> bool:
        with engine.begin() as conn:
            template = "subscription_confirmation"
            key = f"key-of-{recipient}"
            return queue_email(
                conn, event_id, template, recipient, "en", context, Priority.ALERTS, recipient_key=key, **cooldown
            )

    first, again = confirmation("subscription:1"), confirmation("subscription:2")
    other = confirmation("subscription:3", SOMEONE_ELSE)
    after_the_cooldown = confirmation("subscription:4", cooldown=timedelta(0))
    with engine.begin() as conn:  # an email anyone cannot trigger for someone else has no cooldown
        vacancy = {"title": "IT Project Manager", "reference": "92742", "city": "Antwerp", "workplace": "hybrid"}
        alert = {"vacancy": vacancy | {"contract": "freelance", "url": "http://127.0.0.1:8001/vacancies/92742"}}
        alert["unsubscribe_url"] = "http://127.0.0.1:8003/alerts/unsubscribe/x"
        alerts = [
            queue_email(conn, f"vacancy-{n}", "job_alert", VICTIM, "en", alert, recipient_key="k") for n in range(2)
        ]

    assert (first, again, other, after_the_cooldown) == (True, False, True, True)
    assert alerts == [True, True]


def test_the_configured_cooldown_reaches_the_web_app_a_cooldown_of_zero_queues_every_confirmation(
    database_url, engine, monkeypatch
):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    with migrated_app(notifications, create_app, database_url, EMAIL_COOLDOWN_MINUTES="0") as app:
        answers = [_subscribe(app, VICTIM).status_code for _ in range(2)]

    assert answers == [202, 202]
    assert [row.template for row in _emails_to(engine, VICTIM)] == ["subscription_confirmation"] * 2


def test_the_consumers_handlers_apply_the_cooldown_they_are_given(engine):
    def repeated_twice(cooldown: timedelta, address: str) -> int:
        handler = event_handlers(LINKS, cooldown)["ApplicationRepeated"]
        with engine.begin() as conn:
            for _ in range(2):
                handler(conn, application_repeated(uuid.uuid4(), email=address))
        return len(_emails_to(engine, address))

    assert repeated_twice(timedelta(0), VICTIM) == 2
    assert repeated_twice(timedelta(minutes=60), SOMEONE_ELSE) == 1


def test_subscriptions_from_one_address_past_the_limit_are_refused_and_store_nothing(app, engine):
    accepted = [_subscribe(app, f"subscriber{n}@example.com").status_code for n in range(3)]
    refused = _subscribe(app, "subscriber3@example.com")
    other = _subscribe(app, "subscriber4@example.com", "203.0.113.20")

    assert accepted == [202, 202, 202]
    assert (refused.status_code, refused.content_type) == (429, PROBLEM_JSON)
    assert int(refused.headers["Retry-After"]) > 0
    assert other.status_code == 202
    assert _count(engine, subscriptions) == 4
    assert _emails_to(engine, "subscriber3@example.com") == []


def test_clicking_alert_links_is_limited_per_address(database_url, monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    with migrated_app(notifications, create_app, database_url, RATE_LIMIT_LINKS="2/hour") as app:
        client = app.test_client()
        guesses = [client.get("/alerts/confirm/guess"), client.post("/alerts/unsubscribe/guess")]
        refused = client.post("/alerts/confirm/guess")

    assert [guess.status_code for guess in guesses] == [404, 404]  # GET and POST, confirm and unsubscribe: one count
    assert (refused.status_code, refused.content_type) == (429, PROBLEM_JSON)


def test_a_subscription_with_200000_role_types_is_a_422_and_stores_nothing(app, engine):
    response = _subscribe(app, VICTIM, role_types=["software"] * 200_000)

    assert (response.status_code, response.content_type) == (422, PROBLEM_JSON)
    assert [error["field"] for error in response.json["errors"]] == ["role_types"]
    assert _count(engine, subscriptions) == 0
    assert _count(engine, emails) == 0
