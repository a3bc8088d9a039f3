"""Applying with an address that already applied to the vacancy: the answer is the one anybody
gets, nothing of the new submission is kept, and only the address's owner hears of it."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import received_answer

pytestmark = pytest.mark.integration


def test_applying_with_an_address_that_already_applied_answers_as_a_first_application_and_tells_its_owner(desk):
    vacancy_id = desk.publish()
    first = desk.apply(vacancy_id)

    # Someone else, in Jan's name: another name, language and motivation, Jan's address.
    second = desk.apply(vacancy_id, email="JAN.PEETERS@example.com", name="Mallory", preferred_language="fr")

    assert (second.status_code, second.json) == (first.status_code, first.json) == (202, received_answer(vacancy_id))
    assert second.headers["Idempotent-Replayed"] == first.headers["Idempotent-Replayed"] == "false"
    assert "Location" not in second.headers
    assert desk.stored() == (1, 2)  # nothing of the second submission is kept...
    [existing] = desk.submitted()
    repeated = desk.events()[1]
    assert (repeated.type, repeated.subject) == ("ApplicationRepeated", existing)
    assert repeated.data == {  # ...but Jan hears of it, in his language, at his address as he gave it
        "application_id": uuid.UUID(existing),
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "candidate": {"email": "jan.peeters@example.com", "preferred_language": "nl"},
    }


def test_a_duplicate_retried_with_its_idempotency_key_tells_the_owner_once(desk):
    vacancy_id = desk.publish()
    desk.apply(vacancy_id)
    key = {"Idempotency-Key": f"apply-{uuid.uuid4()}"}

    answers = [desk.apply(vacancy_id, headers=key, name="Mallory") for _ in range(3)]

    assert [(a.status_code, a.json) for a in answers] == [(202, received_answer(vacancy_id))] * 3
    assert [a.headers["Idempotent-Replayed"] for a in answers] == ["false", "true", "true"]
    assert [e.type for e in desk.events()] == ["ApplicationSubmitted", "ApplicationRepeated"]


def test_a_closed_vacancy_refuses_an_address_that_applied_as_it_refuses_any_other(desk):
    vacancy_id = desk.publish()
    desk.apply(vacancy_id)
    desk.close(vacancy_id, "expired")  # its application stays in the pipeline: only new ones are refused

    applied_before = desk.apply(vacancy_id)
    never_applied = desk.apply(vacancy_id, email="an.claes@example.com")

    assert (applied_before.status_code, applied_before.json) == (409, never_applied.json)
    assert desk.stored() == (1, 1)


def test_concurrent_duplicate_submissions_store_exactly_one(desk, app):
    vacancy_id = desk.publish()

    def submit(_n: int) -> tuple[int, str]:
        response = type(desk)(app, app.test_client()).apply(vacancy_id)
        return response.status_code, json.dumps(response.json, sort_keys=True)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = set(pool.map(submit, range(8)))

    assert answers == {(202, json.dumps(received_answer(vacancy_id), sort_keys=True))}
    assert desk.stored() == (1, 8)
    assert sorted(e.type for e in desk.events()) == ["ApplicationRepeated"] * 7 + ["ApplicationSubmitted"]
