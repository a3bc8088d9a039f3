"""Every lifecycle transition through the consultant API, and its event on the wire."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from recruitment_shared.events import VACANCIES, from_message
from recruitment_shared.messaging import OutboxRelay
from recruitment_shared.messaging.clients import make_producer
from tests.support.auth import bearer
from tests.support.kafka import read_topic
from tests.support.seed import vacancy_92742
from vacancies.db import outbox

pytestmark = pytest.mark.integration


def test_create_publish_edit_close_puts_each_event_on_the_wire(app, client, lisa, kafka_bootstrap, topics):
    created = lisa.create()
    vacancy_id = created.json["id"]
    published = lisa.publish(vacancy_id)
    current = lisa.read(vacancy_id)
    edited = client.put(
        f"/consultant/vacancies/{vacancy_id}",
        json=_editable(current.json) | {"title": "Senior IT Project Manager – Public Sector"},
        headers={**lisa_headers(), "If-Match": current.headers["ETag"]},
    )
    closed = lisa.close(vacancy_id, "filled")

    producer = make_producer(kafka_bootstrap, "test")
    OutboxRelay(app.extensions["engine"], outbox, producer, topics).publish_pending()
    producer.close()
    events = [from_message(r.value) for r in read_topic(kafka_bootstrap, topics.physical(VACANCIES), at_least=3)]

    assert (created.status_code, created.json["status"], created.json["reference"]) == (201, "draft", "92742")
    assert created.headers["Location"].endswith(vacancy_id)
    assert (published.status_code, published.json["status"]) == (200, "published")
    assert (edited.status_code, edited.json["title"]) == (200, "Senior IT Project Manager – Public Sector")
    assert (closed.status_code, closed.json["status"], closed.json["close_reason"]) == (200, "closed", "filled")
    assert [e.type for e in events] == ["VacancyPublished", "VacancyUpdated", "VacancyClosed"]
    assert {e.subject for e in events} == {vacancy_id}
    opened, updated = events[0].data, events[1].data
    assert (opened["reference"], opened["city"], opened["workplace"], opened["role_type"]) == (
        "92742",
        "Antwerp",
        "hybrid",
        "software",
    )
    assert opened["consultant"]["email"] == "lisa.geudens@example.com"
    assert opened["contract_terms"]["freelance"]["daily_rate"] == 550
    assert opened["languages"] == [{"language": "nl", "level": "C2", "hard_requirement": True}]
    assert updated["title"] == "Senior IT Project Manager – Public Sector" and updated["reference"] == "92742"
    assert events[2].data["reason"] == "filled"


def test_editing_a_draft_announces_nothing(client, lisa):
    vacancy_id = lisa.created_id()
    current = lisa.read(vacancy_id)
    client.put(
        f"/consultant/vacancies/{vacancy_id}",
        json=_editable(current.json) | {"city": "Mechelen"},
        headers={**lisa_headers(), "If-Match": current.headers["ETag"]},
    )
    assert lisa.read(vacancy_id).json["city"] == "Mechelen"
    assert lisa.events() == []


def test_cancelling_a_draft_closes_it_without_an_event(lisa):
    vacancy_id = lisa.created_id()
    response = lisa.close(vacancy_id, "cancelled")
    assert (response.status_code, response.json["close_reason"]) == (200, "cancelled")
    assert lisa.events() == []


@pytest.mark.parametrize("reason", ["filled", "expired"])
def test_a_draft_can_only_be_cancelled(lisa, reason):
    response = lisa.close(lisa.created_id(), reason)
    assert (response.status_code, response.content_type) == (409, "application/problem+json")
    assert "only be cancelled" in response.json["detail"]


def test_illegal_transitions_are_409_problems_with_an_explanation_and_emit_nothing(lisa):
    vacancy_id = lisa.published_id()
    publish_again = lisa.publish(vacancy_id)
    lisa.close(vacancy_id, "filled")
    close_again = lisa.close(vacancy_id, "cancelled")
    reopen = lisa.publish(vacancy_id)

    assert publish_again.status_code == close_again.status_code == reopen.status_code == 409
    assert "only a draft can be published" in publish_again.json["detail"]
    assert "already closed" in close_again.json["detail"]
    assert [e.type for e in lisa.events()] == ["VacancyPublished", "VacancyClosed"]


def test_a_closed_vacancy_cannot_be_edited(client, lisa):
    vacancy_id = lisa.published_id()
    lisa.close(vacancy_id)
    current = lisa.read(vacancy_id)
    response = client.put(
        f"/consultant/vacancies/{vacancy_id}",
        json=_editable(current.json),
        headers={**lisa_headers(), "If-Match": current.headers["ETag"]},
    )
    assert response.status_code == 409
    assert "cannot be edited" in response.json["detail"]


def test_publishing_checks_that_candidates_get_what_they_need(lisa):
    vacancy_id = lisa.created_id(introduction="", requirements=[])
    response = lisa.publish(vacancy_id)
    assert response.status_code == 409
    assert response.json["detail"].endswith("cannot be published without: introduction, requirements")
    assert lisa.read(vacancy_id).json["status"] == "draft"


def test_a_vacancy_whose_closing_date_passed_cannot_be_published(lisa):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = lisa.publish(lisa.created_id(closes_on=yesterday, end_date=None))
    assert response.status_code == 409


def test_transitions_of_an_unknown_vacancy_are_404_problems(lisa):
    response = lisa.publish(str(uuid.uuid4()))
    assert (response.status_code, response.content_type) == (404, "application/problem+json")


def test_a_vacancy_without_reference_gets_the_next_free_number(client, lisa):
    lisa.create(reference="10041")
    without = {key: value for key, value in vacancy_92742().items() if key != "reference"}
    second = client.post("/consultant/vacancies", json=without, headers=bearer())
    assert second.status_code == 201
    assert second.json["reference"] == "10042"


def test_a_reference_in_use_is_a_409_problem(lisa):
    lisa.create()
    again = lisa.create()
    assert again.status_code == 409
    assert again.json["errors"][0]["field"] == "reference"


def _editable(vacancy: dict) -> dict:
    """The editable part of a vacancy as the consultant API shows it."""
    read_only = ("id", "reference", "status", "version", "published_at", "closed_at", "close_reason")
    return {key: value for key, value in vacancy.items() if key not in read_only}


def lisa_headers() -> dict:
    return bearer()


def test_concurrent_creates_without_reference_all_succeed_with_distinct_numbers(app):
    seed = {key: value for key, value in vacancy_92742().items() if key != "reference"}

    def create(_n: int):
        return app.test_client().post("/consultant/vacancies", json=seed, headers=bearer())

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(create, range(16)))

    assert [r.status_code for r in responses] == [201] * 16, [r.json for r in responses if r.status_code != 201]
    assert sorted(int(r.json["reference"]) for r in responses) == list(range(10001, 10017))
