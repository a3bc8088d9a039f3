"""The web client against a REAL vacancy service: its app on a fresh, migrated PostgreSQL database
with the demo vacancies, served over HTTP on a loopback port by a werkzeug server thread."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import pytest
from flask import Flask
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

import vacancies
from tests.support.services import migrated_app
from vacancies.app import create_app as create_vacancy_app
from vacancies.demo import load_demo_vacancies
from webclient.app import create_app


@contextmanager
def served(app: Flask) -> Iterator[Callable[[], None]]:
    """Serve `app` on 127.0.0.1 until the block ends; yields stop(), whose `.url` is where it answers."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stopped = threading.Event()

    def stop() -> None:
        if not stopped.is_set():
            stopped.set()
            server.shutdown()
            server.server_close()

    stop.url = f"http://127.0.0.1:{server.server_port}"  # type: ignore[attr-defined]
    try:
        yield stop
    finally:
        stop()


@pytest.fixture(scope="module")
def vacancy_service(postgres_admin) -> Iterator[Callable[[], None]]:
    """The vacancy service with the demo catalogue; `.url` is where it answers."""
    with module_database(postgres_admin) as url, migrated_app(vacancies, create_vacancy_app, url) as app:
        load_demo_vacancies(app.extensions["engine"])
        with served(app) as stop:
            stop.app = app  # type: ignore[attr-defined]
            yield stop


@contextmanager
def module_database(postgres_admin: str) -> Iterator[str]:
    """A fresh PostgreSQL database for a test module (loading the demo once), dropped afterwards."""
    admin = make_url(postgres_admin)
    dsn = admin.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    name = f"test_web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def web(vacancy_service):
    """A test client of the web client, configured to call the vacancy service above."""
    app = create_app({"VACANCY_API_URL": vacancy_service.url, "API_RETRIES": "0", "TESTING": True})
    return app.test_client()


@pytest.fixture
def stopped_vacancy_url(vacancy_service) -> str:
    """Where a vacancy service answered until it was stopped a moment ago."""
    with served(vacancy_service.app) as stop:
        url = stop.url
        assert create_app({"VACANCY_API_URL": url}).test_client().get("/en/vacancies").status_code == 200
    return url
