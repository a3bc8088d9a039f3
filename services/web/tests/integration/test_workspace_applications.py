"""The consultant's inbox and application page against the REAL vacancy and application services and
the REAL OpenID Connect provider: Lisa sees the applications to her vacancy 92742 with their
screening verdict, by status; opens one (details, screening reasons, history, CV) and moves it
through the pipeline with only the moves the API allows; Pieter, another consultant, is refused."""

from __future__ import annotations

import html
import re
import uuid

import pytest
import requests
from sqlalchemy import select

from applications.db import applications as application_table
from tests.support.candidates import apply
from tests.support.cvs import PDF
from tests.support.identity import provider_bearer, provider_settings, sign_in
from webclient.app import create_app

pytestmark = pytest.mark.integration

LISA = "lisa.geudens@example.com"
PIETER = "pieter.vandenbroeck@example.com"
ADMIN = "admin@example.com"
# Vacancy 92742 asks for Dutch at C2 (hard), five years, and pays freelancers 550 a day.
SUITABLE = {"name": "Jan Peeters", "languages": ["nl:C2"], "contract_preference": "either"}
DOUBTFUL = {"name": "Sofie Janssens", "contract_preference": "freelance", "expected_daily_rate": "700"}
UNSUITABLE = {"name": "Marc Dubois", "languages": ["nl:B2", "fr:C2"]}
MOTIVATION = "Ten years of PRINCE2 in Flemish cities."


@pytest.fixture(scope="module")
def vacancy_id(vacancy_service, application_service) -> str:
    """The id of Lisa's vacancy 92742 (the application service knows it from its event)."""
    return vacancy_service.app.test_client().get("/vacancies/by-reference/92742").get_json()["id"]


@pytest.fixture
def workspace(vacancy_service, application_service, identity_provider):
    """A test client of the web client calling the real services and signing in at the real provider."""
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "APPLICATION_API_URL": application_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config | provider_settings(identity_provider)).test_client()


def submitted(application_service, vacancy_id: str, **candidate) -> str:
    """A candidate applies through the application API (with a CV); the new application's id."""
    email = f"candidate.{uuid.uuid4().hex[:8]}@example.com"
    answer = apply(application_service.url, vacancy_id, email=email, motivation=MOTIVATION, **candidate)
    assert answer.status_code == 202, answer.text
    with application_service.app.extensions["engine"].connect() as conn:
        query = select(application_table.c.id).where(application_table.c.candidate_email == email)
        return str(conn.execute(query).scalar_one())


@pytest.fixture(scope="module")
def three(application_service, vacancy_id) -> dict[str, str]:
    """A suitable, a doubtful and an unsuitable candidate applied, in that order: their application ids."""
    return {
        verdict: submitted(application_service, vacancy_id, **candidate)
        for verdict, candidate in (("suitable", SUITABLE), ("doubtful", DOUBTFUL), ("unsuitable", UNSUITABLE))
    }


def rows(page: str) -> list[tuple[str, str, str, str]]:
    """The inbox's rows as shown: (application id, candidate, status badge, verdict badge)."""
    found = re.findall(
        r'<tr data-application="([^"]+)">.*?<a href="[^"]*/consultant/applications/\1">([^<]+)</a>'
        r'.*?data-status="(\w+)".*?data-verdict="(\w+)"',
        page,
        re.S,
    )
    return [(id_, html.unescape(name), status, verdict) for id_, name, status, verdict in found]


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def offered_moves(page: str) -> list[str]:
    return re.findall(r'<button type="submit" name="status" value="(\w+)"', page)


def status_in_api(application_service, identity_provider, application_id: str) -> str:
    url = f"{application_service.url}/consultant/applications/{application_id}"
    return requests.get(url, headers=provider_bearer(identity_provider, ADMIN), timeout=10).json()["status"]


def test_the_inbox_lists_lisas_applications_newest_first_with_their_screening_verdict(workspace, vacancy_id, three):
    sign_in(workspace, LISA)
    page = workspace.get(f"/en/consultant/vacancies/{vacancy_id}/applications")

    shown = [row for row in rows(page.get_data(as_text=True)) if row[0] in three.values()]
    assert page.status_code == 200
    assert shown == [
        (three["unsuitable"], "Marc Dubois", "submitted", "unsuitable"),
        (three["doubtful"], "Sofie Janssens", "submitted", "doubtful"),
        (three["suitable"], "Jan Peeters", "submitted", "suitable"),
    ]
    text = page.get_data(as_text=True)
    assert "IT Project Manager" in text and "92742" in text  # which vacancy this inbox is of
    assert "Dutch at C2 is required; the candidate declares B2." in text  # why, at a glance
    dutch = workspace.get(f"/nl/consultant/vacancies/{vacancy_id}/applications").get_data(as_text=True)
    assert "Ongeschikt" in dutch and "Twijfelachtig" in dutch and "Geschikt" in dutch


