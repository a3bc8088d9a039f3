"""The retention job, with the clock moved: applications that ended without a hire, or saw no step,
go after APPLICATION_RETENTION_DAYS; a valid talent-pool consent keeps them for its own period, a
hire for theirs; each is announced by a CandidateErased without the address's keyed hash. It also
removes what erasures left behind: events published after them, CV files of no application."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from applications.db import application_history, erasures, outbox
from applications.erasure import broker_copies_lifetime
from applications.retention import run_retention_pass
from applications.retention_policy import RetentionPolicy
from recruitment_shared.messaging.topics import TopicRetention
from tests.support.auth import bearer
from tests.support.cvs import pdf
from tests.support.infrastructure import REPO

from .conftest import cv_files, everything_stored

pytestmark = pytest.mark.integration

LISA = bearer()
LIFETIME = broker_copies_lifetime(TopicRetention())


def _move(client, application_id: str, *statuses: str) -> None:
    for status in statuses:
        why = {"rejection_reason": "another_candidate_chosen"} if status == "rejected" else {}
        body = {"status": status} | why
        answer = client.post(f"/consultant/applications/{application_id}/status", json=body, headers=LISA)
        assert answer.status_code == 200, answer.json


def _retention_pass(app, now: datetime):
    storage = app.extensions["cv_storage"]
    return run_retention_pass(app.extensions["engine"], storage, RetentionPolicy(), LIFETIME, now)


def _relay_sent_everything(app) -> None:
    with app.extensions["engine"].begin() as conn:
        conn.execute(update(outbox).values(published_at=datetime.now(UTC)))  # as the relay marks what it sent


def _remaining(client, ids: dict[str, str]) -> set[str]:
    """Which of the named applications the service still has."""
    admin = bearer("office@example.com", roles=("admin",))
    return {
        name
        for name, id_ in ids.items()
        if client.get(f"/consultant/applications/{id_}", headers=admin).status_code == 200
    }


def _erased_events(desk) -> list:
    return [event for event in desk.events() if event.type == "CandidateErased"]


@pytest.fixture
def five_candidates(client, desk) -> dict[str, str]:
    """Five applications to one vacancy, by five people, each in another state today."""
    vacancy_id = desk.publish()
    names = ["rejected", "withdrawn", "waiting", "talent_pool", "hired"]
    for n, name in enumerate(names):
        extra = {"talent_pool_consent": "true"} if name == "talent_pool" else {}
        phone = f"+32 470 00 00 0{n}"
        desk.apply(vacancy_id, cv=pdf(page=b"/Rotate %d" % (90 * n)), email=f"{name}@example.com", phone=phone, **extra)
    ids = dict(zip(names, desk.submitted(), strict=True))
    _move(client, ids["rejected"], "rejected")
    _move(client, ids["talent_pool"], "rejected")
    _move(client, ids["hired"], "screening", "interview", "offer", "hired")
    link = desk.link(ids["withdrawn"])
    assert client.post(f"{link}/withdraw", json={}).status_code == 200
    return ids


def test_each_application_goes_when_its_own_period_ends(app, client, desk, five_candidates):
    today = datetime.now(UTC)

    within = _retention_pass(app, today + timedelta(days=729))
    after_two_years = _retention_pass(app, today + timedelta(days=731))
    left_after_two = _remaining(client, five_candidates)
    after_three_years = _retention_pass(app, today + timedelta(days=1096))
    left_after_three = _remaining(client, five_candidates)
    _relay_sent_everything(app)  # events that were waiting at an erasure: the next pass removes them
    after_five_years = _retention_pass(app, today + timedelta(days=1826))

    assert within.applications_erased == 0
    # Ended without a hire, or nothing happened for two years: gone; the talent pool and the hire stay.
    assert after_two_years.applications_erased == 3
    assert left_after_two == {"talent_pool", "hired"}
    assert (after_three_years.applications_erased, left_after_three) == (1, {"hired"})
    assert after_five_years.applications_erased == 1
    stored = everything_stored(app)
    for name in five_candidates:
        assert f"{name}@example.com" not in stored
    assert "+32 470 00 00" not in stored and "Jan Peeters" not in stored
    assert cv_files(app) == []


def test_the_retention_job_announces_each_erasure_without_the_addresss_key(app, client, desk, five_candidates):
    _retention_pass(app, datetime.now(UTC) + timedelta(days=731))

    erased = _erased_events(desk)
    assert sorted(event.subject for event in erased) == sorted(
        five_candidates[name] for name in ("rejected", "withdrawn", "waiting")
    )
    for event in erased:
        assert (event.data["requested_by"], event.data["candidate_key"]) == ("retention", None)
        assert "@example.com" not in str(event.data)
    with app.extensions["engine"].connect() as conn:
        [logged] = conn.execute(select(erasures)).mappings().all()
    assert (logged["requested_by"], logged["erased"]["applications"], logged["erased"]["cv_files"]) == (
        "retention",
        3,
        3,
    )


def test_an_application_that_keeps_moving_is_kept(app, client, desk, submitted):
    _vacancy_id, application_id, _token = submitted
    _move(client, application_id, "screening")
    # Submitted 800 days ago, moved to screening 100 days ago: still in the consultant's hands.
    entries = application_history.c
    with app.extensions["engine"].begin() as conn:
        for status, days in (("submitted", 800), ("screening", 100)):
            moment = datetime.now(UTC) - timedelta(days=days)
            where = (entries.application_id == uuid.UUID(application_id), entries.to_status == status)
            conn.execute(update(application_history).where(*where).values(at=moment))

    assert _retention_pass(app, datetime.now(UTC)).applications_erased == 0
    assert _remaining(client, {"waiting": application_id}) == {"waiting"}


def test_a_withdrawn_talent_pool_consent_falls_back_to_the_ordinary_period(app, client, desk, five_candidates):
    link = desk.link(five_candidates["talent_pool"])
    kept_until_with_consent = client.get(link).json["kept_until"]
    withdrawn = client.post(f"{link}/talent-pool/withdraw")

    _retention_pass(app, datetime.now(UTC) + timedelta(days=731))

    assert withdrawn.json["retention_days"] == 730 and withdrawn.json["kept_until"] < kept_until_with_consent
    assert "talent_pool" not in _remaining(client, five_candidates)


def test_published_events_of_erased_applications_and_orphan_cv_files_are_removed(app, client, desk, submitted):
    _vacancy_id, application_id, token = submitted
    client.post(f"/candidate/applications/{token}/erase")  # its ApplicationSubmitted was still pending
    _relay_sent_everything(app)  # its ApplicationSubmitted has gone out since
    storage = app.extensions["cv_storage"]
    left_behind, fresh = storage.root / f"{uuid.uuid4().hex}.pdf", storage.root / f"{uuid.uuid4().hex}.pdf"
    for path in (left_behind, fresh):
        path.write_bytes(b"%PDF-1.4 Jan Peeters")
    two_hours_ago = time.time() - 7200
    os.utime(left_behind, (two_hours_ago, two_hours_ago))

    done = _retention_pass(app, datetime.now(UTC))

    assert (done.events_removed, done.orphan_cvs_removed) == (1, 1)
    assert [(event.type, event.subject) for event in desk.events()] == [("CandidateErased", application_id)]
    assert sorted(storage.root.iterdir()) == [fresh]  # a file younger than an hour may be a submission underway


def test_the_command_runs_one_pass_at_the_moment_it_is_given(app, client, desk, five_candidates, tmp_path):
    later = (datetime.now(UTC) + timedelta(days=731)).isoformat()
    env = os.environ | {
        "DATABASE_URL": app.extensions["engine"].url.render_as_string(hide_password=False),
        "CV_STORAGE_DIR": str(app.extensions["cv_storage"].root),
        "RECRUITMENT_VAR": str(tmp_path),
    }
    command = [sys.executable, "-m", "applications", "retention", "--now", later]

    ran = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    naive = subprocess.run([*command[:-1], "2030-01-01T00:00:00"], env=env, capture_output=True, text=True)

    assert ran.returncode == 0, ran.stderr
    assert _remaining(client, five_candidates) == {"talent_pool", "hired"}
    assert len(cv_files(app)) == 2
    assert naive.returncode == 2 and "time zone" in naive.stderr
