"""A web app as it runs in production: gunicorn with deploy/gunicorn.conf.py and several workers.

/metrics counts the requests of all workers, whichever answers the scrape; every line gunicorn
and the app write is JSON, and no query string (which may carry a candidate's address) reaches
them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

import vacancies
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import REPO
from tests.support.metrics import scrape
from tests.support.network import free_port, http_status
from tests.support.waiting import wait_until

pytestmark = pytest.mark.integration

CLIENTS, REQUESTS_EACH = 8, 25


@dataclass(frozen=True)
class Server:
    url: str
    metrics_dir: Path
    log: Path


@pytest.fixture
def gunicorn(new_database, tmp_path: Path) -> Iterator[Server]:
    """The vacancy web app under gunicorn with two workers; its output in a file."""
    database_url = new_database()
    upgrade(Path(vacancies.__file__).parent / "migrations", database_url)
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", tmp_path / "metrics", tmp_path / "gunicorn.log")
    env = os.environ | {
        "SERVICE": "vacancy",
        "DATABASE_URL": database_url,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(server.metrics_dir),
        "LOG_FORMAT": "json",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "vacancies.app:create_app()"]
    with server.log.open("wb") as output:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: http_status(f"{server.url}/healthz") == 200, timeout=60, what="gunicorn to answer")
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def test_every_scrape_reports_the_requests_of_every_worker(gunicorn):
    def search(_client: int) -> list[int]:
        with requests.Session() as session:  # keep-alive: one worker may serve a client's requests
            return [session.get(f"{gunicorn.url}/vacancies", timeout=30).status_code for _ in range(REQUESTS_EACH)]

    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = [status for batch in pool.map(search, range(CLIENTS)) for status in batch]
    route = {"service": "vacancy", "route": "/vacancies", "method": "GET", "status": "200"}
    scrapes = [scrape(gunicorn.url, "http_requests_total", **route) for _ in range(10)]
    worker_files = {path.name for path in gunicorn.metrics_dir.glob("counter_*.db")}

    assert statuses == [200] * CLIENTS * REQUESTS_EACH
    assert len(worker_files) >= 2, "both workers served requests, so the totals must combine their counts"
    assert scrapes == [CLIENTS * REQUESTS_EACH] * 10


def test_every_log_line_is_json_and_a_request_is_logged_with_its_correlation_id(gunicorn):
    answer = requests.get(
        f"{gunicorn.url}/vacancies",
        params={"q": "jan.peeters@example.com"},
        headers={"X-Correlation-ID": "ops-test-42"},
        timeout=10,
    )
    assert answer.status_code == 200
    wait_until(lambda: "ops-test-42" in gunicorn.log.read_text(), what="the request's log line")

    lines = [json.loads(line) for line in gunicorn.log.read_text().splitlines()]  # fails on any other line
    [access] = [line for line in lines if line["correlation_id"] == "ops-test-42"]
    assert (access["service"], access["logger"]) == ("vacancy", "access")
    assert access["message"].startswith("GET /vacancies 200 ")
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
    assert "jan.peeters" not in gunicorn.log.read_text()