def test_the_status_tabs_filter_the_inbox(workspace, application_service, identity_provider, vacancy_id):
    screened, waiting = (submitted(application_service, vacancy_id, **SUITABLE) for _ in range(2))
    url = f"{application_service.url}/consultant/applications/{screened}/status"
    moved = requests.post(
        url, json={"status": "screening"}, headers=provider_bearer(identity_provider, LISA), timeout=10
    )
    assert moved.status_code == 200
    sign_in(workspace, LISA)

    in_screening = workspace.get(f"/en/consultant/vacancies/{vacancy_id}/applications?status=screening")
    new = workspace.get(f"/en/consultant/vacancies/{vacancy_id}/applications?status=submitted")
    unknown = workspace.get(f"/en/consultant/vacancies/{vacancy_id}/applications?status=sleeping")

    screening_ids = {row[0] for row in rows(in_screening.get_data(as_text=True))}
    new_ids = {row[0] for row in rows(new.get_data(as_text=True))}
    assert screened in screening_ids and waiting not in screening_ids
    assert waiting in new_ids and screened not in new_ids
    assert re.search(r'aria-current="page">Screening<', in_screening.get_data(as_text=True))
    assert unknown.status_code == 400 and "Unknown status" in unknown.get_data(as_text=True)


def test_the_application_page_shows_the_candidate_the_screening_and_the_history(workspace, three):
    sign_in(workspace, LISA)
    page = workspace.get(f"/en/consultant/applications/{three['unsuitable']}")

    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 200
    assert "<h1>Marc Dubois</h1>" in text
    assert MOTIVATION in text
    assert 'data-verdict="unsuitable">Unsuitable<' in text
    assert "Dutch at C2 is required; the candidate declares B2." in text
    assert "Dutch B2, French C2" in text
    assert re.search(
        r"<li>\s*<time[^>]*>[^<]+</time>\s*<span class=\"step\"><strong>New</strong></span>\s*"
        r"<span class=\"actor\">by the candidate</span>",
        text,
    )
    assert f'href="/en/consultant/applications/{three["unsuitable"]}/cv"' in text


def test_the_cv_downloads_as_the_file_the_candidate_sent_never_shown_inline(workspace, three):
    sign_in(workspace, LISA)
    cv = workspace.get(f"/en/consultant/applications/{three['suitable']}/cv")

    assert (cv.status_code, cv.mimetype, cv.data) == (200, "application/pdf", PDF)
    assert cv.headers["Content-Disposition"] == f'attachment; filename="cv-{three["suitable"]}.pdf"'
    assert cv.headers["X-Content-Type-Options"] == "nosniff"
    assert cv.headers["Content-Security-Policy"] == "sandbox"
    assert cv.headers["Cache-Control"] == "no-store"


def test_lisa_moves_an_application_to_interview_with_only_the_allowed_moves_offered(
    workspace, application_service, identity_provider, vacancy_id
):
    application_id = submitted(application_service, vacancy_id, **SUITABLE)
    sign_in(workspace, LISA)
    url = f"/en/consultant/applications/{application_id}"

    new = workspace.get(url).get_data(as_text=True)
    to_screening = workspace.post(f"{url}/status", data={"csrf_token": csrf(new), "status": "screening"})
    screening = workspace.get(url).get_data(as_text=True)
    to_interview = workspace.post(
        f"{url}/status", data={"csrf_token": csrf(screening), "status": "interview", "reason": "Strong PRINCE2 profile"}
    )
    interview = html.unescape(workspace.get(to_interview.headers["Location"]).get_data(as_text=True))

    assert offered_moves(new) == ["screening", "rejected"]  # no jump to an interview from a new application
    assert (to_screening.status_code, to_screening.headers["Location"]) == (303, url)
    assert offered_moves(screening) == ["interview", "rejected"]
    assert "Moved to “Interview”." in interview
    assert 'data-status="interview"' in interview
    assert re.search(
        r"Screening → <strong>Interview</strong></span>\s*<span class=\"actor\">by lisa.geudens@example.com</span>"
        r"\s*<q class=\"reason\">Strong PRINCE2 profile</q>",
        interview,
    )
    assert offered_moves(interview) == ["offer", "rejected"]
    assert status_in_api(application_service, identity_provider, application_id) == "interview"


