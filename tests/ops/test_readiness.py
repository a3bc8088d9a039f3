"""/readyz follows what a process needs: a web app its database; relays and consumers their
database and Kafka. Unready while one is down, ready again (and working) once it is back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine

import applications
import vacancies
from recruitment_shared.events import VACANCIES
from recruitment_shared.messaging.outbox import record_event
from recruitment_shared.messaging.topics import TopicNames, dead_letter_topic, provision_topics
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import REPO
from tests.support.kafka import read_topic
from tests.support.metrics import scrape
from tests.support.network import free_port, http_status
from tests.support.services import migrated_app
from tests.support.waiting import wait_until
from tests.support.wire_events import publish, vacancy_published
from vacancies.app import create_app
from vacancies.db import outbox

pytestmark = pytest.mark.integration


def test_readyz_turns_unready_while_postgresql_is_down_and_ready_when_it_returns(own_postgres):
    with migrated_app(vacancies, create_app, own_postgres("url", "vacancy")) as app:
        client = app.test_client()
        before = client.get("/readyz")
        own_postgres("stop")
        down = client.get("/readyz")
        alive = client.get("/healthz")
        own_postgres("start")
        wait_until(lambda: client.get("/readyz").status_code == 200, what="ready again")

    assert before.status_code == 200
    assert (down.status_code, down.content_type) == (503, "application/problem+json")
    assert alive.status_code == 200  # the process itself is fine: no restart needed


@contextmanager
def _worker(command: list[str], database_url: str, bootstrap: str, prefix: str, **settings: str) -> Iterator[str]:
    """`python -m <command>` with its endpoints on a free WORKER_PORT (plus `settings` in its
    environment); yields their base URL."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "KAFKA_TOPIC_PREFIX": prefix,
        "WORKER_PORT": str(port),
        **settings,
    }
    process = subprocess.Popen([sys.executable, "-m", *command], cwd=REPO, env=env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_relay_and_consumer_turn_unready_while_kafka_is_down_and_catch_up_when_it_returns(own_kafka, new_database):
    kafka, bootstrap = own_kafka
    topics = TopicNames(prefix="readiness.")
    provision_topics(bootstrap, topics)
    vacancy_db, application_db = new_database(), new_database()
    upgrade(Path(vacancies.__file__).parent / "migrations", vacancy_db)
    upgrade(Path(applications.__file__).parent / "migrations", application_db)

    with (
        _worker(["vacancies", "relay"], vacancy_db, bootstrap, topics.prefix) as relay,
        _worker(["applications", "consume-vacancies"], application_db, bootstrap, topics.prefix) as consumer,
    ):
        workers = (relay, consumer)
        wait_until(lambda: all(http_status(f"{w}/readyz") == 200 for w in workers), timeout=60, what="both ready")
        kafka("stop")
        wait_until(lambda: all(http_status(f"{w}/readyz") == 503 for w in workers), what="both unready")
        down = [requests.get(f"{w}/readyz", timeout=5).json() for w in workers]
        alive = [http_status(f"{w}/healthz") for w in workers]
        # Published while Kafka is down: the event waits in the outbox.
        with create_engine(vacancy_db).begin() as conn:
            record_event(conn, outbox, vacancy_published("80010"))
        kafka("start")
        wait_until(lambda: all(http_status(f"{w}/readyz") == 200 for w in workers), timeout=60, what="ready again")
        wait_until(
            lambda: scrape(consumer, "consumer_events_total", consumer="application-vacancies", outcome="handled") == 1,
            timeout=60,
            what="the event published after Kafka's return to be handled",
        )

    assert [body["problems"] for body in down] == [["kafka unreachable"]] * 2
    assert alive == [200, 200]  # alive all along: nothing to restart


def test_a_consumer_waits_out_a_database_outage_with_lag_showing_and_loses_nothing(
    own_postgres, kafka_bootstrap, topics
):
    own_postgres("createdb", "application")
    database_url = own_postgres("url", "application")
    upgrade(Path(applications.__file__).parent / "migrations", database_url)
    consumer_name = {"consumer": "application-vacancies"}

    def lag() -> float:
        return sum(
            scrape(consumer, "consumer_lag_messages", partition=str(p), **consumer_name) or 0.0 for p in range(3)
        )

    # One attempt before the DLQ: any failure counted against the event would dead-letter it at once.
    consume = ["applications", "consume-vacancies"]
    with _worker(consume, database_url, kafka_bootstrap, topics.prefix, CONSUMER_MAX_ATTEMPTS="1") as consumer:
        wait_until(lambda: http_status(f"{consumer}/readyz") == 200, timeout=60, what="the consumer to be ready")
        own_postgres("stop")
        wait_until(lambda: http_status(f"{consumer}/readyz") == 503, what="unready without its database")
        down = requests.get(f"{consumer}/readyz", timeout=5).json()
        for reference in ("80021", "80022", "80023"):
            publish(kafka_bootstrap, topics.physical(VACANCIES), vacancy_published(reference))
        # At least the batch in hand: messages arriving while it waits show at its next poll.
        waiting = wait_until(lambda: lag() >= 1, what="the waiting messages to show as lag")
        own_postgres("start")
        wait_until(lambda: http_status(f"{consumer}/readyz") == 200, timeout=60, what="ready again")
        handled = {"outcome": "handled", **consumer_name}
        wait_until(lambda: scrape(consumer, "consumer_events_total", **handled) == 3, what="all three handled")
        caught_up = wait_until(lambda: lag() == 0, what="the lag back to 0")
        dead = scrape(consumer, "consumer_events_total", outcome="dead-lettered", **consumer_name)

    assert down["problems"] == ["database unreachable"]
    assert waiting and caught_up
    assert dead is None  # never counted: nothing went to the DLQ
    assert read_topic(kafka_bootstrap, dead_letter_topic(topics.physical(VACANCIES)), timeout=1) == []
