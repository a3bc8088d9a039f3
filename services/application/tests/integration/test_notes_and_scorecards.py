"""Staff notes and interview scorecards: written by the vacancy's consultant or an admin, changed by
their author alone, checked field by field, never shown to the candidate nor put in an event, and
erased with the application."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from applications.db import outbox

from .conftest import everything_stored
from .interview_desk import ADMIN, LISA, TOM, as_if_held, schedule

pytestmark = pytest.mark.integration

NOTE = "Strong on PRINCE2; asked about the Ghent tender. Follow up on the notice period."


def _notes(application_id: str) -> str:
    return f"/consultant/applications/{application_id}/notes"


def _scorecard(**changes) -> dict:
    ratings = {
        "methodology": {"score": 4, "comment": "PRINCE2 applied, not only certified."},
        "stakeholder_management": {"score": 3, "comment": "Handled an alderman and two IT vendors."},
        "communication": {"score": 3, "comment": "Dutch C2, French B2: fine for Brussels meetings."},
        "technical_domain": {"score": 2, "comment": None},
    }
    return {"ratings": ratings, "recommendation": "yes", "summary": "Worth presenting to the client."} | changes


def _everything_published(desk) -> str:
    return "\n".join(repr(event.data) for event in desk.events())


def test_a_note_is_kept_with_its_author_and_changed_by_them_alone(client, desk, submitted):
    _vacancy_id, application_id, token = submitted

    written = client.post(_notes(application_id), json={"text": f"  {NOTE}  "}, headers=LISA)
    url = written.headers["Location"]
    by_admin = client.post(
        _notes(application_id), json={"text": "Called the client: interview confirmed."}, headers=ADMIN
    )
    version = client.get(url, headers=LISA).headers["ETag"]
    admin_edit = client.put(url, json={"text": "Rewritten by the office"}, headers=ADMIN | {"If-Match": version})
    lisa_edit = client.put(
        url, json={"text": f"{NOTE} Notice period: one month."}, headers=LISA | {"If-Match": version}
    )
    stale = client.put(url, json={"text": "again"}, headers=LISA | {"If-Match": version})
    unversioned = client.put(url, json={"text": "again"}, headers=LISA)
    lisa_on_admins = client.put(by_admin.headers["Location"], json={"text": "mine"}, headers=LISA | {"If-Match": '"x"'})

    assert written.status_code == 201
    assert (written.json["author_email"], written.json["author_name"], written.json["text"]) == (
        "lisa.geudens@example.com",
        "lisa.geudens",
        NOTE,
    )
    assert admin_edit.status_code == 403 and "author" in admin_edit.json["detail"]
    assert lisa_on_admins.status_code == 403
    assert (lisa_edit.status_code, lisa_edit.json["edited"]) == (200, True)
    assert (stale.status_code, unversioned.status_code) == (412, 428)
    listed = client.get(_notes(application_id), headers=LISA).json
    assert [(n["author_email"], n["text"], n["edited"]) for n in listed] == [
        ("lisa.geudens@example.com", f"{NOTE} Notice period: one month.", True),
        ("office@example.com", "Called the client: interview confirmed.", False),
    ]
    assert "Ghent tender" not in _everything_published(desk)  # never in an event
    assert "Ghent tender" not in client.get(f"/candidate/applications/{token}").text  # nor shown to the candidate


def test_notes_are_the_vacancys_consultants_and_admins_only(client, submitted):
    _vacancy_id, application_id, _token = submitted
    url = client.post(_notes(application_id), json={"text": NOTE}, headers=LISA).headers["Location"]

    assert client.get(_notes(application_id), headers=TOM).status_code == 403
    assert client.post(_notes(application_id), json={"text": "hello"}, headers=TOM).status_code == 403
    assert client.get(url, headers=TOM).status_code == 403
    assert client.get(_notes(application_id)).status_code == 401
    assert client.get(url, headers=ADMIN).status_code == 200
    assert (
        client.get(url.replace(application_id, "00000000-0000-0000-0000-000000000000"), headers=LISA).status_code == 404
    )


@pytest.mark.parametrize(("body", "field"), [({"text": "   "}, "text"), ({"text": "x" * 5001}, "text"), ({}, "text")])
def test_an_empty_or_overlong_note_is_a_422_naming_the_field(client, submitted, body, field):
    _vacancy_id, application_id, _token = submitted

    answer = client.post(_notes(application_id), json=body, headers=LISA)

    assert answer.status_code == 422
    assert [error["field"] for error in answer.json["errors"]] == [field]
    assert client.get(_notes(application_id), headers=LISA).json == []


def test_each_interviewer_fills_in_their_own_scorecard_once_the_interview_has_started(app, client, desk, submitted):
    _vacancy_id, application_id, token = submitted
    interview = schedule(client, application_id).json
    url = f"/consultant/interviews/{interview['id']}/scorecard"

    too_early = client.put(url, json=_scorecard(), headers=LISA)
    as_if_held(app, interview["id"])
    first = client.put(url, json=_scorecard(), headers=LISA)
    revised = client.put(url, json=_scorecard(recommendation="strong_yes"), headers=LISA)
    admins = client.put(url, json=_scorecard(recommendation="no", summary=None), headers=ADMIN)
    toms = client.put(url, json=_scorecard(), headers=TOM)

    assert too_early.status_code == 409
    assert (first.status_code, revised.status_code, admins.status_code, toms.status_code) == (201, 200, 201, 403)
    assert revised.json["created_at"] == first.json["created_at"]
    assert revised.json["ratings"]["methodology"] == {"score": 4, "comment": "PRINCE2 applied, not only certified."}
    shown = client.get(f"/consultant/interviews/{interview['id']}", headers=LISA).json["scorecards"]
    assert [(card["author"]["email"], card["recommendation"]) for card in shown] == [
        ("lisa.geudens@example.com", "strong_yes"),
        ("office@example.com", "no"),
    ]
    assert "alderman" not in _everything_published(desk)
    assert "alderman" not in client.get(f"/candidate/applications/{token}").text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda card: card["ratings"]["methodology"].update(score=5), "ratings.methodology.score"),
        (lambda card: card["ratings"]["communication"].update(score=0), "ratings.communication.score"),
        (
            lambda card: card["ratings"]["stakeholder_management"].update(score=2.5),
            "ratings.stakeholder_management.score",
        ),
        (lambda card: card["ratings"].pop("technical_domain"), "ratings.technical_domain"),
        (lambda card: card["ratings"].update(charisma={"score": 4}), "ratings.charisma"),
        (lambda card: card.update(recommendation="maybe"), "recommendation"),
        (lambda card: card["ratings"]["methodology"].update(comment="x" * 2001), "ratings.methodology.comment"),
    ],
)
def test_a_scorecard_out_of_bounds_is_a_422_naming_the_field(app, client, submitted, change, field):
    _vacancy_id, application_id, _token = submitted
    interview = schedule(client, application_id).json
    as_if_held(app, interview["id"])
    card = _scorecard()
    change(card)

    answer = client.put(f"/consultant/interviews/{interview['id']}/scorecard", json=card, headers=LISA)

    assert answer.status_code == 422
    assert [error["field"] for error in answer.json["errors"]] == [field]
    assert client.get(f"/consultant/interviews/{interview['id']}", headers=LISA).json["scorecards"] == []


def test_erasing_the_candidate_erases_their_interviews_notes_and_scorecards(app, client, submitted):
    _vacancy_id, application_id, _token = submitted
    interview = schedule(client, application_id).json
    as_if_held(app, interview["id"])
    client.put(f"/consultant/interviews/{interview['id']}/scorecard", json=_scorecard(), headers=LISA)
    client.post(_notes(application_id), json={"text": NOTE}, headers=LISA)
    with app.extensions["engine"].begin() as conn:  # as the relay marks them: published events go with the rest
        conn.execute(update(outbox).values(published_at=outbox.c.created_at))

    erased = client.post("/admin/erasures", json={"email": "jan.peeters@example.com"}, headers=ADMIN)

    assert erased.status_code == 200
    assert {kind: erased.json["erased"][kind] for kind in ("interviews", "staff_notes", "scorecards")} == {
        "interviews": 1,
        "staff_notes": 1,
        "scorecards": 1,
    }
    stored = everything_stored(app)
    for written in ("Ghent tender", "alderman", "Meir 24", "Koen Maes"):
        assert written not in stored
