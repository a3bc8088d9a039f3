"""Suggest candidates for a vacancy, on PostgreSQL: pool candidates who have not applied to it,
those meeting every hard requirement first, then by how many of its wishes they meet, with the
reasons a consultant reads; only for the vacancy's consultant or an admin."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from tests.support.auth import bearer
from tests.support.talent_pool import cv_pdf

pytestmark = pytest.mark.integration

LISA = bearer()
TOM = bearer("tom.peeters@example.com")
ADMIN = bearer("office@example.com", roles=("admin",))
# Dutch at C2 required, French at B2 preferred; PRINCE2 and ITIL; 5 to 10 years; 550 a day; from March.
WISHES = {
    "languages": [
        {"language": "nl", "level": "C2", "hard_requirement": True},
        {"language": "fr", "level": "B2", "hard_requirement": False},
    ],
    "tags": ["PRINCE2", "ITIL"],
    "experience_min_years": 5,
    "experience_max_years": 10,
    "start_date": date(2027, 3, 1),
}


def join(desk, vacancy_id, name: str, cv: bytes, **answers) -> None:
    email = f"{name.lower().replace(' ', '.')}@example.com"
    answered = desk.apply(vacancy_id, cv=cv, name=name, email=email, talent_pool_consent="true", **answers)
    assert answered.status_code == 202, answered.json


@pytest.fixture
def vacancy(desk) -> uuid.UUID:
    """Lisa's vacancy with the wishes above, and a pool built from applications to another vacancy."""
    elsewhere, vacancy_id = desk.publish(reference="92001"), desk.publish(**WISHES)
    perfect = {
        "languages": ["nl:C2", "fr:B2"],
        "years_of_experience": "7",
        "contract_preference": "freelance",
        "expected_daily_rate": "500",
        "available_from": "2027-02-01",
    }
    join(desk, elsewhere, "Anna Verschueren", cv_pdf("PRINCE2 Practitioner", "ITIL 4 Foundation"), **perfect)
    senior = perfect | {"languages": ["nl:C2"], "years_of_experience": "14", "expected_daily_rate": "700"}
    join(desk, elsewhere, "Bart Delvaux", cv_pdf("PRINCE2 programmes at Fedict"), **senior)
    # Everything but the Dutch the vacancy requires: ranked after anyone who has it.
    join(desk, elsewhere, "Chloé Lambert", cv_pdf("PRINCE2 and ITIL"), **perfect | {"languages": ["nl:B2", "fr:C2"]})
    join(desk, vacancy_id, "Dirk Claes", cv_pdf("PRINCE2 and ITIL"), **perfect)  # applied already: in the inbox
    desk.apply(elsewhere, name="Eva Mertens", email="eva.mertens@example.com", **perfect)  # not in the pool
    return vacancy_id


def suggestions(client, vacancy_id, headers=LISA, **query):
    return client.get(f"/consultant/vacancies/{vacancy_id}/suggestions", query_string=query, headers=headers)


def test_pool_candidates_are_ranked_hard_requirements_first_with_their_reasons(client, vacancy):
    found = suggestions(client, vacancy)

    assert found.status_code == 200, found.json
    ranked = [
        (s["candidate"]["candidate"]["name"], s["score"], s["meets_hard_requirements"]) for s in found.json["items"]
    ]
    assert ranked == [
        ("Anna Verschueren", 107, True),  # Dutch; French, both tags, experience, rate, contract, availability
        ("Bart Delvaux", 103, True),  # Dutch; PRINCE2, contract, availability
        ("Chloé Lambert", 7, False),  # every wish, not the Dutch
    ]
    assert found.json["total"] == 3
    chloe = found.json["items"][2]["reasons"]
    assert chloe[0] == {
        "kind": "language",
        "hard": True,
        "met": False,
        "text": "Dutch at C2 or better (required): the candidate declares B2.",
        "details": {"language": "nl", "level": "C2", "declared": "B2"},
    }
    bart = {
        reason["kind"] + str(reason["details"].get("tag", "")): reason for reason in found.json["items"][1]["reasons"]
    }
    assert (bart["tagITIL"]["met"], bart["tagITIL"]["text"]) == (False, "ITIL does not appear in the CV or motivation.")
    assert bart["experience"]["text"] == "14 years of experience; the vacancy asks 5 to 10."
    assert bart["daily_rate"]["text"] == "The candidate expects 700/day; the vacancy pays 550/day."
    assert bart["availability"]["met"] is True


def test_suggestions_are_paged(client, vacancy):
    second = suggestions(client, vacancy, page=2, page_size=2)
    assert [s["candidate"]["candidate"]["name"] for s in second.json["items"]] == ["Chloé Lambert"]
    assert second.json["total"] == 3


def test_only_the_vacancys_consultant_or_an_admin_gets_suggestions(client, vacancy):
    assert suggestions(client, vacancy, headers=TOM).status_code == 403
    assert suggestions(client, vacancy, headers=ADMIN).status_code == 200
    assert suggestions(client, vacancy, headers={}).status_code == 401
    assert suggestions(client, uuid.uuid4()).status_code == 404
    refused = suggestions(client, vacancy, page_size=0)
    assert (refused.status_code, refused.json["errors"][0]["field"]) == (422, "page_size")