def test_a_move_overtaken_by_someone_else_says_so_and_shows_the_application_as_it_is_now(
    workspace, application_service, identity_provider, vacancy_id
):
    application_id = submitted(application_service, vacancy_id, **SUITABLE)
    sign_in(workspace, LISA)
    url = f"/en/consultant/applications/{application_id}"
    opened = workspace.get(url).get_data(as_text=True)  # Lisa has the page open, then an admin rejects it
    rejected = requests.post(
        f"{application_service.url}/consultant/applications/{application_id}/status",
        json={"status": "rejected", "rejection_reason": "another_candidate_chosen"},
        headers=provider_bearer(identity_provider, ADMIN),
        timeout=10,
    )
    assert rejected.status_code == 200

    late = workspace.post(f"{url}/status", data={"csrf_token": csrf(opened), "status": "screening"})
    now = html.unescape(workspace.get(late.headers["Location"]).get_data(as_text=True))

    assert late.status_code == 303
    assert "Not moved: this application was changed meanwhile." in now
    assert 'data-status="rejected"' in now
    assert offered_moves(now) == [] and "This application is final" in now
    assert status_in_api(application_service, identity_provider, application_id) == "rejected"


def test_a_note_longer_than_the_api_takes_is_refused_beside_the_field(workspace, application_service, vacancy_id):
    application_id = submitted(application_service, vacancy_id, **SUITABLE)
    sign_in(workspace, LISA)
    url = f"/en/consultant/applications/{application_id}"
    page = workspace.get(url).get_data(as_text=True)

    refused = workspace.post(
        f"{url}/status", data={"csrf_token": csrf(page), "status": "screening", "reason": "x" * 2001}
    )

    assert refused.status_code == 422
    assert re.search(
        r'aria-invalid="true">x{2001}</textarea>\s*<p class="field-error" id="reason-error">',
        refused.get_data(as_text=True),
    )
    assert 'data-status="submitted"' in workspace.get(url).get_data(as_text=True)


def test_pieter_gets_the_no_access_page_for_lisas_application_and_changes_nothing(
    workspace, application_service, identity_provider, vacancy_id, three
):
    sign_in(workspace, PIETER)
    own_page = workspace.get("/en/vacancies").get_data(as_text=True)
    application_id = three["doubtful"]

    answers = [
        workspace.get(f"/en/consultant/applications/{application_id}"),
        workspace.get(f"/en/consultant/applications/{application_id}/cv"),
        workspace.get(f"/en/consultant/vacancies/{vacancy_id}/applications"),
        workspace.post(
            f"/en/consultant/applications/{application_id}/status",
            data={"csrf_token": csrf(own_page), "status": "rejected", "rejection_reason": "no_show"},
        ),
    ]

    assert [answer.status_code for answer in answers] == [403, 403, 403, 403]
    assert all("another consultant" in answer.get_data(as_text=True) for answer in answers)
    assert b"Sofie" not in b"".join(answer.data for answer in answers)
    assert status_in_api(application_service, identity_provider, application_id) == "submitted"


def test_a_stranger_is_sent_to_sign_in_first(workspace, application_service, identity_provider, three):
    for path in (
        f"/nl/consultant/vacancies/{uuid.uuid4()}/applications?status=submitted",
        f"/nl/consultant/applications/{three['suitable']}",
        f"/nl/consultant/applications/{three['suitable']}/cv",
    ):
        answer = workspace.get(path)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/nl/consultant/sign-in?next=/nl/consultant/")
    token = csrf(workspace.get("/nl/vacancies/92742/apply").get_data(as_text=True))  # a visitor's own session
    posted = workspace.post(
        f"/nl/consultant/applications/{three['suitable']}/status", data={"csrf_token": token, "status": "rejected"}
    )
    assert posted.status_code == 302 and "/nl/consultant/sign-in" in posted.headers["Location"]
    assert status_in_api(application_service, identity_provider, three["suitable"]) == "submitted"


def test_a_move_without_the_sessions_csrf_token_is_refused_and_changes_nothing(
    workspace, application_service, identity_provider, vacancy_id
):
    application_id = submitted(application_service, vacancy_id, **SUITABLE)
    sign_in(workspace, LISA)

    refused = workspace.post(f"/en/consultant/applications/{application_id}/status", data={"status": "screening"})

    assert refused.status_code == 400 and "Form expired" in refused.get_data(as_text=True)
    assert status_in_api(application_service, identity_provider, application_id) == "submitted"
