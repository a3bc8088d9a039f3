"""Consultants move applications through the pipeline; candidates follow and withdraw their own."""

from __future__ import annotations

import pytest

from tests.support.auth import bearer
from tests.support.cvs import PDF

pytestmark = pytest.mark.integration

LISA = bearer()
TOM = bearer("tom.peeters@example.com")
ADMIN = bearer("office@example.com", roles=("admin",))


def _move(client, application_id: str, status: str, headers=LISA, reason: str | None = None):
    body = {"status": status} | ({"reason": reason} if reason else {})
    return client.post(f"/consultant/applications/{application_id}/status", json=body, headers=headers)


def test_the_consultant_moves_an_application_and_each_step_is_recorded_and_announced(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted
    for status in ("screening", "interview"):
        assert _move(client, application_id, status, reason=f"moved to {status}").status_code == 200

    shown = client.get(f"/consultant/applications/{application_id}", headers=LISA).json
    changes = [e for e in desk.events() if e.type == "ApplicationStatusChanged"]

    assert shown["status"] == "interview"
    assert shown["next_steps"] == ["offer", "rejected"]  # what a client may offer, from the pipeline's own rule
    assert [(h["from_status"], h["to_status"], h["actor"]) for h in shown["history"]] == [
        (None, "submitted", "candidate"),
        ("submitted", "screening", "lisa.geudens@example.com"),
        ("screening", "interview", "lisa.geudens@example.com"),
    ]
    assert shown["screening"]["passed"] is True
    assert shown["candidate"]["languages"] == ["nl:C2", "en:C1"]
    assert [(e.data["from_status"], e.data["to_status"], e.data["reason"]) for e in changes] == [
        ("submitted", "screening", "moved to screening"),
        ("screening", "interview", "moved to interview"),
    ]
    assert changes[0].data["candidate"]["preferred_language"] == "nl"


def test_illegal_moves_are_409_problems_and_change_nothing(client, desk, submitted):
    _vacancy_id, application_id, _token = submitted

    skip = _move(client, application_id, "offer")
    rejected = client.post(
        f"/consultant/applications/{application_id}/status",
        json={"status": "rejected", "reason": "Not enough public-sector experience", "rejection_reason": "no_show"},
        headers=LISA,
    )
    revive = _move(client, application_id, "screening")

    assert rejected.status_code == 200
    assert skip.status_code == revive.status_code == 409
    assert "can move to rejected, screening" in skip.json["detail"]
    assert client.get(f"/consultant/applications/{application_id}", headers=LISA).json["status"] == "rejected"
    assert [e.type for e in desk.events()] == ["ApplicationSubmitted", "ApplicationStatusChanged"]


def test_consultant_endpoints_need_the_vacancys_consultant_or_an_admin(client, submitted):
    vacancy_id, application_id, _token = submitted
    urls = [
        f"/consultant/applications/{application_id}",
        f"/consultant/applications/{application_id}/cv",
        f"/consultant/vacancies/{vacancy_id}/applications",
    ]
    for url in urls:
        assert client.get(url).status_code == 401
        assert client.get(url, headers=bearer(roles=("candidate",))).status_code == 403
        assert client.get(url, headers=TOM).status_code == 403
        assert client.get(url, headers=ADMIN).status_code == 200
    assert _move(client, application_id, "screening", headers=TOM).status_code == 403


def test_the_consultant_downloads_the_cv_as_uploaded(client, submitted):
    _vacancy_id, application_id, _token = submitted
    response = client.get(f"/consultant/applications/{application_id}/cv", headers=LISA)
    assert (response.status_code, response.mimetype, response.data) == (200, "application/pdf", PDF)
    assert response.headers["Content-Disposition"].endswith(f'cv-{application_id}.pdf"')


def test_applications_are_listed_per_vacancy_and_status_with_totals(client, desk, submitted):
    vacancy_id, application_id, _token = submitted
    for n in range(3):
        desk.apply(vacancy_id, email=f"candidate{n}@example.com")
    _move(client, application_id, "screening")
    url = f"/consultant/vacancies/{vacancy_id}/applications"

    everyone = client.get(url, headers=LISA).json
    screening = client.get(f"{url}?status=screening", headers=LISA).json
    second_page = client.get(f"{url}?status=submitted&page_size=2&page=2", headers=LISA).json

    assert everyone["total"] == 4
    assert [a["id"] for a in screening["items"]] == [application_id]
    assert (second_page["total"], len(second_page["items"])) == (3, 1)
    assert client.get(f"{url}?status=lost", headers=LISA).status_code == 422


def test_the_candidate_follows_and_withdraws_their_application_with_their_token(client, desk, submitted):
    _vacancy_id, application_id, token = submitted

    shown = client.get(f"/candidate/applications/{token}").json
    withdrawn = client.post(f"/candidate/applications/{token}/withdraw", json={"reason": "Another offer"})
    again = client.post(f"/candidate/applications/{token}/withdraw", json={})

    assert (shown["id"], shown["status"]) == (application_id, "submitted")
    assert "screening" not in shown and "motivation" not in shown  # the consultant's view stays theirs
    assert (withdrawn.status_code, withdrawn.json["status"]) == (200, "withdrawn")
    assert again.status_code == 409
    [event] = [e for e in desk.events() if e.type == "ApplicationWithdrawn"]
    assert (event.data["from_status"], event.data["reason"]) == ("submitted", "Another offer")
