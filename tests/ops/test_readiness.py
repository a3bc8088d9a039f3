"""/readyz follows the database: unready while PostgreSQL is down, ready again once it is back."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

import vacancies
from tests.support.infrastructure import LOCAL, docker_available
from tests.support.network import free_port
from tests.support.services import migrated_app
from tests.support.waiting import wait_until
from vacancies.app import create_app

pytestmark = pytest.mark.integration


@pytest.fixture
def own_postgres():
    """A PostgreSQL cluster of this test's own, so stopping it disturbs no other test."""
    if os.environ.get("TEST_POSTGRES_URL") or docker_available():
        pytest.fail("this test runs its own cluster with deploy/local/postgres.sh; it needs Debian's PostgreSQL")
    # In user postgres's own home: it must be able to reach the data directory.
    data = Path("/var/lib/postgresql") / f"recruitment-test-{uuid.uuid4().hex[:8]}"
    env = os.environ | {"PG_PORT": str(free_port()), "RECRUITMENT_PG_DIR": str(data)}

    def postgres(*args: str) -> str:
        done = subprocess.run(["bash", str(LOCAL / "postgres.sh"), *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    postgres("start")
    postgres("createdb", "vacancy")
    yield postgres
    postgres("stop")
    shutil.rmtree(data, ignore_errors=True)


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
