"""Relay and consumer processes answer /healthz, /readyz and /metrics on WORKER_PORT."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import applications
from recruitment_shared.events import VACANCIES
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import REPO
from tests.support.kafka import produce
from tests.support.metrics import scrape
from tests.support.network import free_port, http_status
from tests.support.waiting import wait_until
from tests.support.wire_events import publish, vacancy_published

pytestmark = pytest.mark.integration


def test_a_consumer_reports_readiness_events_handled_dead_lettered_and_lag(new_database, kafka_bootstrap, topics):
    database_url = new_database()
    upgrade(Path(applications.__file__).parent / "migrations", database_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "KAFKA_TOPIC_PREFIX": topics.prefix,
        "WORKER_PORT": str(port),
    }
    consumer = subprocess.Popen([sys.executable, "-m", "applications", "consume-vacancies"], cwd=REPO, env=env)
    try:
        wait_until(lambda: http_status(f"{url}/readyz") == 200, timeout=60, what="the consumer to be ready")
        for reference in ("80001", "80002", "80003"):
            publish(kafka_bootstrap, topics.physical(VACANCIES), vacancy_published(reference))
        wait_until(
            lambda: scrape(url, "consumer_events_total", consumer="application-vacancies", outcome="handled") == 3,
            what="three events counted as handled",
        )
        produce(kafka_bootstrap, topics.physical(VACANCIES), b"key", b"{not an event")
        wait_until(
            lambda: (
                scrape(url, "consumer_events_total", consumer="application-vacancies", outcome="dead-lettered") == 1
            ),
            what="the unreadable message counted as dead-lettered",
        )
        lag = [
            scrape(url, "consumer_lag_messages", consumer="application-vacancies", partition=str(p)) for p in range(3)
        ]
        healthy = http_status(f"{url}/healthz")
    finally:
        consumer.send_signal(signal.SIGTERM)
        consumer.wait(timeout=30)

    assert healthy == 200
    assert max(lag) == 0  # caught up


def test_the_kafka_readiness_check_follows_whether_a_broker_listens(kafka_bootstrap):
    from recruitment_shared.messaging.worker_http import kafka_reachable

    assert kafka_reachable(kafka_bootstrap)() is True
    assert kafka_reachable(f"127.0.0.1:{free_port()}")() is False
    assert kafka_reachable(f"127.0.0.1:{free_port()},{kafka_bootstrap}")() is True  # any one broker will do


@pytest.mark.parametrize(
    ("package", "command"),
    [("vacancies", "expire"), ("notifications", "send-emails"), ("notifications", "digests")],
)
def test_the_jobs_without_kafka_report_health_and_readiness_on_their_database(new_database, package, command):
    database_url = new_database()
    upgrade(Path(importlib.import_module(package).__file__).parent / "migrations", database_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # No broker at this address: these processes must not need one to be ready.
    no_kafka = "127.0.0.1:1"
    env = os.environ | {"DATABASE_URL": database_url, "WORKER_PORT": str(port), "KAFKA_BOOTSTRAP_SERVERS": no_kafka}
    job = subprocess.Popen([sys.executable, "-m", package, command], cwd=REPO, env=env)
    try:
        wait_until(lambda: http_status(f"{url}/readyz") == 200, timeout=60, what=f"{package} {command} to be ready")
        healthy = http_status(f"{url}/healthz")
        # docker-compose.yml's health check of these containers, run as Docker would run it.
        probe = yaml.safe_load((REPO / "docker-compose.yml").read_text())["x-worker"]["healthcheck"]["test"]
        assert probe[:2] == ["CMD", "python"]
        # The image's `python`; here, this interpreter (the probe needs only the standard library).
        probed = subprocess.run([sys.executable, *probe[2:]], env=env, capture_output=True, text=True, timeout=30)
    finally:
        job.send_signal(signal.SIGTERM)
        job.wait(timeout=30)

    assert healthy == 200
    assert probed.returncode == 0, probed.stderr
    assert job.returncode == 0  # SIGTERM is a clean stop
