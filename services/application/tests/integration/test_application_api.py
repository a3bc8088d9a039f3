"""Applying, on a real PostgreSQL database, with the read model fed by vacancy events."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from applications.db import applications as application_table
from applications.db import outbox
from applications.handlers import on_vacancy_closed, on_vacancy_published
from recruitment_shared.events import from_message, new_event, to_message

pytestmark = pytest.mark.integration

CONSULTANT = {"name": "Lisa Geudens", "email": "lisa.geudens@example.com", "title": "HR & Talent Consultant"}


def _receive(app, handler, event_type: str, data: dict) -> None:
    """Feed a vacancy event through the wire format into the service's handler."""
    event = from_message(to_message(new_event(event_type, data["vacancy_id"], data, "vacancy")).value)
    with app.extensions["engine"].begin() as conn:
        handler(conn, event)


def _publish(app) -> uuid.UUID:
    vacancy_id = uuid.uuid4()
    data = {
        "vacancy_id": vacancy_id,
        "reference": "92742",
        "title": "IT Project Manager – Public Sector",
        "city": "Antwerp",
        "workplace": "hybrid",
        "contract_terms": {"freelance": {"daily_rate": 550, "currency": "EUR"}},
        "languages": [{"language": "nl", "level": "C2", "hard_requirement": True}],
        "experience_min_years": 5,
        "content_language": "en",
        "consultant": CONSULTANT,
        "published_at": datetime.now(UTC),
    }
    _receive(app, on_vacancy_published, "VacancyPublished", data)
    return vacancy_id


def _close(app, vacancy_id: uuid.UUID) -> None:
    data = {"vacancy_id": vacancy_id, "reference": "92742", "reason": "filled", "closed_at": datetime.now(UTC)}
    _receive(app, on_vacancy_closed, "VacancyClosed", data)


def _application(vacancy_id) -> dict:
    return {
        "vacancy_id": str(vacancy_id),
        "name": "Jan Peeters",
        "email": "jan.peeters@example.com",
        "motivation": "Hi",
    }


def _stored(app) -> tuple[int, int]:
    with app.extensions["engine"].connect() as conn:
        count = conn.execute(select(func.count()).select_from(application_table)).scalar_one()
        return count, conn.execute(select(func.count()).select_from(outbox)).scalar_one()


def test_applying_to_an_open_vacancy_stores_it_and_records_the_event_for_the_consultant(app, client):
    vacancy_id = _publish(app)

    response = client.post("/applications", json=_application(vacancy_id))

    assert response.status_code == 201
    assert client.get(response.headers["Location"]).json["name"] == "Jan Peeters"
    with app.extensions["engine"].connect() as conn:
        [payload] = conn.execute(select(outbox.c.payload)).scalars()
    event = from_message(payload)
    assert event.type == "ApplicationSubmitted"
    assert (event.data["vacancy_reference"], event.data["consultant"]["email"]) == ("92742", CONSULTANT["email"])
    assert event.data["candidate"] == {"name": "Jan Peeters", "email": "jan.peeters@example.com"}


def test_an_unknown_vacancy_is_a_422_problem_on_vacancy_id_and_stores_nothing(app, client):
    response = client.post("/applications", json=_application(uuid.uuid4()))

    assert (response.status_code, response.content_type) == (422, "application/problem+json")
    assert response.json["errors"][0]["field"] == "vacancy_id"
    assert _stored(app) == (0, 0)


def test_a_closed_vacancy_is_a_409_problem_and_stores_nothing(app, client):
    vacancy_id = _publish(app)
    _close(app, vacancy_id)

    response = client.post("/applications", json=_application(vacancy_id))

    assert (response.status_code, response.content_type) == (409, "application/problem+json")
    assert "92742 is closed" in response.json["detail"]
    assert _stored(app) == (0, 0)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"email": "jan"}, "email"), ({"name": ""}, "name"), ({"vacancy_id": "92742"}, "vacancy_id"), ({"cv": 1}, "cv")],
)
def test_bad_input_is_a_422_problem_naming_the_field(app, client, change, field):
    response = client.post("/applications", json=_application(_publish(app)) | change)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json["errors"]]
    assert _stored(app) == (0, 0)


def test_clients_can_ask_whether_a_vacancy_takes_applications(app, client):
    vacancy_id = _publish(app)
    while_open = client.get(f"/vacancies/{vacancy_id}").json
    _close(app, vacancy_id)
    after_closing = client.get(f"/vacancies/{vacancy_id}").json

    assert (while_open["reference"], while_open["accepting_applications"]) == ("92742", True)
    assert after_closing["accepting_applications"] is False
    assert client.get(f"/vacancies/{uuid.uuid4()}").status_code == 404
