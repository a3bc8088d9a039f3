"""The vacancy API on a real PostgreSQL database, and its events on a real Kafka topic."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

import vacancies
from recruitment_shared.events import VACANCIES, from_message
from recruitment_shared.messaging import OutboxRelay
from recruitment_shared.messaging.clients import make_producer
from tests.support.kafka import read_topic
from tests.support.seed import vacancy_92742
from tests.support.services import migrated_app
from vacancies.app import create_app
from vacancies.db import outbox
from vacancies.db import vacancies as vacancy_table

pytestmark = pytest.mark.integration


@pytest.fixture
def app(new_database):
    with migrated_app(vacancies, create_app, new_database()) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


def _count(app, table) -> int:
    with app.extensions["engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_publishing_and_closing_vacancy_92742_puts_both_events_on_the_wire(app, client, kafka_bootstrap, topics):
    created = client.post("/vacancies", json=vacancy_92742())
    vacancy_id = created.json["id"]
    published = client.post(f"/vacancies/{vacancy_id}/publish")
    closed = client.post(f"/vacancies/{vacancy_id}/close", json={"reason": "filled"})

    producer = make_producer(kafka_bootstrap, "test")
    OutboxRelay(app.extensions["engine"], outbox, producer, topics).publish_pending()
    producer.close()
    events = [from_message(r.value) for r in read_topic(kafka_bootstrap, topics.physical(VACANCIES), at_least=2)]

    assert (created.status_code, created.json["status"], created.json["reference"]) == (201, "draft", "92742")
    assert created.headers["Location"].endswith(vacancy_id)
    assert (published.status_code, published.json["status"]) == (200, "published")
    assert (closed.status_code, closed.json["status"], closed.json["close_reason"]) == (200, "closed", "filled")
    assert [e.type for e in events] == ["VacancyPublished", "VacancyClosed"]
    assert {e.subject for e in events} == {vacancy_id}
    opened = events[0].data
    assert (opened["reference"], opened["city"], opened["workplace"]) == ("92742", "Antwerp", "hybrid")
    assert opened["consultant"]["email"] == "lisa.geudens@example.com"
    assert opened["contract_terms"]["freelance"]["daily_rate"] == 550
    assert opened["languages"] == [{"language": "nl", "level": "C2", "hard_requirement": True}]


def test_a_vacancy_without_reference_gets_the_next_free_number(client):
    first = client.post("/vacancies", json=vacancy_92742() | {"reference": "10041"})
    second = client.post("/vacancies", json={k: v for k, v in vacancy_92742().items() if k != "reference"})
    assert first.status_code == second.status_code == 201
    assert second.json["reference"] == "10042"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"workplace": "on_the_moon"}, "workplace"),
        ({"languages": [{"language": "nl", "level": "C3"}]}, "languages.0.level"),
        ({"contract_terms": {"freelance": {"daily_rate": -550}}}, "contract_terms.freelance.daily_rate"),
        ({"contract_terms": {}}, "contract_terms.freelance"),
        ({"start_date": "2027-08-01", "end_date": "2027-07-15"}, "end_date"),
        ({"experience_min_years": 7, "experience_max_years": 5}, "experience_max_years"),
        ({"title": "x" * 201}, "title"),
        ({"consultant": {"name": "Lisa Geudens", "email": "not-an-address"}}, "consultant.email"),
        ({"reference": "92-742"}, "reference"),
        ({"salary": 1}, "salary"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_is_a_422_problem_naming_the_field_and_stores_nothing(app, client, change, field):
    response = client.post("/vacancies", json=vacancy_92742() | change)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in [error["field"] for error in response.json["errors"]]
    assert _count(app, vacancy_table) == 0


def test_a_body_that_is_not_json_is_a_400_problem(client):
    response = client.post("/vacancies", data="{oops", content_type="application/json")
    assert (response.status_code, response.content_type) == (400, "application/problem+json")


def test_illegal_transitions_are_409_problems_and_emit_nothing(app, client):
    vacancy_id = client.post("/vacancies", json=vacancy_92742()).json["id"]

    close_draft = client.post(f"/vacancies/{vacancy_id}/close", json={"reason": "filled"})
    client.post(f"/vacancies/{vacancy_id}/publish")
    publish_again = client.post(f"/vacancies/{vacancy_id}/publish")

    assert close_draft.status_code == publish_again.status_code == 409
    assert "only a published one can be closed" in close_draft.json["detail"]
    assert "only a draft can be published" in publish_again.json["detail"]
    assert _count(app, outbox) == 1  # the one publication


def test_a_reference_in_use_is_a_409_problem(client):
    client.post("/vacancies", json=vacancy_92742())
    again = client.post("/vacancies", json=vacancy_92742())
    assert again.status_code == 409
    assert again.json["errors"][0]["field"] == "reference"


def test_an_unknown_vacancy_is_a_404_problem(client):
    response = client.post(f"/vacancies/{uuid.uuid4()}/publish")
    assert (response.status_code, response.content_type) == (404, "application/problem+json")


def test_the_service_serves_its_openapi_document(client):
    paths = client.get("/openapi.json").json["paths"]
    assert {"/vacancies", "/vacancies/{vacancy_id}/publish", "/vacancies/{vacancy_id}/close"} <= set(paths)


def test_the_callers_correlation_id_is_echoed_and_travels_in_the_event(app, client):
    vacancy_id = client.post("/vacancies", json=vacancy_92742()).json["id"]

    published = client.post(f"/vacancies/{vacancy_id}/publish", headers={"X-Correlation-ID": "walkthrough-92742"})
    unsafe = client.get(f"/vacancies/{vacancy_id}", headers={"X-Correlation-ID": "spaces and ; are not an id"})

    with app.extensions["engine"].connect() as conn:
        [payload] = conn.execute(select(outbox.c.payload)).scalars()
    assert published.headers["X-Correlation-ID"] == "walkthrough-92742"
    assert from_message(payload).correlation_id == "walkthrough-92742"
    assert unsafe.headers["X-Correlation-ID"] not in ("", "spaces and ; are not an id")
