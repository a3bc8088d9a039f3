"""A candidate's link opens their own application and no other, for its lifetime, and closes a
grace period after the application became final; access logs never show it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import update

from applications.db import application_history
from applications.tokens import INVALID, SALT
from tests.support.auth import TEST_SECRET, bearer

pytestmark = pytest.mark.integration

LISA = bearer()


def _move(client, application_id: str, status: str):
    why = {"rejection_reason": "requirements_not_met"} if status == "rejected" else {}
    body = {"status": status} | why
    return client.post(f"/consultant/applications/{application_id}/status", json=body, headers=LISA)


def test_a_candidate_token_opens_one_application_and_no_other(client, desk, submitted):
    vacancy_id, application_id, token = submitted
    desk.apply(vacancy_id, email="an.claes@example.com")
    other = desk.submitted()[1]

    assert client.get(desk.link(other)).json["id"] == other
    assert client.get(f"/candidate/applications/{token}").json["id"] == application_id
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    signed_with_the_api_secret = URLSafeTimedSerializer(TEST_SECRET, salt=SALT).dumps(application_id)
    for bad in (forged, application_id, "nonsense", signed_with_the_api_secret):
        response = client.get(f"/candidate/applications/{bad}")
        assert (response.status_code, response.content_type) == (404, "application/problem+json")
        assert response.json["detail"] == INVALID
    assert client.post(f"/candidate/applications/{forged}/withdraw", json={}).status_code == 404
    assert client.get(f"/applications/{application_id}").status_code in (404, 405)


def test_a_link_older_than_its_lifetime_opens_nothing(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted

    recent = desk.link(application_id, age=timedelta(days=179))
    expired = desk.link(application_id, age=timedelta(days=181))  # the lifetime is 180 days

    assert client.get(recent).status_code == 200
    assert (client.get(expired).status_code, client.get(expired).json["detail"]) == (404, INVALID)
    assert client.post(f"{expired}/withdraw", json={}).status_code == 404
    assert client.get(f"/consultant/applications/{application_id}", headers=LISA).json["status"] == "submitted"


@pytest.mark.parametrize(
    "steps",
    [["rejected"], ["screening", "interview", "offer", "hired"], ["withdrawn"]],
    ids=["rejected", "hired", "withdrawn"],
)
def test_a_link_closes_a_grace_period_after_its_application_became_final(app, client, desk, submitted, steps):
    _vacancy_id, application_id, token = submitted
    link = f"/candidate/applications/{token}"
    for status in steps:
        if status == "withdrawn":
            assert client.post(f"{link}/withdraw", json={}).status_code == 200
        else:
            assert _move(client, application_id, status).status_code == 200
    within_grace = client.get(link)
    _date_final_change(app, application_id, days_ago=31)  # the grace period (30 days) has passed

    closed, withdraw = client.get(link), client.post(f"{link}/withdraw", json={})

    assert (within_grace.status_code, within_grace.json["status"]) == (200, steps[-1])
    assert (closed.status_code, closed.content_type) == (404, "application/problem+json")
    assert closed.json["detail"] == INVALID  # as for any invalid link: nothing says it was ever valid
    assert withdraw.status_code == 404
    assert client.get(f"/consultant/applications/{application_id}", headers=LISA).status_code == 200


def test_an_open_application_keeps_its_link_however_long_it_takes(app, client, submitted):
    _vacancy_id, application_id, token = submitted
    assert _move(client, application_id, "screening").status_code == 200
    _date_final_change(app, application_id, days_ago=400, statuses=("submitted", "screening"))

    assert client.get(f"/candidate/applications/{token}").json["status"] == "screening"


def _date_final_change(app, application_id: str, days_ago: int, statuses=("hired", "rejected", "withdrawn")) -> None:
    """Move the history entries into `statuses` `days_ago` into the past, as if that much time went by."""
    entries = application_history.c
    with app.extensions["engine"].begin() as conn:
        conn.execute(
            update(application_history)
            .where(entries.application_id == uuid.UUID(application_id), entries.to_status.in_(statuses))
            .values(at=datetime.now(UTC) - timedelta(days=days_ago))
        )


def test_the_access_log_masks_the_token_of_every_candidate_link(client, submitted, caplog):
    _vacancy_id, _application_id, token = submitted
    caplog.set_level("INFO", logger="access")

    client.get(f"/candidate/applications/{token}")
    client.post(f"/candidate/applications/{token}/withdraw", json={})
    client.get(f"/candidate/applications/{token}x")  # an invalid one is masked too

    lines = [record.getMessage().rsplit(" ", 1)[0] for record in caplog.records if record.name == "access"]
    assert lines == [  # method, path and status; the duration cut off
        "GET /candidate/applications/*** 200",
        "POST /candidate/applications/***/withdraw 200",
        "GET /candidate/applications/*** 404",
    ]
    assert not [record for record in caplog.records if token in record.getMessage()]
