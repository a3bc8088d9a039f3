"""The web client against the REAL services: each app on a fresh, migrated PostgreSQL database (the
vacancy service with the demo vacancies), served over HTTP on a loopback port by a werkzeug server thread."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from flask import Flask
from werkzeug.serving import make_server

import applications
import notifications
import vacancies
from applications.app import create_app as create_application_app
from applications.read_model import on_vacancy_published
from notifications.app import create_app as create_notification_app
from recruitment_shared.events import from_message, to_message
from tests.support.databases import fresh_database
from tests.support.identity import provider_settings
from tests.support.services import migrated_app
from tests.support.wire_events import vacancy_published
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
def vacancy_service(postgres_admin, identity_provider) -> Iterator[Callable[[], None]]:
    """The vacancy service with the demo catalogue, trusting the session's OpenID Connect provider;
    `.url` is where it answers."""
    with (
        fresh_database(postgres_admin, prefix="test_web") as url,
        migrated_app(vacancies, create_vacancy_app, url, **provider_settings(identity_provider)) as app,
    ):
        load_demo_vacancies(app.extensions["engine"])
        with served(app) as stop:
            stop.app = app  # type: ignore[attr-defined]
            yield stop


@pytest.fixture
def web(vacancy_service, identity_provider):
    """A test client of the web client, configured to call the vacancy service above and to sign
    consultants in with the session's provider."""
    settings = {"VACANCY_API_URL": vacancy_service.url, "API_RETRIES": "0", "TESTING": True}
    app = create_app(settings | provider_settings(identity_provider))
    return app.test_client()


@pytest.fixture
def stopped_vacancy_url(vacancy_service) -> str:
    """Where a vacancy service answered until it was stopped a moment ago."""
    with served(vacancy_service.app) as stop:
        url = stop.url
        assert create_app({"VACANCY_API_URL": url}).test_client().get("/en/vacancies").status_code == 200
    return url


@pytest.fixture(scope="module")
def application_service(
    postgres_admin, vacancy_service, tmp_path_factory, identity_provider
) -> Iterator[Callable[[], None]]:
    """The application service, knowing the demo vacancy 92742 as its events would have told it."""
    cvs = str(tmp_path_factory.mktemp("cvs"))
    trusting = provider_settings(identity_provider)
    with (
        fresh_database(postgres_admin, prefix="test_web") as url,
        migrated_app(applications, create_application_app, url, CV_STORAGE_DIR=cvs, **trusting) as app,
    ):
        shown = vacancy_service.app.test_client().get("/vacancies/by-reference/92742").get_json()
        vacancy_id = uuid.UUID(shown["id"])
        # The event as the vacancy service emits it for its 92742 (its id is the subject).
        event = replace(vacancy_published(vacancy_id=vacancy_id, title=shown["title"]), subject=str(vacancy_id))
        with app.extensions["engine"].begin() as conn:
            on_vacancy_published(conn, from_message(to_message(event).value))
        with served(app) as stop:
            stop.app = app  # type: ignore[attr-defined]
            yield stop


@pytest.fixture
def site(vacancy_service, application_service):
    """A test client of the web client calling the real vacancy and application services."""
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "APPLICATION_API_URL": application_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config).test_client()


@pytest.fixture(scope="module")
def notification_service(postgres_admin, identity_provider) -> Iterator[Callable[[], None]]:
    """The notification service, whose job-alert API the alert pages call and whose delivery log the
    consultants' pages read (trusting the session's provider); `.url` is where it answers.
    Its per-address limits raised: every request of a test module comes from this one address."""
    limits = {"RATE_LIMIT_SUBSCRIBE": "1000/minute", "RATE_LIMIT_LINKS": "1000/minute"}
    trusting = provider_settings(identity_provider)
    with (
        fresh_database(postgres_admin, prefix="test_web") as url,
        migrated_app(notifications, create_notification_app, url, **limits, **trusting) as app,
        served(app) as stop,
    ):
        stop.app = app  # type: ignore[attr-defined]
        yield stop


@pytest.fixture
def alerts_site(vacancy_service, notification_service):
    """A test client of the web client calling the real vacancy and notification services."""
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "NOTIFICATION_API_URL": notification_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config).test_client()
