"""The talent pool's search and ranking on 1,000 generated candidates (PostgreSQL), checked against
the same questions answered by brute force over the generated people."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient

import applications
from applications.app import create_app
from applications.read_model import on_vacancy_published
from recruitment_shared.events import from_message, to_message
from tests.support.auth import bearer
from tests.support.databases import fresh_database
from tests.support.services import migrated_app
from tests.support.talent_pool import PoolPerson, generated_people, store_people
from tests.support.wire_events import vacancy_published

pytestmark = pytest.mark.integration

LISA = bearer()
PEOPLE = generated_people(1000)
RANK = {level: index for index, level in enumerate(("A1", "A2", "B1", "B2", "C1", "C2"))}
WISHES = {
    "languages": [{"language": "nl", "level": "C1", "hard_requirement": True}],
    "tags": ["ITIL", "Scrum"],
    "experience_min_years": 5,
    "experience_max_years": 15,
    "start_date": date(2027, 3, 1),
    "contract_terms": {"freelance": {"daily_rate": 650, "currency": "EUR"}},
}


@pytest.fixture(scope="module")
def pool(postgres_admin, tmp_path_factory) -> Iterator[tuple[FlaskClient, uuid.UUID]]:
    """One database for the module: the 1,000 people applied to three vacancies of another
    consultant; Lisa's vacancy wants the above. A test client and the vacancy's id."""
    cvs = str(tmp_path_factory.mktemp("cvs"))
    with (
        fresh_database(postgres_admin, prefix="test_pool") as url,
        migrated_app(applications, create_app, url, CV_STORAGE_DIR=cvs) as app,
    ):
        tom = {"name": "Tom Peeters", "email": "tom.peeters@example.com"}
        others = [_publish(app, vacancy_published(reference=f"9300{n}", consultant=tom)) for n in range(3)]
        store_people(app.extensions["engine"], PEOPLE, others)
        yield app.test_client(), _publish(app, vacancy_published(**WISHES))


def _publish(app, event) -> uuid.UUID:
    with app.extensions["engine"].begin() as conn:
        on_vacancy_published(conn, from_message(to_message(event).value))
    return uuid.UUID(event.subject)


def pooled() -> list[PoolPerson]:
    return [person for person in PEOPLE if person.in_pool and not person.withdrew]


def level(person: PoolPerson, code: str) -> int:
    return max((RANK[s.level] for s in person.candidate.languages if s.language == code), default=-1)


def every_page(client: FlaskClient, path: str, **query) -> list[dict]:
    items, page = [], 1
    while True:
        found = client.get(path, query_string=query | {"page": page, "page_size": 100}, headers=LISA).json
        items += found["items"]
        if page * 100 >= found["total"]:
            assert len(items) == found["total"]
            return items
        page += 1


FILTERS: list[tuple[dict, Callable[[PoolPerson], bool]]] = [
    ({}, lambda p: True),
    ({"language": "nl:C1"}, lambda p: level(p, "nl") >= RANK["C1"]),
    ({"language": ["fr:B2", "en:C1"]}, lambda p: level(p, "fr") >= RANK["B2"] and level(p, "en") >= RANK["C1"]),
    (
        {"min_years": 20, "contract": "permanent"},
        lambda p: p.candidate.years_of_experience >= 20 and p.candidate.contract_preference in ("permanent", "either"),
    ),
    (
        {"max_daily_rate": 600},
        lambda p: p.candidate.expected_daily_rate is None or p.candidate.expected_daily_rate <= 600,
    ),
    (
        {"available_by": "2027-02-01"},
        lambda p: p.candidate.available_from is None or p.candidate.available_from <= date(2027, 2, 1),
    ),
    ({"city": "gent"}, lambda p: p.candidate.city == "Gent"),
    ({"q": "TOGAF"}, lambda p: "togaf" in p.cv_text.lower()),
    (
        {"q": "TOGAF liège", "contract": "freelance"},
        lambda p: (
            "togaf" in p.cv_text.lower()
            and p.candidate.city == "Liège"
            and p.candidate.contract_preference in ("freelance", "either")
        ),
    ),
]


@pytest.mark.parametrize(("query", "wanted"), FILTERS, ids=[str(query) for query, _ in FILTERS])
def test_the_pool_search_finds_exactly_the_pooled_people_who_match(pool, query, wanted):
    found = every_page(pool[0], "/consultant/talent-pool", **query)

    expected = {person.candidate.email for person in pooled() if wanted(person)}
    if "q" not in query:  # newest first (with words: best match first)
        stamps = [item["submitted_at"] for item in found]
        assert stamps == sorted(stamps, reverse=True)
    assert {item["candidate"]["email"] for item in found} == expected
    assert len(found) == len(expected)  # each person once
    if query == {}:
        assert len(expected) > 700  # most of the generated people are in the pool


def expected_score(person: PoolPerson) -> int:
    candidate, text = person.candidate, person.cv_text.lower()
    available = candidate.available_from is None or candidate.available_from <= date(2027, 3, 1)
    soft = [
        "itil" in text,
        "scrum" in text,
        5 <= candidate.years_of_experience <= 15,
        candidate.expected_daily_rate is not None and candidate.expected_daily_rate <= 650,
        candidate.contract_preference in ("freelance", "either"),
        available,
    ]
    return 100 * (level(person, "nl") >= RANK["C1"]) + sum(soft)


def test_suggestions_rank_the_whole_pool_by_the_score_brute_force_gives(pool):
    client, vacancy_id = pool
    found = every_page(client, f"/consultant/vacancies/{vacancy_id}/suggestions")

    people = {person.candidate.email: person for person in pooled()}
    assert {item["candidate"]["candidate"]["email"] for item in found} == set(people)
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True)
    assert scores == [expected_score(people[item["candidate"]["candidate"]["email"]]) for item in found]
    for item in found:  # the reasons say what the score counts
        met = sum(100 if reason["hard"] else 1 for reason in item["reasons"] if reason["met"])
        assert met == item["score"]
        assert item["meets_hard_requirements"] == (item["score"] >= 100)
