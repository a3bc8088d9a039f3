"""The transactional outbox and its relay against real PostgreSQL and Kafka."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from recruitment_shared.events import VACANCIES, from_message, new_event
from recruitment_shared.messaging import OutboxRelay, TopicNames, provision_topics, record_event
from recruitment_shared.messaging.clients import make_producer
from tests.support.infrastructure import REPO
from tests.support.kafka import read_topic
from tests.support.messaging_tables import outbox
from tests.support.waiting import wait_until

pytestmark = pytest.mark.integration


def _vacancy_closed(vacancy_id: uuid.UUID, sequence: int = 1):
    data = {"vacancy_id": vacancy_id, "reference": str(sequence), "reason": "filled", "closed_at": datetime.now(UTC)}
    return new_event("VacancyClosed", vacancy_id, data, "test")


@pytest.fixture
def relay(engine, kafka_bootstrap, topics):
    producer = make_producer(kafka_bootstrap, "test-relay")
    yield OutboxRelay(engine, outbox, producer, topics)
    producer.close()


def _pending(engine) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(outbox.c.id).where(outbox.c.published_at.is_(None))).all())


def test_an_event_recorded_in_a_rolled_back_transaction_is_never_published(engine, relay, kafka_bootstrap, topics):
    rolled_back, committed = _vacancy_closed(uuid.uuid4()), _vacancy_closed(uuid.uuid4())
    with pytest.raises(RuntimeError), engine.begin() as conn:
        record_event(conn, outbox, rolled_back)
        raise RuntimeError("the use case failed after recording its event")
    with engine.begin() as conn:
        record_event(conn, outbox, committed)

    assert relay.publish_pending() == 1

    records = read_topic(kafka_bootstrap, topics.physical(VACANCIES), at_least=1)
    assert [from_message(r.value).id for r in records] == [committed.id]
    assert _pending(engine) == 0


def test_an_event_left_by_a_crashed_relay_is_published_after_restart(engine, relay, kafka_bootstrap, new_database):
    # No topics yet: the relay claims the row, then blocks in send() waiting for the topic.
    topics = TopicNames(prefix=f"test-{uuid.uuid4().hex[:10]}.")
    event = _vacancy_closed(uuid.uuid4())
    with engine.begin() as conn:
        record_event(conn, outbox, event)
    env = os.environ | {
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "KAFKA_TOPIC_PREFIX": topics.prefix,
    }
    crashing = subprocess.Popen([sys.executable, "-m", "tests.support.messaging_tables"], cwd=REPO, env=env)
    try:
        wait_until(lambda: _advisory_locks(engine) > 0, timeout=60, what="the relay to claim the event")
    finally:
        crashing.send_signal(signal.SIGKILL)
        crashing.wait(timeout=30)

    wait_until(lambda: _advisory_locks(engine) == 0, what="the crashed relay's claim to be released")
    assert _pending(engine) == 1
    provision_topics(kafka_bootstrap, topics)
    relay.topics = topics
    assert relay.publish_pending() == 1

    records = read_topic(kafka_bootstrap, topics.physical(VACANCIES), at_least=1)
    assert [from_message(r.value).id for r in records] == [event.id]
    assert _pending(engine) == 0


def _advisory_locks(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).scalar_one()


def test_two_relays_keep_each_vacancys_events_in_order(engine, kafka_bootstrap, topics):
    vacancies = [uuid.uuid4() for _ in range(4)]
    events = [_vacancy_closed(v, n) for n in range(25) for v in vacancies]
    for event in events:  # one transaction each, as separate requests would do
        with engine.begin() as conn:
            record_event(conn, outbox, event)

    relays = [
        OutboxRelay(engine, outbox, make_producer(kafka_bootstrap, f"relay-{i}"), topics, batch_size=7)
        for i in range(2)
    ]
    workers = [threading.Thread(target=_drain, args=(relay,)) for relay in relays]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    for relay in relays:
        relay.producer.close()

    received = read_topic(kafka_bootstrap, topics.physical(VACANCIES), at_least=len(events))
    per_vacancy = defaultdict(list)
    for record in received:
        event = from_message(record.value)
        per_vacancy[event.subject].append(int(event.data["reference"]))
    assert len(received) == len(events)
    assert {subject: sequence for subject, sequence in per_vacancy.items()} == {
        str(v): list(range(25)) for v in vacancies
    }


def _drain(relay: OutboxRelay) -> None:
    idle_rounds = 0
    while idle_rounds < 3:  # the other relay may still hold some vacancies: look again
        idle_rounds = idle_rounds + 1 if relay.publish_pending() == 0 else 0


def test_published_events_past_the_retention_are_pruned_and_pending_ones_never(engine, relay):
    relay.retention = timedelta(days=7)
    old, recent, unpublished = (_vacancy_closed(uuid.uuid4()) for _ in range(3))
    with engine.begin() as conn:
        for event in (old, recent, unpublished):
            record_event(conn, outbox, event)
        now = datetime.now(UTC)
        published = {old.id: now - timedelta(days=8), recent.id: now - timedelta(days=1)}
        for event_id, when in published.items():
            conn.execute(update(outbox).where(outbox.c.event_id == event_id).values(published_at=when))
        # An unpublished row older than the retention still has to go out: it is kept.
        conn.execute(
            update(outbox).where(outbox.c.event_id == unpublished.id).values(created_at=now - timedelta(days=30))
        )

    assert relay.prune() == 1
    assert relay.prune() == 0
    with engine.connect() as conn:
        left = set(conn.execute(select(outbox.c.event_id)).scalars())
    assert left == {recent.id, unpublished.id}
