"""Servers of a test's own, started with the deploy/local scripts, so a test may stop them
without disturbing the rest of the session."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.infrastructure import LOCAL, docker_available
from tests.support.network import free_port

Script = Callable[..., str]


def _own_server_only() -> None:
    if os.environ.get("TEST_POSTGRES_URL") or os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or docker_available():
        pytest.fail("this test stops and starts a server of its own with deploy/local/; it cannot use a shared one")


def _script(name: str, env: dict[str, str]) -> Script:
    def run(*args: str) -> str:
        done = subprocess.run(["bash", str(LOCAL / name), *args], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{name} {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout.strip()

    return run


@pytest.fixture
def own_postgres() -> Iterator[Script]:
    """deploy/local/postgres.sh on a cluster and port of this test's own (started, database `vacancy`)."""
    _own_server_only()
    # In user postgres's own home: it must be able to reach the data directory.
    data = Path("/var/lib/postgresql") / f"recruitment-test-{uuid.uuid4().hex[:8]}"
    postgres = _script("postgres.sh", os.environ | {"PG_PORT": str(free_port()), "RECRUITMENT_PG_DIR": str(data)})
    postgres("start")
    postgres("createdb", "vacancy")
    yield postgres
    postgres("stop")
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def own_kafka(tmp_path: Path) -> Iterator[tuple[Script, str]]:
    """deploy/local/kafka.sh on a broker, ports and data of this test's own (started), and its address."""
    _own_server_only()
    port = free_port()
    kafka = _script(
        "kafka.sh",
        os.environ
        | {"KAFKA_PORT": str(port), "KAFKA_CONTROLLER_PORT": str(free_port()), "RECRUITMENT_VAR": str(tmp_path)},
    )
    kafka("start")
    yield kafka, f"127.0.0.1:{port}"
    kafka("stop")
