"""The consumer loop against real PostgreSQL and Kafka: once-only effects, retries, the DLQ."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from datetime import UTC, datetime

import pytest
from kafka import TopicPartition
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from recruitment_shared.events import VACANCIES, new_event, to_message
from recruitment_shared.messaging import EventProcessor, consume, dead_letter_topic
from recruitment_shared.messaging.clients import make_consumer, make_producer
from tests.support.kafka import produce, read_topic
from tests.support.messaging_tables import effects, inbox
from tests.support.waiting import wait_until
from tests.support.wire_events import publish

pytestmark = pytest.mark.integration

VACANCY = uuid.uuid4()


def _event(reference: str):
    data = {"vacancy_id": VACANCY, "reference": reference, "reason": "filled", "closed_at": datetime.now(UTC)}
    return new_event("VacancyClosed", VACANCY, data, "test")


class Consumer:
    """The consumer loop running in a thread, with a handler that writes one effect per event."""

    def __init__(
        self, engine, bootstrap: str, topic: str, fail_for: dict[str, int], outage_for: dict[str, int] | None = None
    ) -> None:
        self.engine, self.topic, self.fail_for, self.outage_for = engine, topic, fail_for, outage_for or {}
        self.calls: Counter[str] = Counter()
        self.group = f"group-{uuid.uuid4().hex[:8]}"
        self.stop = threading.Event()
        self.dlq = make_producer(bootstrap, "test-dlq")
        self.kafka = make_consumer(bootstrap, self.group, [topic])
        processor = EventProcessor(
            "test-consumer", engine, inbox, {"VacancyClosed": self.handle}, self.dlq, 3, 0.01, self.stop
        )
        self.thread = threading.Thread(target=consume, args=(self.kafka, processor, self.stop))

    def handle(self, conn, event) -> None:
        reference = event.data["reference"]
        self.calls[reference] += 1
        conn.execute(effects.insert().values(event_id=event.id, note=reference))
        if self.calls[reference] <= self.fail_for.get(reference, 0):
            raise RuntimeError(f"handler broke on {reference}")
        if self.calls[reference] <= self.outage_for.get(reference, 0):
            raise OperationalError("INSERT ...", {}, ConnectionError("server closed the connection unexpectedly"))

    def effects_of(self, reference: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).where(effects.c.note == reference)).scalar_one()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join(timeout=30)
        self.kafka.close(autocommit=False)
        self.dlq.close()


def test_a_redelivered_event_has_its_effect_once_and_offsets_are_committed(engine, kafka_bootstrap, topics):
    topic = topics.physical(VACANCIES)
    first, sentinel = _event("first"), _event("sentinel")
    for event in (first, first, sentinel):  # the broker hands the same event over twice
        publish(kafka_bootstrap, topic, event)

    with Consumer(engine, kafka_bootstrap, topic, fail_for={}) as consumer:
        wait_until(lambda: consumer.effects_of("sentinel") == 1, what="the sentinel event to be handled")
        assert consumer.effects_of("first") == 1
        assert consumer.calls["first"] == 1
        partition = _partition_of(consumer.kafka, topic)
        wait_until(lambda: consumer.kafka.committed(partition) == 3, what="offset 3 to be committed")


def test_a_failed_attempt_leaves_no_effect_and_the_retry_succeeds(engine, kafka_bootstrap, topics):
    topic = topics.physical(VACANCIES)
    publish(kafka_bootstrap, topic, _event("flaky"))

    with Consumer(engine, kafka_bootstrap, topic, fail_for={"flaky": 2}) as consumer:
        wait_until(lambda: consumer.calls["flaky"] == 3, what="the third attempt")
        wait_until(lambda: consumer.effects_of("flaky") == 1, what="the effect of the successful attempt")

    assert read_topic(kafka_bootstrap, dead_letter_topic(topic), timeout=1) == []


def test_a_database_outage_is_waited_out_however_long_and_never_dead_letters(engine, kafka_bootstrap, topics):
    topic = topics.physical(VACANCIES)
    publish(kafka_bootstrap, topic, _event("during-outage"))

    with Consumer(engine, kafka_bootstrap, topic, fail_for={}, outage_for={"during-outage": 5}) as consumer:
        wait_until(lambda: consumer.effects_of("during-outage") == 1, what="the event handled after the outage")
        assert consumer.calls["during-outage"] == 6  # more tries than max_attempts (3): an outage is no attempt

    assert read_topic(kafka_bootstrap, dead_letter_topic(topic), timeout=1) == []


def test_a_message_that_keeps_failing_goes_to_the_dlq_and_the_consumer_goes_on(engine, kafka_bootstrap, topics):
    topic = topics.physical(VACANCIES)
    poison, next_one = _event("poison"), _event("next")
    publish(kafka_bootstrap, topic, poison)
    publish(kafka_bootstrap, topic, next_one)

    with Consumer(engine, kafka_bootstrap, topic, fail_for={"poison": 99}) as consumer:
        wait_until(lambda: consumer.effects_of("next") == 1, what="the next message to be handled")
        assert consumer.calls["poison"] == 3
        assert consumer.effects_of("poison") == 0

    [dead] = read_topic(kafka_bootstrap, dead_letter_topic(topic), at_least=1)
    headers = {name: value.decode() for name, value in dead.headers}
    assert dead.value == to_message(poison).value
    assert headers["dlq.error"] == "handler broke on poison"
    assert headers["dlq.error_type"] == "RuntimeError"
    assert headers["dlq.attempts"] == "3"
    assert headers["dlq.original_topic"] == topic


def test_an_unreadable_message_goes_straight_to_the_dlq(engine, kafka_bootstrap, topics):
    topic = topics.physical(VACANCIES)
    produce(kafka_bootstrap, topic, str(VACANCY).encode(), b"{not an event")
    publish(kafka_bootstrap, topic, _event("after-garbage"))

    with Consumer(engine, kafka_bootstrap, topic, fail_for={}) as consumer:
        wait_until(lambda: consumer.effects_of("after-garbage") == 1, what="the message after the garbage")

    [dead] = read_topic(kafka_bootstrap, dead_letter_topic(topic), at_least=1)
    assert dead.value == b"{not an event"
    assert dict(dead.headers)["dlq.error_type"] == b"InvalidEvent"


def _partition_of(kafka, topic: str) -> TopicPartition:
    [partition] = [tp for tp in kafka.assignment() if tp.topic == topic and kafka.committed(tp)]
    return partition
