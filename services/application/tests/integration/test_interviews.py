"""Consultants schedule, reschedule and cancel interviews and record what came of them: the
application moves to `interview` if it was earlier, each change is announced with the invitation's
UID (the interview's id) and a rising SEQUENCE, and only the vacancy's consultant or an admin acts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .interview_desk import ADMIN, DAY, LISA, TOM, as_if_held, plan, schedule

pytestmark = pytest.mark.integration
BRUSSELS, LONDON = ZoneInfo("Europe/Brussels"), ZoneInfo("Europe/London")


def _interview_events(desk) -> list:
    return [event for event in desk.events() if event.type.startswith("Interview")]


def test_scheduling_moves_an_earlier_application_to_interview_and_announces_the_invitation(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted

    answer = schedule(client, application_id)
    second = schedule(
        client, application_id, starts_at=f"{DAY.isoformat()}T16:30", video_link="https://meet.example.com/x"
    )

    shown = answer.json
    starts = datetime.fromisoformat(shown["starts_at"])
    assert answer.status_code == 201 and second.status_code == 201
    assert answer.headers["Location"].endswith(f"/consultant/interviews/{shown['id']}")
    assert (starts.hour, starts.minute, starts.utcoffset()) == (14, 0, BRUSSELS.utcoffset(starts.replace(tzinfo=None)))
    assert (shown["time_zone"], shown["sequence"], shown["state"], shown["started"]) == (
        "Europe/Brussels",
        0,
        "scheduled",
        False,
    )
    assert datetime.fromisoformat(shown["ends_at"]) - starts == timedelta(hours=1)
    application = client.get(f"/consultant/applications/{application_id}", headers=LISA).json
    assert application["status"] == "interview"
    assert [(h["from_status"], h["to_status"]) for h in application["history"]][-1] == ("submitted", "interview")
    moved = [e for e in desk.events() if e.type == "ApplicationStatusChanged"]
    assert [(e.data["to_status"], str(e.data["interview_id"])) for e in moved] == [("interview", shown["id"])]  # once
    first = _interview_events(desk)[0]
    assert (first.type, first.subject, str(first.data["interview_id"])) == (
        "InterviewScheduled",
        application_id,
        shown["id"],
    )
    assert first.data["starts_at"] == starts
    assert (first.data["time_zone"], first.data["sequence"], first.data["location"]) == (
        "Europe/Brussels",
        0,
        "Meir 24, 2000 Antwerpen",
    )
    assert first.data["interviewers"] == ["Lisa Geudens", "Koen Maes (client)"]
    assert first.data["candidate"]["preferred_language"] == "nl"


def test_an_application_at_offer_keeps_its_status_and_a_final_one_gets_no_interview(client, desk, submitted):
    vacancy_id, application_id, _token = submitted
    for status in ("screening", "interview", "offer"):
        client.post(f"/consultant/applications/{application_id}/status", json={"status": status}, headers=LISA)
    desk.apply(vacancy_id, email="an.claes@example.com")
    rejected = desk.submitted()[-1]
    client.post(
        f"/consultant/applications/{rejected}/status",
        json={"status": "rejected", "rejection_reason": "requirements_not_met"},
        headers=LISA,
    )

    at_offer = schedule(client, application_id)
    refused = schedule(client, rejected)

    assert at_offer.status_code == 201
    assert client.get(f"/consultant/applications/{application_id}", headers=LISA).json["status"] == "offer"
    assert refused.status_code == 409 and "rejected" in refused.json["detail"]
    assert client.get(f"/consultant/applications/{rejected}/interviews", headers=LISA).json == []


def test_rescheduling_needs_the_current_version_and_raises_the_sequence(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted
    interview = schedule(client, application_id).json
    url = f"/consultant/interviews/{interview['id']}"
    version = client.get(url, headers=LISA).headers["ETag"]
    later = plan(
        starts_at=f"{DAY.isoformat()}T10:00", time_zone="Europe/Paris", video_link="https://teams.example.com/j"
    )

    without = client.put(url, json=later, headers=LISA)
    moved = client.put(url, json=later, headers=LISA | {"If-Match": version})
    stale = client.put(url, json=plan(), headers=LISA | {"If-Match": version})
    again = client.put(url, json=later, headers=LISA | {"If-Match": moved.headers["ETag"]})

    assert (without.status_code, moved.status_code, stale.status_code, again.status_code) == (428, 200, 412, 200)
    assert (moved.json["sequence"], moved.json["time_zone"], again.json["sequence"]) == (1, "Europe/Paris", 1)
    assert datetime.fromisoformat(moved.json["starts_at"]).hour == 10
    [scheduled, rescheduled] = _interview_events(desk)  # the same plan again announced nothing
    assert (rescheduled.type, str(rescheduled.data["interview_id"]), rescheduled.data["sequence"]) == (
        "InterviewRescheduled",
        interview["id"],
        1,
    )
    assert rescheduled.data["previous_starts_at"] == scheduled.data["starts_at"]
    assert rescheduled.data["video_link"] == "https://teams.example.com/j"


def test_cancelling_withdraws_the_invitation_with_a_higher_sequence_and_closes_the_interview(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted
    interview = schedule(client, application_id).json
    url = f"/consultant/interviews/{interview['id']}"

    cancelled = client.post(f"{url}/cancel", headers=LISA)
    twice = client.post(f"{url}/cancel", headers=LISA)
    current = client.get(url, headers=LISA).headers["ETag"]
    moved = client.put(url, json=plan(duration_minutes=90), headers=LISA | {"If-Match": current})

    assert (cancelled.status_code, cancelled.json["state"], cancelled.json["sequence"]) == (200, "cancelled", 1)
    assert twice.status_code == 409
    assert moved.status_code == 409 and "cancelled" in moved.json["detail"]
    assert [(e.type, e.data["sequence"]) for e in _interview_events(desk)] == [
        ("InterviewScheduled", 0),
        ("InterviewCancelled", 1),
    ]
    assert client.get(f"/consultant/applications/{application_id}", headers=LISA).json["status"] == "interview"


def test_only_an_interview_that_has_started_gets_an_outcome_and_it_can_no_longer_be_cancelled(app, client, submitted):
    _vacancy_id, application_id, _token = submitted
    interview = schedule(client, application_id).json
    url = f"/consultant/interviews/{interview['id']}"

    too_early = client.post(f"{url}/outcome", json={"outcome": "positive"}, headers=LISA)
    as_if_held(app, interview["id"])
    unknown = client.post(f"{url}/outcome", json={"outcome": "brilliant"}, headers=LISA)
    recorded = client.post(f"{url}/outcome", json={"outcome": "no_show"}, headers=LISA)
    corrected = client.post(f"{url}/outcome", json={"outcome": "negative"}, headers=LISA)
    late_cancel = client.post(f"{url}/cancel", headers=LISA)

    assert too_early.status_code == 409 and "not started" in too_early.json["detail"]
    assert unknown.status_code == 422 and unknown.json["errors"][0]["field"] == "outcome"
    assert (recorded.status_code, recorded.json["outcome"], recorded.json["started"]) == (200, "no_show", True)
    assert (corrected.json["outcome"], corrected.json["state"], corrected.json["outcome_by"]) == (
        "negative",
        "concluded",
        "lisa.geudens@example.com",
    )
    assert late_cancel.status_code == 409


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": "2020-01-06T14:00"}, "starts_at"),
        ({"starts_at": "2027-03-28T02:30"}, "starts_at"),  # Brussels skips 02:00-03:00 that night
        ({"starts_at": "2090-01-01T10:00"}, "starts_at"),
        ({"starts_at": "next Tuesday"}, "starts_at"),
        ({"time_zone": "Europe/Antwerp"}, "time_zone"),
        ({"location": None}, "location"),
        ({"location": " ", "video_link": "http://meet.example.com/x"}, "video_link"),
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"interviewers": ["x" * 201]}, "interviewers.0"),
    ],
)
def test_a_bad_plan_is_a_422_naming_the_field_and_schedules_nothing(client, desk, submitted, changes, field):
    _vacancy_id, application_id, _token = submitted

    answer = schedule(client, application_id, **changes)

    assert answer.status_code == 422, answer.json
    assert [error["field"] for error in answer.json["errors"]] == [field]
    assert _interview_events(desk) == []


def test_a_retry_with_the_same_idempotency_key_invites_once(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted
    url, key = f"/consultant/applications/{application_id}/interviews", {"Idempotency-Key": "interview-jan-first"}

    first = client.post(url, json=plan(), headers=LISA | key)
    retry = client.post(url, json=plan(), headers=LISA | key)
    other = client.post(url, json=plan(duration_minutes=90), headers=LISA | key)

    assert (first.json["id"], retry.headers["Idempotent-Replayed"]) == (retry.json["id"], "true")
    assert other.status_code == 422 and other.json["errors"][0]["field"] == "Idempotency-Key"
    assert len(_interview_events(desk)) == 1


def test_only_the_vacancys_consultant_or_an_admin_acts_on_its_interviews(client, submitted):
    _vacancy_id, application_id, _token = submitted
    interview = schedule(client, application_id).json
    url = f"/consultant/interviews/{interview['id']}"
    reads = [url, f"/consultant/applications/{application_id}/interviews"]

    for path in reads:
        assert client.get(path).status_code == 401
        assert client.get(path, headers=TOM).status_code == 403
        assert client.get(path, headers=ADMIN).status_code == 200
    assert schedule(client, application_id, headers=TOM).status_code == 403
    assert client.post(f"{url}/cancel", headers=TOM).status_code == 403
    assert client.post(f"{url}/outcome", json={"outcome": "positive"}, headers=TOM).status_code == 403
    assert client.put(url, json=plan(), headers=TOM | {"If-Match": '"x"'}).status_code == 403
    assert client.get(f"/consultant/interviews/{interview['application_id']}", headers=LISA).status_code == 404


def test_the_interviews_to_come_are_listed_per_consultant_soonest_first(app, client, desk, submitted):
    vacancy_id, application_id, _token = submitted
    desk.apply(vacancy_id, email="an.claes@example.com", name="An Claes")
    an = desk.submitted()[-1]
    later = schedule(client, application_id, starts_at=f"{DAY.isoformat()}T16:00").json
    sooner = schedule(client, an, starts_at=f"{DAY.isoformat()}T09:00").json
    held = schedule(client, an).json
    as_if_held(app, held["id"])
    dropped = schedule(client, application_id).json
    client.post(f"/consultant/interviews/{dropped['id']}/cancel", headers=LISA)

    mine = client.get("/consultant/interviews", headers=LISA).json
    to_conclude = client.get("/consultant/interviews?period=to_conclude", headers=LISA).json
    toms = client.get("/consultant/interviews", headers=TOM).json
    for_lisa = client.get("/consultant/interviews?consultant=lisa.geudens@example.com", headers=ADMIN).json

    assert [(i["id"], i["candidate_name"]) for i in mine["items"]] == [
        (sooner["id"], "An Claes"),
        (later["id"], "Jan Peeters"),
    ]
    assert (mine["total"], mine["items"][0]["vacancy_reference"], mine["items"][0]["application_status"]) == (
        2,
        "92742",
        "interview",
    )
    assert [i["id"] for i in to_conclude["items"]] == [held["id"]]
    assert toms["total"] == 0
    assert for_lisa["total"] == 2
    assert client.get("/consultant/interviews?consultant=lisa.geudens@example.com", headers=TOM).status_code == 403
    assert client.get("/consultant/interviews?period=someday", headers=LISA).status_code == 422


def test_rejecting_or_withdrawing_calls_off_the_interviews_still_to_come(app, client, desk, submitted):
    vacancy_id, application_id, _token = submitted
    coming = schedule(client, application_id).json
    held = schedule(client, application_id, starts_at=f"{DAY.isoformat()}T09:00").json
    as_if_held(app, held["id"])
    desk.apply(vacancy_id, email="an.claes@example.com")
    an = desk.submitted()[-1]
    hers = schedule(client, an).json

    client.post(
        f"/consultant/applications/{application_id}/status",
        json={"status": "rejected", "rejection_reason": "requirements_not_met"},
        headers=LISA,
    )
    client.post(f"{desk.link(an)}/withdraw", json={})

    states = {
        i["id"]: i["state"]
        for i in client.get(f"/consultant/applications/{application_id}/interviews", headers=LISA).json
    }
    assert states == {coming["id"]: "cancelled", held["id"]: "scheduled"}  # one that took place is history
    assert client.get(f"/consultant/interviews/{hers['id']}", headers=LISA).json["state"] == "cancelled"
    cancelled = [
        (str(e.data["interview_id"]), e.data["cancelled_by"])
        for e in _interview_events(desk)
        if e.type == "InterviewCancelled"
    ]
    assert cancelled == [(coming["id"], "lisa.geudens@example.com"), (hers["id"], "candidate")]


def test_times_come_back_in_the_interviews_own_zone(client, submitted):
    _vacancy_id, application_id, _token = submitted
    with_offset = (datetime.now(UTC) + timedelta(days=3)).replace(hour=8, minute=0, second=0, microsecond=0)

    shown = schedule(client, application_id, starts_at=with_offset.isoformat(), time_zone="Europe/London").json

    assert datetime.fromisoformat(shown["starts_at"]) == with_offset  # the same moment
    assert datetime.fromisoformat(shown["starts_at"]).utcoffset() == with_offset.astimezone(LONDON).utcoffset()
