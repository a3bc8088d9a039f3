"""The application app on a fresh, migrated PostgreSQL database, with a vacancy it knows of."""

from __future__ import annotations

import io
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import MetaData, func, select

import applications
from applications.app import create_app
from applications.db import applications as application_table
from applications.db import outbox
from applications.privacy_notice import CURRENT_VERSION
from applications.read_model import on_vacancy_closed, on_vacancy_published
from applications.schemas import RECEIVED
from applications.tokens import SALT
from recruitment_shared.events import Event, from_message, new_event, to_message
from tests.support.cvs import PDF
from tests.support.services import migrated_app
from tests.support.wire_events import vacancy_published


@pytest.fixture
def app(new_database, tmp_path):
    with migrated_app(applications, create_app, new_database(), CV_STORAGE_DIR=str(tmp_path / "cvs")) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


class Desk:
    """The application service as vacancy events and candidates reach it."""

    def __init__(self, app, client) -> None:
        self.app, self.client = app, client

    def receive(self, handler, event: Event) -> None:
        """Handle `event` as the consumer does, once it crossed the wire."""
        with self.app.extensions["engine"].begin() as conn:
            handler(conn, from_message(to_message(event).value))

    def publish(self, **changes) -> uuid.UUID:
        event = vacancy_published(**changes)
        self.receive(on_vacancy_published, event)
        return uuid.UUID(event.subject)  # the vacancy's id

    def close(self, vacancy_id: uuid.UUID, reason: str = "filled") -> None:
        data = {"vacancy_id": vacancy_id, "reference": "92742", "reason": reason, "closed_at": datetime.now(UTC)}
        self.receive(on_vacancy_closed, new_event("VacancyClosed", vacancy_id, data, "vacancy"))

    def apply(self, vacancy_id, cv: bytes = PDF, headers: dict | None = None, **changes):
        form = application_form(vacancy_id) | changes
        form = {key: value for key, value in form.items() if value is not None}
        form["cv"] = (io.BytesIO(cv), "cv.pdf")
        return self.client.post("/applications", data=form, headers=headers or {}, content_type="multipart/form-data")

    def stored(self) -> tuple[int, int]:
        """(applications, events in the outbox)."""
        with self.app.extensions["engine"].connect() as conn:
            count = conn.execute(select(func.count()).select_from(application_table)).scalar_one()
            return count, conn.execute(select(func.count()).select_from(outbox)).scalar_one()

    def events(self) -> list[Event]:
        with self.app.extensions["engine"].connect() as conn:
            payloads = conn.execute(select(outbox.c.payload).order_by(outbox.c.id)).scalars().all()
        return [from_message(payload) for payload in payloads]

    def submitted(self) -> list[str]:
        """The ids of the applications stored so far, oldest first (the answers show none)."""
        return [event.subject for event in self.events() if event.type == "ApplicationSubmitted"]

    def link(self, application_id: str, age: timedelta = timedelta(0)) -> str:
        """The path of the candidate's link, signed `age` ago as the notification service signs it."""
        return f"/candidate/applications/{candidate_token(self.app, application_id, age)}"


def candidate_token(app, application_id: str, age: timedelta = timedelta(0)) -> str:
    """A candidate token for `application_id`, signed `age` ago with the app's candidate-link key."""

    class SignedEarlier(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age.total_seconds())

    key = app.extensions["candidate_links"].key
    return URLSafeTimedSerializer(key, salt=SALT, signer=SignedEarlier).dumps(str(application_id))


@pytest.fixture
def desk(app, client) -> Desk:
    return Desk(app, client)


@pytest.fixture
def submitted(desk) -> tuple:
    """A published vacancy, one application to it, and the candidate's link: (vacancy, application, token)."""
    vacancy_id = desk.publish()
    desk.apply(vacancy_id)
    [application_id] = desk.submitted()
    return vacancy_id, application_id, candidate_token(desk.app, application_id)


def received_answer(vacancy_id) -> dict:
    """The one answer every accepted submission gets: nothing about any application, no token."""
    return {"status": "received", "vacancy_id": str(vacancy_id), "detail": RECEIVED}


def application_form(vacancy_id) -> dict:
    return {
        "vacancy_id": str(vacancy_id),
        "name": "Jan Peeters",
        "email": "jan.peeters@example.com",
        "phone": "+32 470 12 34 56",
        "preferred_language": "nl",
        "languages": ["nl:C2", "en:C1"],
        "years_of_experience": "6",
        "contract_preference": "freelance",
        "expected_daily_rate": "600",
        "available_from": "2027-01-01",
        "motivation": "Ten years of PRINCE2 projects for Flemish cities.",
        "consent": "true",
        "privacy_notice_version": CURRENT_VERSION,
    }


def everything_stored(app) -> str:
    """Every row of every table of the service's database (reflected: tables the code forgot too),
    and the names of the files in its CV folder, as one text to search for personal data."""
    engine = app.extensions["engine"]
    tables = MetaData()
    tables.reflect(engine)
    rows = []
    with engine.connect() as conn:
        for table in tables.sorted_tables:
            for row in conn.execute(select(table)):
                rows.append(repr([v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in row]))
    files = sorted(path.name for path in app.extensions["cv_storage"].root.glob("*"))
    return "\n".join(rows + files)


def cv_files(app) -> list[bytes]:
    """The contents of every CV the service keeps."""
    return [path.read_bytes() for path in sorted(app.extensions["cv_storage"].root.glob("*"))]
