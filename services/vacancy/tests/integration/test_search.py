"""What candidates find: full text, filters, sorting, pages, on PostgreSQL and on SQLite."""

from __future__ import annotations

import uuid

import pytest

import vacancies
from tests.support.services import migrated_app
from vacancies.app import create_app

from .conftest import Consultant

pytestmark = pytest.mark.integration

BASE = {
    "end_date": "2027-07-15",
    "tags": [],
    "nice_to_haves": [],
    "experience_max_years": None,
    "responsibilities": ["Lead the project from initiation to delivery."],
    "requirements": ["Proven experience as a project manager."],
}
CATALOGUE = {
    "92742": {"title": "IT Project Manager – Public Sector", "tags": ["PRINCE2", "PMBOK", "ITIL"]},
    "92750": {
        "title": "Scrum Master for a retail bank",
        "role_type": "agile",
        "city": "Brussels",
        "region": "Brussels-Capital",
        "workplace": "remote",
        "tags": ["Scrum", "SAFe"],
        "experience_min_years": 3,
        "languages": [{"language": "en", "level": "C1", "hard_requirement": True}],
        "contract_terms": {"permanent": {"salary_min": 60000, "salary_max": 75000}},
        "introduction": "Coach three agile teams through their first SAFe programme increment.",
    },
    "92751": {
        "title": "Infrastructure Project Manager – datacenter migration",
        "role_type": "infrastructure",
        "city": "Ghent",
        "region": "East Flanders",
        "workplace": "on_site",
        "tags": ["ITIL"],
        "experience_min_years": 8,
        "contract_terms": {"freelance": {"daily_rate": 750}},
        "introduction": "Move two datacenters to the cloud without downtime.",
    },
    "92752": {
        "title": "Projectleider digitale transformatie",
        "role_type": "digital_transformation",
        "city": "Antwerp",
        "region": "Antwerp",
        "workplace": "hybrid",
        "content_language": "nl",
        "contract_terms": {"freelance": {"daily_rate": 650}},
        "introduction": "Je leidt projecten die de dienstverlening van de stad digitaliseren; PRINCE2 is een plus.",
        "requirements": ["Minstens vijf jaar ervaring met IT-projecten."],
    },
}


@pytest.fixture(params=["postgresql", "sqlite"])
def search_client(request, new_database, tmp_path):
    url = new_database() if request.param == "postgresql" else f"sqlite:///{tmp_path / 'vacancy.sqlite3'}"
    with migrated_app(vacancies, create_app, url) as app:
        client = app.test_client()
        consultant = Consultant(client, app)
        ids = {ref: consultant.published_id(reference=ref, **(BASE | fields)) for ref, fields in CATALOGUE.items()}
        draft = consultant.created_id(reference="92799", title="Secret PRINCE2 draft", tags=["PRINCE2"])
        closed = consultant.published_id(reference="92798", title="Closed PRINCE2 vacancy")
        consultant.close(closed)
        client.ids = ids | {"draft": draft, "closed": closed}
        yield client


def _found(client, query: str) -> list[str]:
    response = client.get(f"/vacancies?{query}")
    assert response.status_code == 200, response.json
    return [item["reference"] for item in response.json["items"]]


def test_full_text_finds_what_a_candidate_means_and_not_the_rest(search_client):
    assert sorted(_found(search_client, "q=PRINCE2")) == ["92742", "92752"]
    assert _found(search_client, "q=scrum master") == ["92750"]
    assert _found(search_client, "q=datacenter migration") == ["92751"]
    assert _found(search_client, "q=astronaut") == []


def test_a_match_in_the_title_or_tags_ranks_above_one_in_the_text(search_client):
    assert _found(search_client, "q=PRINCE2")[0] == "92742"  # a tag, against a mention in 92752's text


def test_drafts_and_closed_vacancies_are_never_found(search_client):
    assert "92799" not in _found(search_client, "q=secret draft")
    assert "92798" not in _found(search_client, "q=closed")
    assert len(_found(search_client, "page_size=100")) == len(CATALOGUE)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=antwerp", ["92742", "92752"]),
        ("region=East Flanders", ["92751"]),
        ("workplace=remote", ["92750"]),
        ("contract_type=permanent", ["92742", "92750"]),  # 92742 offers both
        ("contract_type=freelance", ["92742", "92751", "92752"]),
        ("role_type=infrastructure", ["92751"]),
        ("experience_years=4", ["92750"]),
        ("language=en", ["92750"]),
        ("tag=itil", ["92742", "92751"]),
        ("min_daily_rate=600&max_daily_rate=700", ["92752"]),
        ("max_daily_rate=600", ["92742"]),
        ("q=PRINCE2&city=Antwerp&contract_type=freelance", ["92742", "92752"]),
    ],
)
def test_filters_narrow_the_results_exactly(search_client, query, expected):
    assert sorted(_found(search_client, query)) == expected


def test_newest_first_and_pages_with_totals(search_client):
    newest = _found(search_client, "sort=newest&page_size=100")
    first = search_client.get("/vacancies?sort=newest&page_size=3&page=1").json
    second = search_client.get("/vacancies?sort=newest&page_size=3&page=2").json
    beyond = search_client.get("/vacancies?sort=newest&page_size=3&page=9").json

    assert newest == ["92752", "92751", "92750", "92742"]
    assert (first["total"], len(first["items"]), second["total"], len(second["items"])) == (4, 3, 4, 1)
    assert [v["reference"] for v in first["items"] + second["items"]] == newest
    assert (beyond["total"], beyond["items"]) == (4, [])


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page_size=101",
        "max_daily_rate=2147483648",
        "workplace=moon",
        "tag=juggling",
        "min_daily_rate=700&max_daily_rate=600",
        "colour=red",
    ],
)
def test_bad_search_parameters_are_422_problems(search_client, query):
    response = search_client.get(f"/vacancies?{query}")
    assert (response.status_code, response.content_type) == (422, "application/problem+json")


def test_candidates_read_published_vacancies_by_id_or_reference_without_the_consultants_address(search_client):
    by_id = search_client.get(f"/vacancies/{search_client.ids['92742']}").json
    by_reference = search_client.get("/vacancies/by-reference/92742").json

    assert by_id == by_reference
    assert by_id["consultant"] == {"name": "Lisa Geudens", "title": "HR & Talent Consultant"}
    for hidden in (search_client.ids["draft"], search_client.ids["closed"], uuid.uuid4()):
        assert search_client.get(f"/vacancies/{hidden}").status_code == 404
    assert search_client.get("/vacancies/by-reference/92799").status_code == 404


def test_similar_vacancies_share_role_place_or_methods_and_exclude_the_vacancy_itself(search_client):
    similar = search_client.get(f"/vacancies/{search_client.ids['92742']}/similar").json
    references = [v["reference"] for v in similar]

    assert "92742" not in references
    assert references[0] == "92752"  # same city and contract, PRINCE2 in common
    assert "92750" not in references  # another role, city, contract and method


def test_similar_vacancies_in_the_readers_language_come_first_and_an_unknown_language_is_refused(search_client):
    path = f"/vacancies/{search_client.ids['92742']}/similar"

    in_dutch = [v["content_language"] for v in search_client.get(f"{path}?lang=nl").json]
    refused = search_client.get(f"{path}?lang=de")

    assert in_dutch[0] == "nl"  # 92752, the Antwerp vacancy written in Dutch
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "lang"
