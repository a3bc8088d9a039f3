"""The talent pool on PostgreSQL: the CV's text read at upload (PDF and Word) and searched in full
text; only candidates with a valid talent-pool consent, each person once with their applications;
every filter; paging; 422 naming the field; any consultant may search, strangers may not."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import applications
from applications.app import create_app
from applications.db import applications as application_table
from tests.support.auth import bearer
from tests.support.services import migrated_app
from tests.support.talent_pool import cv_docx, cv_pdf

from .conftest import Desk

pytestmark = pytest.mark.integration

LISA = bearer()
TOM = bearer("tom.peeters@example.com")


def pool(client, headers=LISA, **query):
    return client.get("/consultant/talent-pool", query_string=query, headers=headers)


def names(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [item["candidate"]["name"] for item in response.json["items"]]


def join(desk, vacancy_id, name: str, **answers) -> None:
    """`name` applies to the vacancy and joins the talent pool."""
    email = answers.pop("email", f"{name.lower().replace(' ', '.')}@example.com")
    answered = desk.apply(vacancy_id, name=name, email=email, talent_pool_consent="true", **answers)
    assert answered.status_code == 202, answered.json


def test_the_cv_text_is_read_at_upload_and_searched_in_full_text(desk, client, app):
    vacancy_id = desk.publish()
    pdf = cv_pdf("Sofie Janssens", "PRINCE2 Practitioner, Stad Antwerpen (2019-2026)")
    word = cv_docx("Marc Dubois", "Chef de projet IT", table=["SAFe", "ITIL v4"], header="Namur, Belgique")
    join(desk, vacancy_id, "Sofie Janssens", cv=pdf, motivation="")
    join(desk, vacancy_id, "Marc Dubois", cv=word, motivation="Disponible pour une mission.")

    with app.extensions["engine"].connect() as conn:
        stored = dict(conn.execute(select(application_table.c.candidate_name, application_table.c.cv_text)).all())
    assert "PRINCE2 Practitioner, Stad Antwerpen" in stored["Sofie Janssens"]
    assert all(text in stored["Marc Dubois"] for text in ("Chef de projet IT", "ITIL v4", "Namur, Belgique"))

    assert names(pool(client, q="practitioner")) == ["Sofie Janssens"]  # any case
    assert names(pool(client, q="ITIL")) == ["Marc Dubois"]  # from a table cell
    assert names(pool(client, q="namur")) == ["Marc Dubois"]  # from the page header
    assert names(pool(client, q="mission")) == ["Marc Dubois"]  # the motivation
    assert names(pool(client, q='"chef de projet"')) == ["Marc Dubois"]  # a phrase
    assert names(pool(client, q="PRINCE2 Namur")) == []  # every word must be found
    excerpt = pool(client, q="antwerpen").json["items"][0]["excerpt"]
    assert "«Antwerpen»" in excerpt


def test_only_valid_talent_pool_consents_count_and_each_person_appears_once(desk, client):
    first, second = desk.publish(), desk.publish(reference="92743", title="PMO Lead")
    join(desk, first, "An Maes", email="an.maes@example.com", city="Antwerpen")
    join(desk, second, "An Maes", email="An.Maes@example.com", city="Gent")  # the same person, later
    desk.apply(first, name="Koen Claes", email="koen.claes@example.com")  # no talent-pool consent
    join(desk, first, "Els Willems", email="els.willems@example.com")
    els = desk.submitted()[-1]
    withdrawn = client.post(desk.link(els) + "/talent-pool/withdraw")
    assert withdrawn.status_code == 200, withdrawn.json

    found = pool(client)
    [an] = found.json["items"]

    assert found.json["total"] == 1
    assert an["candidate"]["name"] == "An Maes"
    assert an["candidate"]["city"] == "Gent"  # described by the newest application
    assert [(a["vacancy_reference"], a["vacancy_title"]) for a in an["applications"]] == [
        ("92743", "PMO Lead"),
        ("92742", "IT Project Manager – Public Sector"),
    ]
    assert found.headers["Cache-Control"] == "no-store"


@pytest.fixture
def three(desk):
    """Three pool candidates who differ in every filter."""
    vacancy_id = desk.publish()
    join(
        desk,
        vacancy_id,
        "Anna Verschueren",
        languages=["nl:C2", "fr:B1"],
        years_of_experience="12",
        contract_preference="freelance",
        expected_daily_rate="600",
        available_from="2027-02-01",
        city="Antwerpen",
        motivation="PRINCE2 programmes for the city of Antwerp.",
    )
    join(
        desk,
        vacancy_id,
        "Bart Delvaux",
        languages=["nl:B2", "en:C1"],
        years_of_experience="4",
        contract_preference="permanent",
        expected_daily_rate=None,
        available_from=None,
        city="Gent",
        motivation="Scrum master looking for a permanent role.",
    )
    join(
        desk,
        vacancy_id,
        "Chloé Lambert",
        languages=["fr:C2", "nl:C1"],
        years_of_experience="8",
        contract_preference="either",
        expected_daily_rate="800",
        available_from="2027-06-01",
        city="Liège",
        motivation="Chef de projet ITIL.",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Anna Verschueren", "Bart Delvaux", "Chloé Lambert"}),
        ({"language": "nl:C1"}, {"Anna Verschueren", "Chloé Lambert"}),
        ({"language": ["nl:C1", "fr:C1"]}, {"Chloé Lambert"}),
        ({"language": "en:B2"}, {"Bart Delvaux"}),
        ({"min_years": 8}, {"Anna Verschueren", "Chloé Lambert"}),
        ({"contract": "freelance"}, {"Anna Verschueren", "Chloé Lambert"}),  # either counts
        ({"contract": "permanent"}, {"Bart Delvaux", "Chloé Lambert"}),
        ({"max_daily_rate": 700}, {"Anna Verschueren", "Bart Delvaux"}),  # no rate stated: kept
        ({"available_by": "2027-03-01"}, {"Anna Verschueren", "Bart Delvaux"}),  # no date: available now
        ({"city": " LIÈGE "}, {"Chloé Lambert"}),
        ({"q": "prince2"}, {"Anna Verschueren"}),
        ({"q": "ITIL", "language": "fr:C2", "contract": "freelance"}, {"Chloé Lambert"}),
        ({"min_years": 8, "city": "Gent"}, set()),
    ],
)
def test_each_filter_narrows_the_pool(client, three, query, expected):
    found = pool(client, **query)
    assert set(names(found)) == expected
    assert found.json["total"] == len(expected)


def test_the_pool_is_paged_newest_first(client, three):
    first, second = pool(client, page_size=2), pool(client, page_size=2, page=2)

    assert names(first) + names(second) == ["Chloé Lambert", "Bart Delvaux", "Anna Verschueren"]
    assert (first.json["total"], second.json["total"], second.json["page"]) == (3, 3, 2)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"language": "nl:X1"}, "language.0"),
        ({"language": ["nl:C1", "nl:B2"]}, "language"),
        ({"contract": "interim"}, "contract"),
        ({"min_years": -1}, "min_years"),
        ({"max_daily_rate": "cheap"}, "max_daily_rate"),
        ({"available_by": "soon"}, "available_by"),
        ({"city": ""}, "city"),
        ({"q": "x" * 201}, "q"),
        ({"page_size": 500}, "page_size"),
        ({"sort": "name"}, "sort"),
    ],
)
def test_bad_filters_are_422_naming_the_field(client, query, field):
    refused = pool(client, **query)

    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    assert [error["field"] for error in refused.json["errors"]] == [field]


def test_any_consultant_searches_the_whole_pool_and_no_one_else(client, three):
    assert pool(client, headers={}).status_code == 401
    assert pool(client, headers=bearer("someone@example.com", roles=("candidate",))).status_code == 403
    assert len(names(pool(client, headers=TOM))) == 3  # vacancy 92742 is Lisa's: the pool is the agency's


def test_on_sqlite_for_local_runs_the_pool_matches_words_instead(tmp_path):
    """scripts/run.sh runs on SQLite: no tsvector there, every word is looked for in the text instead."""
    database = f"sqlite:///{tmp_path / 'application.sqlite3'}"
    with migrated_app(applications, create_app, database, CV_STORAGE_DIR=str(tmp_path / "cvs")) as app:
        desk = Desk(app, app.test_client())
        vacancy_id = desk.publish(tags=["PRINCE2"], experience_max_years=10)
        join(desk, vacancy_id, "Sofie Janssens", cv=cv_pdf("PRINCE2 Practitioner"), languages=["nl:C2"], city="Gent")
        join(desk, vacancy_id, "Marc Dubois", cv=cv_docx("Chef de projet ITIL"), languages=["fr:C2"])
        other = desk.publish(reference="92743")

        assert names(pool(desk.client, q="prince2 practitioner")) == ["Sofie Janssens"]
        assert names(pool(desk.client, language="nl:C1", city="gent")) == ["Sofie Janssens"]
        assert "PRINCE2 «Practitioner»" in pool(desk.client, q="practitioner").json["items"][0]["excerpt"]
        ranked = desk.client.get(f"/consultant/vacancies/{other}/suggestions", headers=LISA).json["items"]
        assert [s["candidate"]["candidate"]["name"] for s in ranked] == ["Sofie Janssens", "Marc Dubois"]


def test_the_candidates_export_holds_the_cv_text_and_the_city_and_source_they_gave(desk, client):
    vacancy_id = desk.publish()
    join(desk, vacancy_id, "Sofie Janssens", cv=cv_pdf("PRINCE2 Practitioner"), city="Gent", source="referral")
    [application_id] = desk.submitted()

    [exported] = client.get(desk.link(application_id) + "/export").json["applications"]

    assert (exported["cv_text"], exported["source"], exported["candidate"]["city"]) == (
        "PRINCE2 Practitioner",
        "referral",
        "Gent",
    )
