"""Who may do what, lost-update protection, and refusals of bad input with nothing stored."""

from __future__ import annotations

import pytest

from tests.support.auth import bearer
from tests.support.seed import vacancy_92742

pytestmark = pytest.mark.integration

ANOTHER_CONSULTANT = bearer("tom.peeters@example.com")
ADMIN = bearer("office@example.com", roles=("admin",))


def test_consultant_endpoints_need_a_valid_bearer_token(client, lisa):
    vacancy_id = lisa.created_id()
    cases = {
        "no token": {},
        "not bearer": {"Authorization": "Basic bGlzYTpzZWNyZXQ="},
        "wrong secret": bearer(secret="someone-elses-secret-of-sufficient-length"),
        "expired": bearer(ttl_hours=-1),
    }
    for case, headers in cases.items():
        response = client.post("/consultant/vacancies", json=vacancy_92742() | {"reference": "55555"}, headers=headers)
        read = client.get(f"/consultant/vacancies/{vacancy_id}", headers=headers)
        assert (response.status_code, read.status_code) == (401, 401), case
        assert response.content_type == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert lisa.stored() == 1


def test_a_token_without_a_staff_role_is_forbidden(client):
    candidate = bearer("jan.peeters@example.com", roles=("candidate",))
    response = client.post("/consultant/vacancies", json=vacancy_92742(), headers=candidate)
    assert (response.status_code, response.content_type) == (403, "application/problem+json")


def test_only_the_responsible_consultant_or_an_admin_changes_a_vacancy(lisa):
    vacancy_id = lisa.created_id()

    by_colleague = lisa.publish(vacancy_id, headers=ANOTHER_CONSULTANT)
    for_colleague = lisa.create(headers=ANOTHER_CONSULTANT, reference="55555")
    by_admin = lisa.publish(vacancy_id, headers=ADMIN)

    assert by_colleague.status_code == for_colleague.status_code == 403
    assert "Lisa Geudens's" in by_colleague.json["detail"]
    assert by_admin.status_code == 200
    assert [e.type for e in lisa.events()] == ["VacancyPublished"]


def test_an_edit_needs_the_current_etag(client, lisa):
    vacancy_id = lisa.published_id()
    first_read = lisa.read(vacancy_id)
    body = {k: v for k, v in first_read.json.items() if k not in _READ_ONLY}
    url = f"/consultant/vacancies/{vacancy_id}"

    without = client.put(url, json=body, headers=bearer())
    first = client.put(
        url, json=body | {"title": "First edit"}, headers=bearer() | {"If-Match": first_read.headers["ETag"]}
    )
    stale = client.put(url, json=body | {"title": "Lost"}, headers=bearer() | {"If-Match": first_read.headers["ETag"]})

    assert (without.status_code, without.content_type) == (428, "application/problem+json")
    assert first.status_code == 200 and first.headers["ETag"] != first_read.headers["ETag"]
    assert (stale.status_code, stale.content_type) == (412, "application/problem+json")
    assert lisa.read(vacancy_id).json["title"] == "First edit"
    assert [e.type for e in lisa.events()] == ["VacancyPublished", "VacancyUpdated"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"workplace": "on_the_moon"}, "workplace"),
        ({"role_type": "wizard"}, "role_type"),
        ({"education_levels": ["kindergarten"]}, "education_levels.0"),
        ({"languages": [{"language": "nl", "level": "C3"}]}, "languages.0.level"),
        ({"languages": [{"language": "dutch", "level": "C2"}]}, "languages.0.language"),
        ({"contract_terms": {"freelance": {"daily_rate": -550}}}, "contract_terms.freelance.daily_rate"),
        (
            {"contract_terms": {"permanent": {"salary_min": 80000, "salary_max": 60000}}},
            "contract_terms.permanent.salary_max",
        ),
        ({"contract_terms": {}}, "contract_terms.freelance"),
        ({"start_date": "2027-08-01", "end_date": "2027-07-15"}, "end_date"),
        ({"closes_on": "2027-08-01", "end_date": "2027-07-15"}, "closes_on"),
        ({"experience_min_years": 7, "experience_max_years": 5}, "experience_max_years"),
        ({"title": "x" * 201}, "title"),
        ({"introduction": "x" * 10_001}, "introduction"),
        ({"responsibilities": ["x"] * 51}, "responsibilities"),
        ({"tags": ["PRINCE2", "Juggling"]}, "tags.1"),
        ({"consultant": {"name": "Lisa Geudens", "email": "not-an-address"}}, "consultant.email"),
        ({"reference": "92-742"}, "reference"),
        ({"content_language": "de"}, "content_language"),
        ({"salary": 1}, "salary"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_is_a_422_problem_naming_the_field_and_stores_nothing(lisa, change, field):
    response = lisa.create(**change)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in [error["field"] for error in response.json["errors"]]
    assert lisa.stored() == 0


def test_a_body_that_is_not_json_is_a_400_problem(client):
    response = client.post("/consultant/vacancies", data="{oops", content_type="application/json", headers=bearer())
    assert (response.status_code, response.content_type) == (400, "application/problem+json")


def test_tags_are_stored_in_their_usual_spelling(lisa):
    response = lisa.create(tags=["prince2", "itil"])
    assert response.json["tags"] == ["PRINCE2", "ITIL"]


def test_a_consultant_lists_their_own_vacancies_by_status_with_totals(client, lisa):
    drafts = [lisa.created_id(reference=str(20000 + n)) for n in range(3)]
    lisa.publish(drafts[0])
    lisa.create(
        headers=ADMIN, reference="30000", consultant={"name": "Tom Peeters", "email": "tom.peeters@example.com"}
    )

    page = client.get("/consultant/vacancies?status=draft&page_size=1&page=2", headers=bearer()).json
    everything = client.get("/consultant/vacancies", headers=bearer()).json
    toms = client.get("/consultant/vacancies?consultant=tom.peeters@example.com", headers=ADMIN).json
    snooping = client.get("/consultant/vacancies?consultant=tom.peeters@example.com", headers=bearer())

    assert (page["total"], page["page"], len(page["items"])) == (2, 2, 1)
    assert page["items"][0]["status"] == "draft"
    assert everything["total"] == 3
    assert [v["reference"] for v in toms["items"]] == ["30000"]
    assert snooping.status_code == 403


_READ_ONLY = ("id", "reference", "status", "version", "published_at", "closed_at", "close_reason")


def test_the_openapi_document_lists_every_endpoint_and_which_need_a_token(client):
    spec = client.get("/openapi.json").json
    paths = spec["paths"]

    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert {"/vacancies", "/vacancies/{vacancy_id}", "/vacancies/by-reference/{reference}"} <= set(paths)
    assert paths["/consultant/vacancies/{vacancy_id}"]["put"]["security"] == [{"bearerAuth": []}]
    assert "security" not in paths["/vacancies"]["get"]
