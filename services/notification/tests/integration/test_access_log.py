"""The notification service's access log never holds the token of an alert link or a candidate's link."""

from __future__ import annotations

import uuid

import pytest

import notifications
from notifications.app import create_app
from tests.support.services import migrated_app

pytestmark = pytest.mark.integration


@pytest.fixture
def app(database_url):
    # Built before the test runs: building an app sets up logging, which would drop caplog's handler.
    with migrated_app(notifications, create_app, database_url) as app:
        yield app


def test_the_access_log_masks_the_tokens_of_confirm_and_unsubscribe_links(app, caplog):
    caplog.set_level("INFO", logger="access")
    links, client = app.extensions["links"], app.test_client()
    tokens = [
        links.confirm(uuid.uuid4(), "en").rpartition("/")[2],
        links.unsubscribe(uuid.uuid4(), "en").rpartition("/")[2],
    ]
    paths = [f"/alerts/confirm/{tokens[0]}", f"/alerts/unsubscribe/{tokens[1]}"]
    for path in paths:
        client.get(path)
        client.post(path)

    lines = [record.getMessage().split()[:2] for record in caplog.records if record.name == "access"]
    confirm, unsubscribe = "/alerts/confirm/***", "/alerts/unsubscribe/***"
    assert lines == [["GET", confirm], ["POST", confirm], ["GET", unsubscribe], ["POST", unsubscribe]]
    assert not [record for record in caplog.records for token in tokens if token in record.getMessage()]


def test_the_access_log_masks_the_token_of_a_candidates_export(app, caplog):
    caplog.set_level("INFO", logger="access")
    token = app.extensions["personal_links"].candidate_link(uuid.uuid4()).rpartition("/")[2]

    answer = app.test_client().get(f"/candidate/{token}/export")

    lines = [record.getMessage().split()[:3] for record in caplog.records if record.name == "access"]
    assert lines == [["GET", "/candidate/***/export", "404"]] and answer.status_code == 404
    assert not [record for record in caplog.records if token in record.getMessage()]
