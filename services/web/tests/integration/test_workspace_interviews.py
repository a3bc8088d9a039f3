"""Interviews, scorecards and staff notes on the consultant's application page, and the list of
interviews to come, against the REAL vacancy and application services and the REAL OpenID Connect
provider: Lisa schedules, moves and cancels an interview for an application to her vacancy 92742,
records its outcome and her scorecard once it has started, and keeps notes only she may change;
Pieter, another consultant, is refused."""

from __future__ import annotations

import html
import re
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from sqlalchemy import select, update

from applications.db import applications as application_table
from applications.db import interviews as interview_table
from tests.support.candidates import apply
from tests.support.identity import provider_bearer, provider_settings, sign_in
from webclient.app import create_app

pytestmark = pytest.mark.integration

LISA, PIETER, ADMIN = "lisa.geudens@example.com", "pieter.vandenbroeck@example.com", "admin@example.com"
DAY = (date.today() + timedelta(days=30)).isoformat()
SCORECARD = {
    "methodology_score": "4",
    "methodology_comment": "PRINCE2 applied in two city programmes.",
    "stakeholder_management_score": "3",
    "communication_score": "3",
    "technical_domain_score": "2",
    "recommendation": "strong_yes",
    "summary": "Present to the client.",
}


@pytest.fixture(scope="module")
def vacancy_id(vacancy_service, application_service) -> str:
    return vacancy_service.app.test_client().get("/vacancies/by-reference/92742").get_json()["id"]


@pytest.fixture
def workspace(vacancy_service, application_service, identity_provider):
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "APPLICATION_API_URL": application_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config | provider_settings(identity_provider)).test_client()


@pytest.fixture
def application_id(application_service, vacancy_id) -> str:
    """A new application to Lisa's vacancy 92742 (in screening's place: just submitted)."""
    email = f"candidate.{uuid.uuid4().hex[:8]}@example.com"
    answer = apply(application_service.url, vacancy_id, email=email, name="Jan Peeters", languages=["nl:C2"])
    assert answer.status_code == 202, answer.text
    with application_service.app.extensions["engine"].connect() as conn:
        query = select(application_table.c.id).where(application_table.c.candidate_email == email)
        return str(conn.execute(query).scalar_one())


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def api(application_service, identity_provider, method: str, path: str, who: str = LISA, **kwargs):
    headers = provider_bearer(identity_provider, who)
    return requests.request(method, f"{application_service.url}{path}", headers=headers, timeout=10, **kwargs)


def interviews_in_api(application_service, identity_provider, application_id: str) -> list[dict]:
    path = f"/consultant/applications/{application_id}/interviews"
    return api(application_service, identity_provider, "GET", path).json()


def form(**values) -> dict:
    return {"day": DAY, "time": "14:00", "duration": "60", "time_zone": "Europe/Brussels"} | values


def held(application_service, interview_id: str) -> None:
    """Move the interview's start two hours into the past, as if the clock had moved on."""
    start = datetime.now(UTC) - timedelta(hours=2)
    with application_service.app.extensions["engine"].begin() as conn:
        where = interview_table.c.id == uuid.UUID(interview_id)
        conn.execute(update(interview_table).where(where).values(starts_at=start, ends_at=start + timedelta(hours=1)))


