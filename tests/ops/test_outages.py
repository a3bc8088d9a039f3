"""A database that cannot be reached is an outage, not a bug: while PostgreSQL is down every web
app answers 503 + Retry-After (problem+json), logs one line per request without a stack trace,
reports unready, and serves again once it is back, without a restart."""

from __future__ import annotations

import io
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import func, select

import applications
import notifications
import vacancies
from applications.app import create_app as create_application_app
from applications.db import applications as application_table
from applications.privacy_notice import CURRENT_VERSION
from applications.read_model import on_vacancy_published
from notifications.app import create_app as create_notification_app
from recruitment_shared.events import from_message, to_message
from recruitment_shared.web.outages import RETRY_AFTER_SECONDS
from tests.support.cvs import PDF
from tests.support.services import migrated_app
from tests.support.waiting import wait_until
from tests.support.wire_events import vacancy_published
from vacancies.app import create_app as create_vacancy_app

pytestmark = pytest.mark.integration

OUTAGE_LOGGER = "recruitment_shared.web.outages"
# The apps' own per-address limits would refuse this many applications from one test client.
NO_APP_LIMITS = {"RATE_LIMIT_APPLY": "100000/minute", "RATE_LIMIT_SUBSCRIBE": "100000/minute"}
MAX_APPLICATIONS = 400  # the load is bounded whatever happens


class Records(logging.Handler):
    """Every log record of the process while installed (the apps' logging replaces root handlers)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def of(self, logger: str) -> list[logging.LogRecord]:
        return [record for record in self.records if record.name == logger]

    def with_traceback(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records if r.exc_info or r.stack_info or r.exc_text]


@contextmanager
def recording_logs() -> Iterator[Records]:
    records = Records()
    logging.getLogger().addHandler(records)
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(records)


class Candidates:
    """A thread applying to one vacancy again and again (a new candidate each time), noting the answers."""

    def __init__(self, app: Flask, vacancy_id: str) -> None:
        self.client, self.vacancy_id = app.test_client(), vacancy_id
        self.answers: list[tuple[int, str, str | None, dict]] = []  # status, content type, Retry-After, body
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._apply_until_stopped)

    def count(self, status: int) -> int:
        return sum(1 for answer in list(self.answers) if answer[0] == status)

    def accepted(self) -> int:
        return sum(1 for answer in list(self.answers) if 200 <= answer[0] < 300)

    def _apply_until_stopped(self) -> None:
        while not self._stop.is_set() and len(self.answers) < MAX_APPLICATIONS:
            answer = self.client.post("/applications", data=_form(self.vacancy_id, len(self.answers)))
            self.answers.append(
                (answer.status_code, answer.content_type, answer.headers.get("Retry-After"), answer.json)
            )
            self._stop.wait(0.02)  # a steady trickle, not a flood

    def __enter__(self) -> Candidates:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def _form(vacancy_id: str, number: int) -> dict:
    return {
        "vacancy_id": vacancy_id,
        "name": "Jan Peeters",
        "email": f"candidate{number}@example.com",
        "preferred_language": "nl",
        "languages": ["nl:C2"],
        "years_of_experience": "6",
        "contract_preference": "freelance",
        "consent": "true",
        "privacy_notice_version": CURRENT_VERSION,
        "cv": (io.BytesIO(PDF), "cv.pdf"),
    }


def _stored_applications(app: Flask) -> int:
    with app.extensions["engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(application_table)).scalar_one()


def test_applying_while_postgresql_is_down_is_503_then_works_again_and_no_cv_is_orphaned(own_postgres, tmp_path):
    own_postgres("createdb", "application")
    cvs = tmp_path / "cvs"
    database = own_postgres("url", "application")
    with migrated_app(applications, create_application_app, database, CV_STORAGE_DIR=str(cvs), **NO_APP_LIMITS) as app:
        event = vacancy_published()
        with app.extensions["engine"].begin() as conn:
            on_vacancy_published(conn, from_message(to_message(event).value))
        client = app.test_client()
        with recording_logs() as logs, Candidates(app, event.subject) as candidates:
            wait_until(lambda: candidates.accepted() >= 3, what="applications to be accepted")
            own_postgres("stop")
            wait_until(lambda: candidates.count(503) >= 5, what="applications answered 503 during the outage")
            unready = client.get("/readyz")
            own_postgres("start")
            accepted_before = candidates.accepted()
            wait_until(lambda: candidates.accepted() >= accepted_before + 3, timeout=60, what="applications again")
            ready = client.get("/readyz")
        stored, files = _stored_applications(app), len(list(cvs.iterdir()))

    statuses = Counter(answer[0] for answer in candidates.answers)
    outages = [answer for answer in candidates.answers if answer[0] == 503]
    assert {status for status in statuses if status >= 300} == {503}, statuses  # never a 500
    assert {(content_type, retry_after) for _status, content_type, retry_after, _body in outages} == {
        ("application/problem+json", str(RETRY_AFTER_SECONDS))
    }
    assert all(body["status"] == 503 and "try again" in body["detail"] for *_, body in outages)
    assert (unready.status_code, ready.status_code) == (503, 200)
    assert len(logs.of(OUTAGE_LOGGER)) == statuses[503]  # one line per failed request
    assert logs.with_traceback() == []
    assert stored == candidates.accepted() == files  # each CV belongs to a stored application: none orphaned


def _search(client) -> object:
    return client.get("/vacancies?q=scrum")


_SUBSCRIBERS = iter(range(1000))  # a new address each time: no cooldown between two confirmations


def _subscribe(client) -> object:
    body = {"email": f"candidate{next(_SUBSCRIBERS)}@example.com", "language": "nl", "keywords": ["scrum"]}
    return client.post("/alerts/subscriptions", json=body)


@pytest.mark.parametrize(
    ("package", "create_app", "request_", "route"),
    [
        (vacancies, create_vacancy_app, _search, "GET /vacancies"),
        (notifications, create_notification_app, _subscribe, "POST /alerts/subscriptions"),
    ],
    ids=["vacancy", "notification"],
)
def test_the_other_web_apps_answer_503_while_postgresql_is_down_and_serve_again_after(
    own_postgres, package, create_app, request_: Callable, route: str
):
    own_postgres("createdb", package.__name__)
    with migrated_app(package, create_app, own_postgres("url", package.__name__), **NO_APP_LIMITS) as app:
        client = app.test_client()
        before = request_(client)
        own_postgres("stop")
        with recording_logs() as logs:
            down = request_(client)
        own_postgres("start")
        after = wait_until(
            lambda: answer if (answer := request_(client)).status_code < 300 else None, timeout=60, what="a good answer"
        )

    assert before.status_code < 300, before.json
    assert (down.status_code, down.content_type, down.headers["Retry-After"]) == (503, "application/problem+json", "5")
    [line] = [record.getMessage() for record in logs.of(OUTAGE_LOGGER)]
    assert line.startswith(f"database unavailable during {route}: OperationalError")
    assert logs.with_traceback() == []
    assert after.status_code < 300
