"""Rejections that say why: a reason from the configured list, required to reject and carried to the
candidate's email (which the consultant may choose not to send); closing a vacancy as filled or
cancelled rejects what is still open in its pipeline, once, however often VacancyClosed arrives."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

import applications
from applications.app import create_app
from applications.db import inbox
from applications.read_model import CONSUMER, VACANCY_EVENT_HANDLERS, on_vacancy_closed
from recruitment_shared.config import ConfigurationError
from recruitment_shared.events import VACANCIES, new_event
from tests.support.auth import TEST_SECRET, bearer
from tests.support.consumers import running_consumer
from tests.support.services import migrated_app
from tests.support.waiting import wait_until
from tests.support.wire_events import publish, vacancy_published

pytestmark = pytest.mark.integration

LISA = bearer()
REASONS = ["requirements_not_met", "another_candidate_chosen", "candidate_not_available", "no_show", "vacancy_closed"]


def _move(client, application_id: str, **body):
    return client.post(f"/consultant/applications/{application_id}/status", json=body, headers=LISA)


def _status(client, application_id: str) -> str:
    return client.get(f"/consultant/applications/{application_id}", headers=LISA).json["status"]


def _changes(desk) -> list[dict]:
    return [event.data for event in desk.events() if event.type == "ApplicationStatusChanged"]


def test_a_rejection_without_a_reason_from_the_list_is_refused_naming_the_field(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted

    answers = [
        _move(client, application_id, status="rejected", reason="Dutch is not strong enough"),
        _move(client, application_id, status="rejected", rejection_reason="too_expensive"),
        _move(client, application_id, status="screening", rejection_reason="no_show"),
        _move(client, application_id, status="screening", notify_candidate=False),
    ]

    assert [answer.status_code for answer in answers] == [422] * 4
    assert [answer.json["errors"][0]["field"] for answer in answers] == [
        "rejection_reason",
        "rejection_reason",
        "rejection_reason",
        "notify_candidate",
    ]
    assert "another_candidate_chosen" in answers[0].json["errors"][0]["message"]  # it says what to choose
    assert _status(client, application_id) == "submitted"
    assert _changes(desk) == []


def test_the_rejection_reason_and_the_choice_not_to_email_travel_with_the_event_the_note_stays_apart(
    client, desk, submitted
):
    _vacancy_id, application_id, _token = submitted
    note = "Strong profile; the client preferred someone who knows their ERP."

    rejected = _move(
        client,
        application_id,
        status="rejected",
        reason=note,
        rejection_reason="another_candidate_chosen",
        notify_candidate=False,
    )

    [change] = _changes(desk)
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"
    assert (change["to_status"], change["rejection_reason"], change["notify_candidate"]) == (
        "rejected",
        "another_candidate_chosen",
        False,
    )
    assert change["reason"] == note  # the staff's note, which no candidate email shows
    assert rejected.json["history"][-1]["reason"] == note


def test_other_moves_tell_the_candidate_and_name_no_rejection_reason(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted

    _move(client, application_id, status="screening")

    [change] = _changes(desk)
    assert (change["rejection_reason"], change["notify_candidate"]) == (None, True)


def test_consultants_read_the_configured_reasons_in_order(new_database, tmp_path):
    configured = "another_candidate_chosen, requirements_not_met"
    with migrated_app(
        applications, create_app, new_database(), CV_STORAGE_DIR=str(tmp_path), REJECTION_REASONS=configured
    ) as app:
        client = app.test_client()
        listed = client.get("/consultant/rejection-reasons", headers=LISA)
        anonymous = client.get("/consultant/rejection-reasons")

    assert listed.status_code == 200
    assert listed.json == {"reasons": ["another_candidate_chosen", "requirements_not_met"]}
    assert anonymous.status_code == 401


def test_the_default_reasons_are_the_five_known_ones(client):
    assert client.get("/consultant/rejection-reasons", headers=LISA).json == {"reasons": REASONS}


@pytest.mark.parametrize("configured", ["no_show, too_expensive", "no_show,no_show"])
def test_a_reason_without_email_wording_stops_the_service_at_start(tmp_path, configured):
    with pytest.raises(ConfigurationError, match="REJECTION_REASONS"):
        database = f"sqlite:///{tmp_path / 'a.sqlite3'}"
        create_app({"DATABASE_URL": database, "JWT_SECRET": TEST_SECRET, "REJECTION_REASONS": configured})


def _pipeline(client, desk, vacancy_id) -> dict[str, str]:
    """Five applications to the vacancy: one new, one in screening, one invited, one hired, one withdrawn."""
    names = ["new", "screening", "interview", "hired", "withdrawn"]
    for name in names:
        assert desk.apply(vacancy_id, email=f"{name}@example.com").status_code == 202
    ids = dict(zip(names, desk.submitted(), strict=True))
    for name, steps in {
        "screening": ["screening"],
        "interview": ["screening", "interview"],
        "hired": ["screening", "interview", "offer", "hired"],
    }.items():
        for step in steps:
            assert _move(client, ids[name], status=step).status_code == 200
    assert client.post(f"{desk.link(ids['withdrawn'])}/withdraw", json={}).status_code == 200
    return ids


def _closed(vacancy_id: uuid.UUID, reason: str):
    data = {"vacancy_id": vacancy_id, "reference": "92742", "reason": reason, "closed_at": datetime.now(UTC)}
    return new_event("VacancyClosed", vacancy_id, data, "vacancy")


def test_closing_as_filled_rejects_the_open_applications_once_even_when_the_event_comes_twice(client, desk):
    vacancy_id = desk.publish()
    ids = _pipeline(client, desk, vacancy_id)
    before = len(desk.events())
    closed = _closed(vacancy_id, "filled")

    desk.receive(on_vacancy_closed, closed)
    desk.receive(on_vacancy_closed, closed)  # delivered again: the pipeline is already empty

    announced = desk.events()[before:]
    assert {name: _status(client, id_) for name, id_ in ids.items()} == {
        "new": "rejected",
        "screening": "rejected",
        "interview": "rejected",
        "hired": "hired",
        "withdrawn": "withdrawn",
    }
    assert sorted(event.subject for event in announced) == sorted(
        ids[name] for name in ("new", "screening", "interview")
    )
    assert {(e.type, e.data["rejection_reason"], e.data["notify_candidate"]) for e in announced} == {
        ("ApplicationStatusChanged", "vacancy_closed", True)
    }
    history = client.get(f"/consultant/applications/{ids['interview']}", headers=LISA).json["history"]
    assert (history[-1]["from_status"], history[-1]["actor"]) == ("interview", "system")


@pytest.mark.parametrize("reason", ["cancelled", "expired"])
def test_a_cancelled_vacancy_ends_its_pipeline_an_expired_one_keeps_it(client, desk, submitted, reason):
    vacancy_id, application_id, _token = submitted

    desk.receive(on_vacancy_closed, _closed(vacancy_id, reason))

    assert _status(client, application_id) == ("rejected" if reason == "cancelled" else "submitted")
    assert len(_changes(desk)) == (1 if reason == "cancelled" else 0)


def test_vacancy_closed_delivered_twice_over_kafka_rejects_each_open_application_once(
    app, desk, kafka_bootstrap, topics
):
    engine, topic = app.extensions["engine"], topics.physical(VACANCIES)
    published = vacancy_published()
    vacancy_id = uuid.UUID(published.subject)
    desk.receive(VACANCY_EVENT_HANDLERS["VacancyPublished"], published)
    for email in ("jan.peeters@example.com", "els.claes@example.com"):
        assert desk.apply(vacancy_id, email=email).status_code == 202
    closed = _closed(vacancy_id, "filled")
    after = _closed(vacancy_id, "filled")  # closed again (a new event): proof that both copies were read
    for event in (closed, closed, after):
        publish(kafka_bootstrap, topic, event)

    def handled() -> bool:
        with engine.connect() as conn:
            return conn.execute(select(inbox.c.event_id).where(inbox.c.event_id == after.id)).first() is not None

    with running_consumer(engine, kafka_bootstrap, topic, CONSUMER, inbox, VACANCY_EVENT_HANDLERS):
        wait_until(handled, what="the three VacancyClosed messages to be consumed")

    changes = _changes(desk)
    assert sorted(change["candidate"]["email"] for change in changes) == [
        "els.claes@example.com",
        "jan.peeters@example.com",
    ]
    assert {change["rejection_reason"] for change in changes} == {"vacancy_closed"}