def test_lisa_schedules_an_interview_and_the_application_moves_to_interview(
    workspace, application_service, identity_provider, application_id
):
    sign_in(workspace, LISA)
    page = workspace.get(f"/en/consultant/applications/{application_id}")
    new = workspace.get(f"/en/consultant/applications/{application_id}/interviews/new")
    values = {
        "csrf_token": csrf(new.get_data(as_text=True)),
        "request_key": hidden(new.get_data(as_text=True), "request_key"),
    }
    body = values | form(location="Meir 24, 2000 Antwerpen", interviewers="Lisa Geudens\nKoen Maes (client)")

    sent = workspace.post(f"/en/consultant/applications/{application_id}/interviews/new", data=body)
    again = workspace.post(f"/en/consultant/applications/{application_id}/interviews/new", data=body)  # a second press
    shown = text_of(workspace.get(sent.headers["Location"]))

    assert 'id="schedule"' in page.get_data(as_text=True) and "No interview yet." in page.get_data(as_text=True)
    assert (sent.status_code, again.status_code) == (303, 303)
    assert sent.headers["Location"].endswith(f"/en/consultant/applications/{application_id}")
    assert re.search(
        r"Interview scheduled for \w{3} \d+ \w{3} \d{4}, 14:00–15:00\. The candidate and you are sent", shown
    )
    assert 'data-standing="upcoming">Scheduled<' in shown and "Meir 24, 2000 Antwerpen" in shown
    assert "Lisa Geudens, Koen Maes (client)" in shown
    assert 'data-status="interview"' in shown  # it was just submitted: scheduling moved it
    [interview] = interviews_in_api(application_service, identity_provider, application_id)  # the second press: none
    assert (interview["time_zone"], datetime.fromisoformat(interview["starts_at"]).hour) == ("Europe/Brussels", 14)


def test_a_plan_the_api_refuses_is_shown_beside_its_field_in_the_pages_language(
    workspace, application_service, identity_provider, application_id
):
    sign_in(workspace, LISA)
    url = f"/nl/consultant/applications/{application_id}/interviews/new"
    token = csrf(workspace.get(url).get_data(as_text=True))

    without_time = workspace.post(url, data={"csrf_token": token} | form(time="", location="Meir 24"))
    nowhere = workspace.post(url, data={"csrf_token": token} | form())
    past = workspace.post(
        url, data={"csrf_token": token} | form(day="2020-01-06", video_link="https://meet.example.com/a")
    )

    assert without_time.status_code == nowhere.status_code == past.status_code == 422
    assert re.search(r'id="time-error">Geef het beginuur', text_of(without_time))
    assert re.search(r'id="location-error">Geef het adres van het gesprek of de videolink', text_of(nowhere))
    assert re.search(r'id="day-error">Kies een moment dat nog moet komen', text_of(past))
    assert 'value="https://meet.example.com/a"' in past.get_data(as_text=True)  # what was typed stays
    assert interviews_in_api(application_service, identity_provider, application_id) == []


def test_lisa_moves_the_interview_and_a_stale_form_shows_it_as_it_is_now(
    workspace, application_service, identity_provider, application_id
):
    path = f"/consultant/applications/{application_id}/interviews"
    api(application_service, identity_provider, "POST", path, json={"starts_at": f"{DAY}T14:00", "location": "Meir 24"})
    [interview] = interviews_in_api(application_service, identity_provider, application_id)
    sign_in(workspace, LISA)
    url = f"/en/consultant/interviews/{interview['id']}/reschedule"
    opened = workspace.get(url).get_data(as_text=True)
    token, version = csrf(opened), hidden(opened, "version")

    moved = workspace.post(url, data={"csrf_token": token, "version": version} | form(time="09:30", location="Meir 24"))
    stale = workspace.post(url, data={"csrf_token": token, "version": version} | form(time="11:00", location="Meir 24"))

    assert 'value="14:00"' in opened and 'value="Meir 24"' in opened  # the form opens with the interview as it is
    assert moved.status_code == 303
    assert "Interview moved to" in text_of(workspace.get(moved.headers["Location"]))
    assert stale.status_code == 409 and "changed meanwhile" in text_of(stale) and 'value="09:30"' in text_of(stale)
    [now] = interviews_in_api(application_service, identity_provider, application_id)
    assert (datetime.fromisoformat(now["starts_at"]).strftime("%H:%M"), now["sequence"]) == ("09:30", 1)


