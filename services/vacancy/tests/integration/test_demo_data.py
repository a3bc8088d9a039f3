"""The demo vacancies on a real PostgreSQL database: what a candidate finds after `load-demo`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

import vacancies
from recruitment_shared.db import make_engine
from recruitment_shared.migrations import upgrade
from tests.support.seed import vacancy_92742
from vacancies import db
from vacancies.demo import load_demo_vacancies
from vacancies.domain import EDITABLE_FIELDS, VacancyStatus
from vacancies.schemas import VacancyDraftSchema
from vacancies.search import SearchCriteria, search_published, similar_to

pytestmark = pytest.mark.integration

# A fixed publication time keeps the demo's 2027 end dates in the future for as long as the tests run.
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

# Belgian geography, written out independently of the catalogue (which derives each region from its
# own city table, so only an independent oracle catches a city put in the wrong province there):
# the provinces of each part of the country, with the demo's cities in them.
FLEMISH_PROVINCES = {
    "Antwerp": {"Antwerp", "Mechelen"},
    "East Flanders": {"Ghent"},
    "Flemish Brabant": {"Leuven"},
    "Limburg": {"Hasselt", "Genk"},
    "West Flanders": {"Bruges", "Kortrijk"},
}
WALLOON_PROVINCES = {
    "Liège": {"Liège"},
    "Namur": {"Namur"},
    "Hainaut": {"Charleroi", "Mons"},
    "Walloon Brabant": {"Wavre", "Louvain-la-Neuve"},
}
PARTS = [FLEMISH_PROVINCES, WALLOON_PROVINCES, {"Brussels-Capital": {"Brussels"}}]
PROVINCE = {city: province for part in PARTS for province, cities in part.items() for city in cities}
FLANDERS = set().union(*FLEMISH_PROVINCES.values())
WALLONIA = set().union(*WALLOON_PROVINCES.values())


@pytest.fixture
def engine(new_database):
    url = new_database()
    upgrade(Path(vacancies.__file__).parent / "migrations", url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _search(engine, **criteria):
    with engine.connect() as conn:
        return search_published(conn, SearchCriteria(page_size=100, **criteria))


def _hard_languages(vacancy) -> set[str]:
    return {language.language for language in vacancy.languages if language.hard_requirement}


def test_loading_publishes_92742_as_the_seed_describes_it(engine):
    created = load_demo_vacancies(engine, NOW)

    with engine.connect() as conn:
        stored = db.get_vacancy_by_reference(conn, "92742")
    expected = VacancyDraftSchema().load(vacancy_92742())
    assert "92742" in created
    assert (stored.status, stored.published_at) == (VacancyStatus.PUBLISHED, NOW)
    assert {name: getattr(stored, name) for name in EDITABLE_FIELDS} == {
        name: getattr(expected, name) for name in EDITABLE_FIELDS
    }


def test_loading_publishes_a_spread_of_vacancies_across_belgium(engine):
    created = load_demo_vacancies(engine, NOW)

    found = _search(engine).items
    assert len(created) >= 25
    assert sorted(v.reference for v in found) == sorted(created)
    assert {v.content_language for v in found} == {"nl", "fr", "en"}
    assert len({v.city for v in found}) >= 8
    assert {v.role_type.value for v in found} == {
        "software", "infrastructure", "digital_transformation", "agile", "pmo", "general",
    }  # fmt: skip
    assert {v.workplace.value for v in found} == {"on_site", "hybrid", "remote"}
    assert all(PROVINCE[v.city] == v.region for v in found)
    assert all("nl" in _hard_languages(v) for v in found if v.city in FLANDERS)
    assert all("fr" in _hard_languages(v) for v in found if v.city in WALLONIA)
    rates = [v.contract_terms.freelance.daily_rate for v in found if v.contract_terms.freelance]
    assert rates and all(450 <= rate <= 850 for rate in rates)
    assert any(v.contract_terms.permanent and v.contract_terms.permanent.salary_min for v in found)
    assert all(v.end_date.year == 2027 and v.consultant.email.endswith("@example.com") for v in found)


def test_loading_twice_creates_nothing_new(engine):
    first = load_demo_vacancies(engine, NOW)
    second = load_demo_vacancies(engine, NOW)

    with engine.connect() as conn:
        outbox_rows = conn.execute(select(db.outbox.c.id)).all()
    assert second == []
    assert _search(engine).total == len(first)
    assert len(outbox_rows) == len(first)


def test_every_demo_vacancy_is_announced_once_through_the_outbox(engine):
    created = load_demo_vacancies(engine, NOW)

    with engine.connect() as conn:
        events = conn.execute(select(db.outbox.c.event_type, db.outbox.c.message_key)).all()
        ids = {str(db.get_vacancy_by_reference(conn, reference).id) for reference in created}
    assert sorted(key for _type, key in events) == sorted(ids)
    assert {event_type for event_type, _key in events} == {"VacancyPublished"}


def test_a_prince2_search_in_antwerp_finds_the_seed_vacancy(engine):
    load_demo_vacancies(engine, NOW)

    found = _search(engine, text="PRINCE2", city="Antwerp").items

    assert "92742" in [v.reference for v in found]
    assert all(v.city == "Antwerp" for v in found)


def test_french_speakers_searching_liege_find_only_liege_vacancies_that_ask_for_french(engine):
    load_demo_vacancies(engine, NOW)

    found = _search(engine, language="fr", city="Liège").items

    assert len(found) >= 2
    assert all(v.city == "Liège" and "fr" in {lang.language for lang in v.languages} for v in found)


@pytest.mark.parametrize(
    ("text", "content_language"),
    [("projectleider", "nl"), ("chef de projet", "fr"), ("Scrum Master", None)],
)
def test_searches_in_each_language_find_vacancies_written_in_it(engine, text, content_language):
    load_demo_vacancies(engine, NOW)

    found = _search(engine, text=text).items

    assert found
    assert content_language is None or all(v.content_language == content_language for v in found)


def test_freelancers_can_cap_the_daily_rate_in_brussels(engine):
    load_demo_vacancies(engine, NOW)

    found = _search(engine, city="Brussels", contract_type="freelance", max_daily_rate=700).items

    assert found
    assert all(v.city == "Brussels" and v.contract_terms.freelance.daily_rate <= 700 for v in found)


def test_the_seed_vacancy_is_found_by_the_methods_and_role_type_its_text_names(engine):
    load_demo_vacancies(engine, NOW)

    for tag in ("PRINCE2", "PMBOK", "ITIL"):
        assert "92742" in [v.reference for v in _search(engine, tag=tag).items], tag
    assert "92742" in [v.reference for v in _search(engine, role_type="software", city="Antwerp").items]
    assert "92742" not in [v.reference for v in _search(engine, role_type="general").items]  # no fallback


ANTWERP_REGION = {"92748", "92749", "92750", "92751", "92752"}  # Antwerp and Mechelen, the demo's province


@pytest.mark.parametrize("reader", ["en", "nl"])
def test_vacancies_like_92742_are_the_other_antwerp_region_ones_those_in_the_readers_language_first(engine, reader):
    load_demo_vacancies(engine, NOW)

    with engine.connect() as conn:
        seed = db.get_vacancy_by_reference(conn, "92742")
        similar = similar_to(conn, seed, reader)

    references = [v.reference for v in similar]
    readable = [v.content_language == reader for v in similar]
    assert set(references) == ANTWERP_REGION
    assert any(readable) and readable == sorted(readable, reverse=True)  # every one the reader reads, then the rest


def test_without_a_reader_language_the_most_alike_in_the_same_city_come_first(engine):
    load_demo_vacancies(engine, NOW)

    with engine.connect() as conn:
        similar = similar_to(conn, db.get_vacancy_by_reference(conn, "92742"))

    references = [v.reference for v in similar]
    # Antwerp software projects, then the Antwerp PMO sharing PRINCE2 and PMBOK; the rest of the province after.
    assert references[:2] == ["92748", "92750"]
    assert set(references) == ANTWERP_REGION
