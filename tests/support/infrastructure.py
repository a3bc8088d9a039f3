"""Real Kafka and PostgreSQL for the test session.

Order of preference: servers named by environment variables, then testcontainers when a
Docker engine answers, then the project's own scripts under deploy/local/. A test never
skips for want of them: if none works, the session fails and says what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCAL = REPO / "deploy" / "local"


class InfrastructureMissing(RuntimeError):
    """The tests need a server that could not be had."""


def docker_available() -> bool:
    """Whether a Docker engine answers (not just whether the CLI is installed)."""
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0


def _run_local(script: str, *args: str) -> str:
    result = subprocess.run(["bash", str(LOCAL / script), *args], capture_output=True, text=True, timeout=900, cwd=REPO)
    if result.returncode != 0:
        raise InfrastructureMissing(
            f"deploy/local/{script} {' '.join(args)} failed (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout.strip()


@contextmanager
def kafka_bootstrap_servers() -> Iterator[str]:
    """A reachable Kafka broker's bootstrap address for the whole session."""
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield os.environ["KAFKA_BOOTSTRAP_SERVERS"]
    elif docker_available():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer("apache/kafka:4.1.1").with_kraft() as kafka:
            yield kafka.get_bootstrap_server()
    else:
        _run_local("kafka.sh", "start")
        yield f"127.0.0.1:{os.environ.get('KAFKA_PORT', '9092')}"


@contextmanager
def postgres_admin_url() -> Iterator[str]:
    """A SQLAlchemy URL with the right to create databases, for the whole session."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
    elif docker_available():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine", driver="psycopg") as postgres:
            yield postgres.get_connection_url()
    else:
        _run_local("postgres.sh", "start")
        yield _run_local("postgres.sh", "url", "postgres")