def test_lisa_cancels_the_interview_after_confirming(workspace, application_service, identity_provider, application_id):
    path = f"/consultant/applications/{application_id}/interviews"
    api(application_service, identity_provider, "POST", path, json={"starts_at": f"{DAY}T14:00", "location": "Meir 24"})
    [interview] = interviews_in_api(application_service, identity_provider, application_id)
    sign_in(workspace, LISA)
    url = f"/en/consultant/interviews/{interview['id']}/cancel"

    asked = workspace.get(url)
    cancelled = workspace.post(url, data={"csrf_token": csrf(asked.get_data(as_text=True))})
    shown = text_of(workspace.get(cancelled.headers["Location"]))

    assert asked.status_code == 200 and "Cancel the interview?" in text_of(asked)
    assert "Interview cancelled. The candidate and you are sent the cancellation." in shown
    assert 'data-standing="cancelled">Cancelled<' in shown
    assert f"/consultant/interviews/{interview['id']}/reschedule" not in shown  # nothing left to change
    assert interviews_in_api(application_service, identity_provider, application_id)[0]["state"] == "cancelled"


def test_once_started_lisa_records_the_outcome_and_fills_in_her_scorecard(
    workspace, application_service, identity_provider, application_id
):
    path = f"/consultant/applications/{application_id}/interviews"
    api(application_service, identity_provider, "POST", path, json={"starts_at": f"{DAY}T14:00", "location": "Meir 24"})
    [interview] = interviews_in_api(application_service, identity_provider, application_id)
    held(application_service, interview["id"])
    sign_in(workspace, LISA)
    page = workspace.get(f"/nl/consultant/applications/{application_id}").get_data(as_text=True)
    outcome = workspace.post(
        f"/nl/consultant/interviews/{interview['id']}/outcome", data={"csrf_token": csrf(page), "outcome": "positive"}
    )
    card_url = f"/nl/consultant/interviews/{interview['id']}/scorecard"
    token = csrf(workspace.get(card_url).get_data(as_text=True))

    incomplete = workspace.post(card_url, data={"csrf_token": token} | SCORECARD | {"communication_score": "5"})
    saved = workspace.post(card_url, data={"csrf_token": token} | SCORECARD)
    shown = text_of(workspace.get(saved.headers["Location"]))

    assert 'data-standing="to_conclude">Uitkomst te noteren<' in page
    assert outcome.status_code == 303
    assert incomplete.status_code == 422
    assert re.search(
        r'id="communication_score-error">Geef een score van 1 \(zwak\) tot 4 \(uitstekend\)', text_of(incomplete)
    )
    assert 'value="4" checked' in incomplete.get_data(as_text=True)  # the other answers stay
    assert 'data-standing="outcome-positive">Positief<' in shown
    assert "Je scorekaart is bewaard." in shown
    assert "Zeker wel" in shown and "Methodologie 4/4 · Stakeholders 3/4 · Communicatie 3/4 · Domein 2/4" in shown
    assert "PRINCE2 applied in two city programmes." in shown  # her comment, for her colleagues
    assert "Mijn scorekaart aanpassen" in shown
    [card] = interviews_in_api(application_service, identity_provider, application_id)[0]["scorecards"]
    assert (card["recommendation"], card["ratings"]["technical_domain"]["score"]) == ("strong_yes", 2)


