"""The read model of vacancies follows vacancy events on real Kafka, and rebuilds from the start."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from applications.db import inbox
from applications.domain import VacancyState
from applications.read_model import CONSUMER, VACANCY_EVENT_HANDLERS, rebuild_read_model
from applications.vacancy_store import get_known_vacancy
from recruitment_shared.events import VACANCIES, Event, from_message, new_event, to_message
from tests.support.consumers import running_consumer
from tests.support.kafka import produce
from tests.support.waiting import wait_until
from tests.support.wire_events import vacancy_published

pytestmark = pytest.mark.integration


def _send(bootstrap: str, topic: str, event_type: str, data: dict) -> None:
    message = to_message(new_event(event_type, data["vacancy_id"], data, "vacancy"))
    produce(bootstrap, topic, message.key.encode(), message.value, list(message.headers.items()))


def _as_received(event: Event) -> dict:
    """The data of `event` as a consumer reads it off the wire."""
    return from_message(to_message(event).value).data


def test_the_read_model_follows_publish_update_close_and_rebuilds_the_same(app, kafka_bootstrap, topics):
    topic, group = topics.physical(VACANCIES), f"{CONSUMER}-{uuid.uuid4().hex[:8]}"
    engine = app.extensions["engine"]
    kept, closed = _as_received(vacancy_published()), _as_received(vacancy_published(reference="92743"))
    _send(kafka_bootstrap, topic, "VacancyPublished", kept)
    _send(kafka_bootstrap, topic, "VacancyPublished", closed)
    updated = kept | {"title": "Senior IT Project Manager", "experience_min_years": 7, "updated_at": datetime.now(UTC)}
    _send(kafka_bootstrap, topic, "VacancyUpdated", updated)
    closing = {"vacancy_id": closed["vacancy_id"], "reference": "92743", "reason": "filled"}
    _send(kafka_bootstrap, topic, "VacancyClosed", closing | {"closed_at": datetime.now(UTC)})

    def state():
        with engine.connect() as conn:
            a, b = get_known_vacancy(conn, kept["vacancy_id"]), get_known_vacancy(conn, closed["vacancy_id"])
        return a and b and (a.title, a.state, a.requirements.experience_min_years, b.state)

    expected = ("Senior IT Project Manager", VacancyState.OPEN, 7, VacancyState.CLOSED)
    with running_consumer(engine, kafka_bootstrap, topic, CONSUMER, inbox, VACANCY_EVENT_HANDLERS, group=group):
        wait_until(lambda: state() == expected, what="the read model to follow the four events")

    rebuild_read_model(engine, kafka_bootstrap, group, [topic])
    assert state() is None

    with running_consumer(engine, kafka_bootstrap, topic, CONSUMER, inbox, VACANCY_EVENT_HANDLERS, group=group):
        wait_until(lambda: state() == expected, what="the rebuilt read model")
