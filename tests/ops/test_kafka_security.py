"""Kafka over SASL_SSL, end to end: a broker of this module's own (deploy/local/kafka.sh with a
SASL_SSL listener on free loopback ports), the real provisioning command, relay, consumer and
read-model rebuild configured only through the environment; and what a client without the right
password or without the broker's CA gets: refused."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from kafka.admin import ConfigResource, ConfigResourceType
from kafka.errors import KafkaTimeoutError
from sqlalchemy import create_engine

import applications
import vacancies
from recruitment_shared.config import KafkaSecurity
from recruitment_shared.messaging.clients import make_admin, make_producer
from recruitment_shared.messaging.outbox import record_event
from recruitment_shared.messaging.topics import TopicNames, provision_topics
from recruitment_shared.messaging.worker_http import kafka_reachable
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import REPO
from tests.support.kafka import SecureBroker, secure_broker
from tests.support.metrics import scrape
from tests.support.network import free_port, http_status
from tests.support.waiting import wait_until
from tests.support.wire_events import vacancy_published
from vacancies.db import outbox

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureBroker]:
    with secure_broker(tmp_path_factory.mktemp("secure-kafka")) as started:
        yield started


def _module(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


@contextmanager
def _worker(args: list[str], env: dict[str, str]) -> Iterator[str]:
    """`python -m <args>` with its endpoints on a free WORKER_PORT; yields their base URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", *args], cwd=REPO, env=env | {"WORKER_PORT": str(port)})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def _retention(broker: SecureBroker, topics: list[str]) -> dict[str, str]:
    admin = make_admin(broker.bootstrap, "test-describe", KafkaSecurity.from_env(broker.client_env))
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name) for name in topics])
    finally:
        admin.close()
    return {name: configs["retention.ms"]["value"] for name, configs in described["topic"].items()}


def test_an_event_goes_from_the_relay_to_the_consumer_over_sasl_ssl(broker, new_database):
    topics = TopicNames(prefix="secure.")
    env = os.environ | broker.client_env | {"KAFKA_TOPIC_PREFIX": topics.prefix, "KAFKA_RETENTION_HOURS": "72"}
    vacancy_db, application_db = new_database(), new_database()
    upgrade(Path(vacancies.__file__).parent / "migrations", vacancy_db)
    upgrade(Path(applications.__file__).parent / "migrations", application_db)

    provisioned = _module(["recruitment_shared.messaging.topics"], env)
    # The relay logs in with PLAIN, the consumer with SCRAM-SHA-512: both mechanisms are in use.
    relay_env = env | {"DATABASE_URL": vacancy_db}
    consumer_env = env | {"DATABASE_URL": application_db, "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512"}
    with (
        _worker(["vacancies", "relay"], relay_env) as relay,
        _worker(["applications", "consume-vacancies"], consumer_env) as consumer,
    ):
        wait_until(lambda: http_status(f"{relay}/readyz") == http_status(f"{consumer}/readyz") == 200, timeout=90)
        with create_engine(vacancy_db).begin() as conn:
            record_event(conn, outbox, vacancy_published("80110"))
        handled = {"consumer": "application-vacancies", "outcome": "handled"}
        wait_until(lambda: scrape(consumer, "consumer_events_total", **handled) == 1, timeout=60, what="handled")
    rebuilt = _module(["applications", "rebuild-read-model"], consumer_env)

    assert provisioned.returncode == 0, provisioned.stderr
    assert rebuilt.returncode == 0, rebuilt.stderr  # rewound its consumer group over SASL_SSL
    assert _retention(broker, topics.all_physical()) == {
        "secure.vacancies": str(72 * 3_600_000),
        "secure.applications": str(72 * 3_600_000),
        "secure.vacancies.dlq": str(336 * 3_600_000),
        "secure.applications.dlq": str(336 * 3_600_000),
    }


def test_a_wrong_password_or_an_untrusted_certificate_is_refused(broker, new_database, caplog):
    security = KafkaSecurity.from_env(broker.client_env)
    wrong_password = replace(security, sasl_password="not-the-password")
    no_ca = replace(security, ssl_cafile=None)  # the system's CAs do not know the broker's
    caplog.set_level(logging.INFO, logger="kafka")
    relay_env = os.environ | broker.client_env | {"KAFKA_SASL_PASSWORD": "not-the-password"}

    # Each refusal takes the clients' bootstrap timeout (30 s): wait for them side by side.
    with (
        _worker(["vacancies", "relay"], relay_env | {"DATABASE_URL": new_database()}) as relay,
        ThreadPoolExecutor(3) as pool,
    ):
        attempts = [
            pool.submit(make_producer, broker.bootstrap, "test-wrong-password", wrong_password),
            pool.submit(make_producer, broker.bootstrap, "test-no-ca", no_ca),
            pool.submit(provision_topics, broker.bootstrap, TopicNames(prefix="refused."), security=wrong_password),
        ]
        failures = [attempt.exception(timeout=120) for attempt in attempts]
        wait_until(lambda: http_status(f"{relay}/healthz") == 200, what="the relay's endpoints")
        relay_readiness = requests.get(f"{relay}/readyz", timeout=5).json()
    control = make_producer(broker.bootstrap, "test-right-password", security)
    control.close()

    assert [type(failure) for failure in failures] == [KafkaTimeoutError] * 3
    # The broker answers, but a relay that cannot log in is not ready.
    assert relay_readiness == {"status": "unready", "problems": ["kafka unreachable"]}
    assert "CERTIFICATE_VERIFY_FAILED" in caplog.text
    assert "Invalid username or password" in broker.log.read_text()
    # Readiness applies the same certificate checks as the clients.
    assert kafka_reachable(broker.bootstrap, security)() is True
    assert kafka_reachable(broker.bootstrap, no_ca)() is False
