"""The vacancy service's metrics move with the traffic: requests by route, the outbox backlog."""

from __future__ import annotations

import uuid

import pytest

from recruitment_shared.messaging import OutboxRelay
from recruitment_shared.messaging.clients import make_producer
from tests.support.metrics import sample
from vacancies.db import outbox

pytestmark = pytest.mark.integration


def test_requests_and_the_outbox_backlog_show_on_metrics(app, client, lisa, kafka_bootstrap, topics):
    created_before = sample(client, "http_requests_total", route="/consultant/vacancies", method="POST", status="201")
    lisa.published_id(reference="50001")
    lisa.published_id(reference="50002")
    backlog = sample(client, "outbox_backlog_events")
    age = sample(client, "outbox_oldest_unpublished_age_seconds")
    producer = make_producer(kafka_bootstrap, "test")
    OutboxRelay(app.extensions["engine"], outbox, producer, topics).publish_pending()
    producer.close()

    assert sample(client, "http_requests_total", route="/consultant/vacancies", method="POST", status="201") == (
        created_before + 2
    )
    assert (
        sample(client, "http_request_duration_seconds_count", route="/consultant/vacancies/<uuid:vacancy_id>/publish")
        == 2
    )
    assert (backlog, sample(client, "outbox_backlog_events")) == (2, 0)
    assert age > 0 and sample(client, "outbox_oldest_unpublished_age_seconds") == 0


def test_errors_are_counted_by_route_and_status(client):
    route = {"route": "/vacancies/<uuid:vacancy_id>", "method": "GET"}
    missing_before = sample(client, "http_requests_total", status="404", **route)
    for _ in range(3):
        client.get(f"/vacancies/{uuid.uuid4()}")
    client.get("/vacancies", query_string={"page_size": "0"})

    assert sample(client, "http_requests_total", status="404", **route) == missing_before + 3
    assert sample(client, "http_requests_total", route="/vacancies", method="GET", status="422") == 1
