"""Fixtures for every test in the repository: real infrastructure, isolated per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.engine import make_url

from recruitment_shared.messaging import TopicNames, provision_topics
from tests.support.identity import running_identity_provider
from tests.support.infrastructure import kafka_bootstrap_servers, postgres_admin_url
from tests.support.network import free_port
from tests.support.smtp import Collector

# Secrets fail closed outside explicit development mode (recruitment_shared.secrets). The suite is
# a development run: set before anything reads it, so every process an e2e or ops test spawns from
# os.environ inherits it. Tests of the strict modes pass their own environ.
os.environ.setdefault("RECRUITMENT_ENV", "development")


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """One real Kafka broker for the whole session."""
    with kafka_bootstrap_servers() as bootstrap:
        yield bootstrap


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    """One real PostgreSQL server for the whole session."""
    with postgres_admin_url() as url:
        yield url


@pytest.fixture(scope="session")
def identity_provider() -> Iterator[str]:
    """One real OpenID Connect provider for the whole session (deploy/local/oidc-provider.sh); its issuer."""
    with running_identity_provider() as issuer:
        yield issuer


@pytest.fixture
def new_database(postgres_admin: str) -> Iterator[Callable[[], str]]:
    """Factory of fresh, empty PostgreSQL databases, dropped after the test."""
    admin = make_url(postgres_admin)
    created: list[str] = []

    def _admin_sql(sql: str) -> None:
        dsn = admin.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql)

    def create() -> str:
        name = f"test_{uuid.uuid4().hex[:12]}"
        _admin_sql(f'CREATE DATABASE "{name}"')
        created.append(name)
        return admin.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)

    yield create
    for name in created:
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def topics(kafka_bootstrap: str) -> TopicNames:
    """The event topics and DLQs under a prefix of this test's own."""
    names = TopicNames(prefix=f"test-{uuid.uuid4().hex[:10]}.")
    provision_topics(kafka_bootstrap, names)
    return names


@pytest.fixture
def smtp_server() -> Iterator[Controller]:
    """A real SMTP server on loopback; received messages are in `.handler.messages`."""
    controller = Controller(Collector(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()
