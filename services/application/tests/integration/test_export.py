"""A candidate's export: every application of their link's address, with what is stored about it,
and nothing of anyone else; their CVs through the same link, and no one else's."""

from __future__ import annotations

import json

import pytest

from tests.support.auth import bearer
from tests.support.cvs import PDF
from tests.support.talent_pool import cv_pdf

from .conftest import candidate_token

pytestmark = pytest.mark.integration

AN = {"name": "An Claes", "email": "an.claes@example.com", "phone": "+32 486 98 76 54", "motivation": "Agile coach."}
AN_CV = cv_pdf("An Claes - Agile coach")  # its text, exported too, names An only (tests.support.cvs.PDF names Jan)


@pytest.fixture
def applied(client, desk):
    """Jan applied to two vacancies (the second with the talent pool), An to the first; Lisa rejected
    Jan's first with a reason. Returns (Jan's two ids, An's id)."""
    first, second = desk.publish(), desk.publish(reference="92743", title="Programme Manager")
    desk.apply(first)
    desk.apply(second, talent_pool_consent="true", motivation="Programmes, not projects.")
    desk.apply(first, cv=AN_CV, **AN)
    jan_first, jan_second, an = desk.submitted()
    moved = {"status": "rejected", "reason": "Dutch below C2", "rejection_reason": "requirements_not_met"}
    client.post(f"/consultant/applications/{jan_first}/status", json=moved, headers=bearer())
    return [jan_first, jan_second], an


def test_the_export_holds_exactly_the_candidates_own_applications(client, desk, applied):
    jans, an = applied

    exported = client.get(f"/candidate/applications/{candidate_token(desk.app, jans[1])}/export")

    assert exported.status_code == 200
    assert exported.headers["Cache-Control"] == "no-store"
    applications = exported.json["applications"]
    assert [each["id"] for each in applications] == jans
    first, second = applications
    assert (first["status"], first["vacancy"]["reference"], first["retention_days"]) == ("rejected", "92742", 730)
    assert [(step["to_status"], step["by"], step["reason"]) for step in first["history"]] == [
        ("submitted", "candidate", None),
        ("rejected", "consultant", "Dutch below C2"),
    ]
    assert first["candidate"]["phone"] == "+32 470 12 34 56"
    assert first["screening"]["passed"] is True
    assert first["cv"] == {"media_type": "application/pdf", "size": len(PDF)}
    assert (second["motivation"], second["vacancy"]["title"], second["retention_days"]) == (
        "Programmes, not projects.",
        "Programme Manager",
        1095,
    )
    assert [consent["purpose"] for consent in second["consents"]] == ["application", "talent_pool"]
    text = json.dumps(exported.json)
    for someone_else in (*AN.values(), an, "lisa.geudens"):  # nor the consultant's address
        assert someone_else not in text


def test_the_export_of_the_other_candidate_holds_only_theirs(client, desk, applied):
    jans, an = applied

    exported = client.get(f"/candidate/applications/{candidate_token(desk.app, an)}/export").json

    assert [each["id"] for each in exported["applications"]] == [an]
    text = json.dumps(exported)
    for jans_data in ("Jan Peeters", "jan.peeters@example.com", "+32 470 12 34 56", *jans):
        assert jans_data not in text


def test_a_link_downloads_its_candidates_cvs_and_no_one_elses(client, desk, applied):
    jans, an = applied
    link = f"/candidate/applications/{candidate_token(desk.app, jans[0])}"

    own = client.get(f"{link}/cv/{jans[1]}")
    others = client.get(f"{link}/cv/{an}")

    assert (own.status_code, own.data, own.mimetype) == (200, PDF, "application/pdf")
    assert own.headers["Content-Disposition"].startswith("attachment")
    assert own.headers["Cache-Control"] == "no-store"
    assert (others.status_code, others.content_type) == (404, "application/problem+json")
    assert AN_CV not in others.data
    assert client.get(f"/candidate/applications/{candidate_token(desk.app, an)}/cv/{an}").data == AN_CV


def test_an_invalid_link_exports_nothing(client, desk, applied):
    jans, _an = applied
    token = candidate_token(desk.app, jans[0])
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")

    for path in (f"/candidate/applications/{forged}/export", f"/candidate/applications/{forged}/cv/{jans[0]}"):
        answer = client.get(path)
        assert (answer.status_code, answer.content_type) == (404, "application/problem+json")


def test_the_access_log_masks_the_token_of_the_privacy_links(client, desk, applied, caplog):
    jans, _an = applied
    token = candidate_token(desk.app, jans[0])
    caplog.set_level("INFO", logger="access")

    client.get(f"/candidate/applications/{token}/export")
    client.get(f"/candidate/applications/{token}/cv/{jans[1]}")
    client.post(f"/candidate/applications/{token}/talent-pool/withdraw")
    client.post(f"/candidate/applications/{token}/erase")

    lines = [record.getMessage().rsplit(" ", 1)[0] for record in caplog.records if record.name == "access"]
    assert lines == [
        "GET /candidate/applications/***/export 200",
        f"GET /candidate/applications/***/cv/{jans[1]} 200",
        "POST /candidate/applications/***/talent-pool/withdraw 200",
        "POST /candidate/applications/***/erase 200",
    ]
    assert not [record for record in caplog.records if token in record.getMessage()]
    assert not [record for record in caplog.records if "jan.peeters" in record.getMessage().lower()]
