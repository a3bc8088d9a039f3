"""A job-alert subscription for an address no mail header could carry is a 422, and queues nothing."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

import notifications
from notifications.app import create_app
from notifications.db import emails, subscriptions
from tests.support.auth import bearer
from tests.support.email_addresses import BAD_ADDRESSES, GOOD_ADDRESS, GOOD_ADDRESS_STORED
from tests.support.network import free_port
from tests.support.services import migrated_app
from tests.support.smtp import Collector

from .conftest import deliver, queued

pytestmark = pytest.mark.integration


@pytest.fixture
def client(database_url):
    with migrated_app(notifications, create_app, database_url) as app:
        yield app.test_client()


@pytest.fixture
def ascii_only_smtp_server():
    """A real SMTP server that does not offer SMTPUTF8, as many still do not."""
    controller = Controller(Collector(), hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=False)
    controller.start()
    yield controller
    controller.stop()


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_an_undeliverable_address_is_a_422_problem_and_queues_nothing(client, engine, address):
    response = client.post("/alerts/subscriptions", json={"email": address, "keywords": ["PRINCE2"]})
    search = client.get("/emails", query_string={"recipient": address}, headers=bearer())

    assert (response.status_code, response.content_type) == (422, "application/problem+json")
    assert [error["field"] for error in response.json["errors"]] == ["email"]
    assert (_count(engine, subscriptions), _count(engine, emails)) == (0, 0)
    assert (search.status_code, search.content_type) == (422, "application/problem+json")


def test_an_address_with_a_tag_and_an_internationalised_domain_is_taken_and_reached(
    client, engine, ascii_only_smtp_server
):
    smtp_server = ascii_only_smtp_server
    response = client.post("/alerts/subscriptions", json={"email": GOOD_ADDRESS, "keywords": ["PRINCE2"]})
    delivered = deliver(engine, smtp_server.port)

    assert response.status_code == 202, response.json
    assert response.json["email"] == GOOD_ADDRESS_STORED
    assert [row.recipient for row in queued(engine)] == [GOOD_ADDRESS_STORED]  # the confirmation email
    assert delivered == 1
    assert [m["To"] for m in smtp_server.handler.messages] == ["Jan.Peeters+jobs@xn--bcher-kva.be"]
