"""Under gunicorn with several workers, /metrics counts the requests of all of them, whichever
worker answers the scrape."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

import vacancies
from recruitment_shared.migrations import upgrade
from tests.support.infrastructure import REPO
from tests.support.network import free_port
from tests.support.waiting import wait_until

from .test_worker_endpoints import _metric

pytestmark = pytest.mark.integration

CLIENTS, REQUESTS_EACH = 8, 25


def _ready(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def test_every_scrape_reports_the_requests_of_every_worker(new_database, tmp_path: Path):
    database_url = new_database()
    upgrade(Path(vacancies.__file__).parent / "migrations", database_url)
    metrics_dir, port = tmp_path / "metrics", free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "SERVICE": "vacancy",
        "DATABASE_URL": database_url,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "vacancies.app:create_app()"]
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_until(lambda: _ready(url), timeout=60, what="gunicorn to answer")

        def search(_client: int) -> list[int]:
            with requests.Session() as session:  # keep-alive: one worker may serve a client's requests
                return [session.get(f"{url}/vacancies", timeout=30).status_code for _ in range(REQUESTS_EACH)]

        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = [status for batch in pool.map(search, range(CLIENTS)) for status in batch]
        scrapes = [
            _metric(url, "http_requests_total", service="vacancy", route="/vacancies", method="GET", status="200")
            for _ in range(10)
        ]
        worker_files = {path.name for path in metrics_dir.glob("counter_*.db")}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    assert statuses == [200] * CLIENTS * REQUESTS_EACH
    assert len(worker_files) >= 2, "both workers served requests, so the totals must combine their counts"
    assert scrapes == [CLIENTS * REQUESTS_EACH] * 10
