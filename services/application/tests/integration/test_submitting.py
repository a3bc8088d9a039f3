"""Applying with a CV: screening, retries, duplicates, refused uploads, nothing stored on refusal."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from applications.cv_files import MAX_CV_BYTES
from tests.support.cvs import PDF, docx

from .conftest import received_answer

pytestmark = pytest.mark.integration


def test_applying_stores_the_application_screens_it_and_announces_it_without_a_token(desk):
    vacancy_id = desk.publish()

    response = desk.apply(vacancy_id, available_from=date.today().isoformat())  # in time for "as soon as possible"

    assert response.status_code == 202, response.json
    assert response.json == received_answer(vacancy_id)
    assert "Location" not in response.headers
    [event] = desk.events()
    assert (event.type, event.version) == ("ApplicationSubmitted", 2)
    assert (event.data["vacancy_reference"], event.data["consultant"]["email"]) == ("92742", "lisa.geudens@example.com")
    assert event.data["candidate"]["preferred_language"] == "nl"
    assert "candidate_token" not in event.data  # the link is signed only when its email is sent
    assert desk.client.get(desk.link(event.subject)).json["status"] == "submitted"
    assert event.data["screening"] == {
        "passed": True,
        "reasons": [],
        "notes": ["The candidate expects 600/day; the vacancy offers 550/day."],
    }


def test_a_candidate_below_the_hard_requirements_is_screened_out_with_reasons_not_discarded(desk):
    vacancy_id = desk.publish()
    response = desk.apply(vacancy_id, languages=["nl:B2"], years_of_experience="4")

    assert response.status_code == 202
    screening = desk.events()[0].data["screening"]
    assert screening["passed"] is False
    assert screening["reasons"] == [
        "Dutch at C2 is required; the candidate declares B2.",
        "At least 5 years of experience are required; the candidate has 4.",
    ]


def test_a_retry_with_the_same_idempotency_key_returns_the_first_answer_and_emits_once(desk):
    vacancy_id = desk.publish()
    key = {"Idempotency-Key": f"apply-{uuid.uuid4()}"}

    first = desk.apply(vacancy_id, headers=key)
    retry = desk.apply(vacancy_id, headers=key)

    assert first.status_code == retry.status_code == 202
    assert first.json == retry.json == received_answer(vacancy_id)
    assert (first.headers["Idempotent-Replayed"], retry.headers["Idempotent-Replayed"]) == ("false", "true")
    assert desk.stored() == (1, 1)


def test_the_same_idempotency_key_with_another_request_is_refused(desk):
    vacancy_id = desk.publish()
    key = {"Idempotency-Key": f"apply-{uuid.uuid4()}"}
    desk.apply(vacancy_id, headers=key)

    other = desk.apply(vacancy_id, headers=key, email="someone.else@example.com")

    assert (other.status_code, other.content_type) == (422, "application/problem+json")
    assert desk.stored() == (1, 1)


def test_concurrent_retries_with_one_idempotency_key_all_get_the_one_application(desk, app):
    vacancy_id = desk.publish()
    key = {"Idempotency-Key": f"apply-{uuid.uuid4()}"}

    def submit(_n: int):
        response = type(desk)(app, app.test_client()).apply(vacancy_id, headers=key)
        return response.status_code, json.dumps(response.json, sort_keys=True)

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = set(pool.map(submit, range(6)))

    assert answers == {(202, json.dumps(received_answer(vacancy_id), sort_keys=True))}
    assert desk.stored() == (1, 1)


@pytest.mark.parametrize(
    ("cv", "why"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "a PDF or a Word document"),
        (b"", "empty"),
        (PDF[:-7] + b" " * 4000, "PDF"),
        (b"%PDF-1.4\n" + b"0" * MAX_CV_BYTES + b"\n%%EOF\n", None),
    ],
    ids=["executable-named-pdf", "empty", "truncated-pdf", "oversized"],
)
def test_a_disguised_or_oversized_upload_is_refused_and_nothing_is_stored(desk, app, cv, why):
    vacancy_id = desk.publish()

    response = desk.apply(vacancy_id, cv=cv)

    assert 400 <= response.status_code < 500
    assert response.content_type == "application/problem+json"
    if why:
        assert why in response.json["detail"]
    assert desk.stored() == (0, 0)
    assert not any(app.extensions["cv_storage"].root.glob("*"))


def test_only_the_cvs_of_stored_applications_are_kept(desk, app):
    vacancy_id = desk.publish()
    key = {"Idempotency-Key": f"apply-{uuid.uuid4()}"}

    first, replay = desk.apply(vacancy_id, headers=key), desk.apply(vacancy_id, headers=key)
    duplicate = desk.apply(vacancy_id, email="JAN.PEETERS@example.com")
    unknown = desk.apply(uuid.uuid4())

    assert [r.status_code for r in (first, replay, duplicate, unknown)] == [202, 202, 202, 422]
    assert desk.stored() == (1, 2)  # the application, and the repeat announced to its owner
    assert len(list(app.extensions["cv_storage"].root.glob("*"))) == 1


def test_a_word_document_is_accepted(desk):
    assert desk.apply(desk.publish(), cv=docx()).status_code == 202


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": "false"}, "consent"),
        ({"languages": ["dutch"]}, "languages.0"),
        ({"languages": ["nl:C2", "nl:B1"]}, "languages"),
        ({"contract_preference": "interim"}, "contract_preference"),
        ({"email": "jan"}, "email"),
        ({"years_of_experience": "-1"}, "years_of_experience"),
        ({"form_vacancy_id": "92742"}, "vacancy_id"),
        ({"name": None}, "name"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_is_a_422_problem_naming_the_field_and_stores_nothing(desk, change, field):
    vacancy_id = change.pop("form_vacancy_id", None) or desk.publish()
    response = desk.apply(vacancy_id, **change)
    assert response.status_code == 422, response.json
    assert field in [error["field"] for error in response.json["errors"]]
    assert desk.stored() == (0, 0)


def test_an_unknown_or_closed_vacancy_refuses_and_stores_nothing(desk):
    unknown = desk.apply(uuid.uuid4())
    vacancy_id = desk.publish()
    desk.close(vacancy_id)
    closed = desk.apply(vacancy_id)

    assert unknown.status_code == 422 and unknown.json["errors"][0]["field"] == "vacancy_id"
    assert closed.status_code == 409 and "92742 is closed" in closed.json["detail"]
    assert desk.stored() == (0, 0)


def test_clients_can_ask_whether_a_vacancy_takes_applications(desk, client):
    vacancy_id = desk.publish()
    while_open = client.get(f"/vacancies/{vacancy_id}").json
    desk.close(vacancy_id)
    after_closing = client.get(f"/vacancies/{vacancy_id}").json

    assert (while_open["reference"], while_open["accepting_applications"]) == ("92742", True)
    assert after_closing["accepting_applications"] is False
    assert client.get(f"/vacancies/{uuid.uuid4()}").status_code == 404


def test_a_retry_after_the_vacancy_closed_still_returns_the_first_answer(desk):
    vacancy_id = desk.publish()
    key = {"Idempotency-Key": f"apply-{uuid.uuid4()}"}
    first = desk.apply(vacancy_id, headers=key)
    desk.close(vacancy_id, "expired")  # its application stays in the pipeline: only new ones are refused

    retry = desk.apply(vacancy_id, headers=key)

    assert (retry.status_code, retry.json, retry.headers["Idempotent-Replayed"]) == (202, first.json, "true")
    assert desk.stored() == (1, 1)
