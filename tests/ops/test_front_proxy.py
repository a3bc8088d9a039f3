"""The front proxy (deploy/proxy) on its own: what nginx answers itself is problem+json, like
the services' answers. Routing to the services is driven end to end in tests/e2e."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support.infrastructure import REPO
from tests.support.network import free_port, http_status
from tests.support.platform import stop_process
from tests.support.waiting import wait_until

pytestmark = pytest.mark.integration

PROXY = REPO / "deploy" / "proxy" / "nginx.sh"


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[str]:
    """The proxy on a free port, in front of three ports where nothing listens."""
    port = free_port()
    env = os.environ | {
        "RECRUITMENT_VAR": str(tmp_path),
        "PROXY_PORT": str(port),
        **{f"{name}_PORT": str(free_port()) for name in ("VACANCY", "APPLICATION", "NOTIFICATION")},
    }
    check = subprocess.run(["bash", str(PROXY), "check"], env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, f"nginx -t refused the configuration:\n{check.stderr}"
    assert "${" not in (tmp_path / "proxy" / "routes.conf").read_text(), "a template variable was left unfilled"
    server = subprocess.Popen(["bash", str(PROXY), "run"], env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: http_status(f"{url}/healthz") == 200, timeout=30, what="the proxy to answer")
        yield url
    finally:
        stop_process(server)


def test_a_path_outside_the_apis_is_a_404_problem(proxy):
    answer = requests.get(f"{proxy}/vacancies", timeout=5)

    assert (answer.status_code, answer.headers["Content-Type"]) == (404, "application/problem+json")
    assert "/api/vacancies/" in answer.json()["detail"]


def test_a_service_that_is_down_is_a_503_problem_with_retry_after(proxy):
    answer = requests.get(f"{proxy}/api/vacancies/vacancies", timeout=10)

    assert (answer.status_code, answer.headers["Content-Type"]) == (503, "application/problem+json")
    assert answer.headers["Retry-After"] == "5"
    assert answer.json()["status"] == 503


def test_a_request_over_6_mb_is_refused_with_a_413_problem(proxy):
    answer = requests.post(
        f"{proxy}/api/applications/applications", files={"cv": ("cv.pdf", b"%PDF-" + b"0" * 7_000_000)}, timeout=30
    )

    assert (answer.status_code, answer.headers["Content-Type"]) == (413, "application/problem+json")
    assert "5 MB" in answer.json()["detail"]
