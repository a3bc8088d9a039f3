"""The notification service's access log never holds the token of an alert link."""

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