def test_notes_are_kept_with_their_author_and_only_they_change_them(
    workspace, application_service, identity_provider, application_id
):
    notes = f"/consultant/applications/{application_id}/notes"
    theirs = api(
        application_service, identity_provider, "POST", notes, who=ADMIN, json={"text": "Client asked for him."}
    )
    sign_in(workspace, LISA)
    page = workspace.get(f"/en/consultant/applications/{application_id}").get_data(as_text=True)

    empty = workspace.post(f"/en{notes}", data={"csrf_token": csrf(page), "text": "  "})
    added = workspace.post(f"/en{notes}", data={"csrf_token": csrf(page), "text": "Strong on PRINCE2."})
    shown = text_of(workspace.get(added.headers["Location"]))
    [mine] = [
        note
        for note in api(application_service, identity_provider, "GET", notes).json()
        if note["author_email"] == LISA
    ]
    edit = workspace.get(f"/en{notes}/{mine['id']}/edit").get_data(as_text=True)
    changed = workspace.post(
        f"/en{notes}/{mine['id']}/edit",
        data={"csrf_token": csrf(edit), "version": hidden(edit, "version"), "text": "Strong on PRINCE2 and ITIL."},
    )
    admins_form = workspace.get(f"/en{notes}/{theirs.json()['id']}/edit").get_data(as_text=True)
    not_hers = workspace.post(
        f"/en{notes}/{theirs.json()['id']}/edit",
        data={"csrf_token": csrf(admins_form), "version": hidden(admins_form, "version"), "text": "Mine now"},
    )

    assert empty.status_code == 422 and "Write something in the note." in text_of(empty)
    assert added.status_code == 303 and "Note added." in shown
    assert "Strong on PRINCE2." in shown and "Client asked for him." in shown
    assert shown.count(f"/notes/{mine['id']}/edit") == 1 and f"/notes/{theirs.json()['id']}/edit" not in shown
    assert changed.status_code == 303
    assert not_hers.status_code == 403 and "Only its author may change a note." in text_of(not_hers)
    texts = {note["text"] for note in api(application_service, identity_provider, "GET", notes).json()}
    assert texts == {"Strong on PRINCE2 and ITIL.", "Client asked for him."}


def test_the_interviews_page_lists_what_is_to_come_and_what_waits_for_an_outcome(
    workspace, application_service, identity_provider, application_id
):
    path = f"/consultant/applications/{application_id}/interviews"
    coming = api(
        application_service, identity_provider, "POST", path, json={"starts_at": f"{DAY}T16:00", "location": "Meir 24"}
    )
    done = api(
        application_service, identity_provider, "POST", path, json={"starts_at": f"{DAY}T09:00", "location": "Meir 24"}
    )
    held(application_service, done.json()["id"])
    sign_in(workspace, LISA)

    upcoming = workspace.get("/en/consultant/interviews")
    to_conclude = workspace.get("/en/consultant/interviews?period=to_conclude")
    sign_in(workspace, PIETER)
    pieters = text_of(workspace.get("/en/consultant/interviews"))

    assert re.search(r'aria-current="page">Interviews<', upcoming.get_data(as_text=True))  # in the workspace menu
    assert f'data-interview="{coming.json()["id"]}"' in upcoming.get_data(as_text=True)
    assert f'data-interview="{done.json()["id"]}"' not in upcoming.get_data(as_text=True)
    assert f'data-interview="{done.json()["id"]}"' in to_conclude.get_data(as_text=True)
    assert "IT Project Manager" in text_of(upcoming) and "ref. 92742" in text_of(upcoming)
    assert f'data-interview="{coming.json()["id"]}"' not in pieters and "No interview to come." in pieters


def test_pieter_gets_the_no_access_page_and_changes_nothing(
    workspace, application_service, identity_provider, application_id
):
    path = f"/consultant/applications/{application_id}/interviews"
    interview = api(
        application_service, identity_provider, "POST", path, json={"starts_at": f"{DAY}T14:00", "location": "Meir 24"}
    ).json()
    sign_in(workspace, PIETER)
    token = csrf(workspace.get("/en/consultant/interviews").get_data(as_text=True))

    answers = [
        workspace.get(f"/en/consultant/applications/{application_id}/interviews/new"),
        workspace.post(
            f"/en/consultant/applications/{application_id}/interviews/new",
            data={"csrf_token": token} | form(location="x"),
        ),
        workspace.get(f"/en/consultant/interviews/{interview['id']}/reschedule"),
        workspace.post(f"/en/consultant/interviews/{interview['id']}/cancel", data={"csrf_token": token}),
        workspace.post(f"/en/consultant/applications/{application_id}/notes", data={"csrf_token": token, "text": "hi"}),
    ]

    assert [answer.status_code for answer in answers] == [403] * 5
    assert all("another consultant" in text_of(answer) for answer in answers)
    [still] = interviews_in_api(application_service, identity_provider, application_id)
    assert still["state"] == "scheduled"
