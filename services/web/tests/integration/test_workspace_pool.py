"""The talent pool, suggested candidates and pipeline reports in the consultant's workspace, against
the REAL vacancy and application services and the REAL OpenID Connect provider: Lisa searches the
pool (any consultant may), gets candidates suggested for her vacancy 92742 from its inbox with the
reasons in her language, reads its pipeline and downloads it as CSV; Pieter gets no report of hers."""

from __future__ import annotations

import csv
import html
import io
import re
import uuid
from dataclasses import replace

import pytest
import requests
from sqlalchemy import select

from applications.db import applications as application_table
from applications.privacy_notice import CURRENT_VERSION
from applications.read_model import on_vacancy_published
from recruitment_shared.events import from_message, to_message
from tests.support.career_site import filled, rendered_form, unique_email
from tests.support.identity import provider_bearer, provider_settings, sign_in
from tests.support.talent_pool import cv_docx, cv_pdf
from tests.support.wire_events import vacancy_published
from webclient.app import create_app

pytestmark = pytest.mark.integration

LISA = "lisa.geudens@example.com"
PIETER = "pieter.vandenbroeck@example.com"
ADMIN = "admin@example.com"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def vacancy_id(vacancy_service, application_service) -> str:
    """Lisa's 92742, as the application service knows it."""
    return vacancy_service.app.test_client().get("/vacancies/by-reference/92742").get_json()["id"]


@pytest.fixture(scope="module")
def pool(application_service, vacancy_id) -> dict[str, str]:
    """Three people in the pool from Lisa's other vacancy 92001 (one also applied to 92742), one
    applicant to 92742 who did not join the pool: their addresses by name."""
    other = uuid.uuid4()
    event = replace(vacancy_published(reference="92001", title="PMO Lead", vacancy_id=other), subject=str(other))
    with application_service.app.extensions["engine"].begin() as conn:
        on_vacancy_published(conn, from_message(to_message(event).value))
    people = {
        "Anna Verschueren": (other, cv_pdf("PRINCE2 Practitioner", "Stad Antwerpen"), ["nl:C2", "fr:B2"], "Antwerpen"),
        "Bart Delvaux": (other, cv_docx("Scrum master", "ITIL v4"), ["nl:B2", "en:C1"], "Gent"),
        "Chloé Lambert": (other, cv_pdf("Chef de projet ITIL"), ["fr:C2", "nl:C2"], "Liège"),
        "Dirk Claes": (uuid.UUID(vacancy_id), cv_pdf("PRINCE2"), ["nl:C2"], "Mechelen"),
    }
    addresses = {}
    for name, (applied_to, cv, languages, city) in people.items():
        addresses[name] = apply(
            application_service.url, applied_to, name, cv, languages, city, pool=name != "Dirk Claes"
        )
    return addresses


def apply(url: str, vacancy_id, name: str, cv: bytes, languages: list[str], city: str, pool: bool = True) -> str:
    email = f"{name.split()[0].lower()}.{uuid.uuid4().hex[:6]}@example.com"
    form = {
        "vacancy_id": str(vacancy_id),
        "name": name,
        "email": email,
        "languages": languages,
        "years_of_experience": "7",
        "contract_preference": "freelance",
        "expected_daily_rate": "500",
        "city": city,
        "motivation": "Looking for my next assignment.",
        "consent": "true",
        "talent_pool_consent": "true" if pool else "false",
        "privacy_notice_version": CURRENT_VERSION,
    }
    media_type = "application/pdf" if cv.startswith(b"%PDF") else DOCX
    answer = requests.post(f"{url}/applications", data=form, files={"cv": ("cv", cv, media_type)}, timeout=10)
    assert answer.status_code == 202, answer.text
    return email


@pytest.fixture
def workspace(vacancy_service, application_service, identity_provider):
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "APPLICATION_API_URL": application_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config | provider_settings(identity_provider)).test_client()


def shown(page) -> str:
    return html.unescape(page.get_data(as_text=True))


def people_listed(page) -> list[str]:
    return re.findall(r'<h2 class="pool-name">([^<]+)</h2>', shown(page))


def test_lisa_searches_the_pool_by_words_languages_and_city(workspace, pool):
    sign_in(workspace, LISA)

    everyone = workspace.get("/en/consultant/talent-pool")
    itil = workspace.get("/en/consultant/talent-pool?q=itil")
    dutch = workspace.get("/en/consultant/talent-pool?language_0=nl&level_0=C1&city=")
    in_ghent = workspace.get("/en/consultant/talent-pool?city=gent")

    assert everyone.status_code == 200
    assert people_listed(everyone) == ["Chloé Lambert", "Bart Delvaux", "Anna Verschueren"]  # newest first
    assert sorted(people_listed(itil)) == ["Bart Delvaux", "Chloé Lambert"]
    assert "Chef de projet <mark>ITIL</mark>" in shown(itil)  # where the word is, marked
    assert sorted(people_listed(dutch)) == ["Anna Verschueren", "Chloé Lambert"]
    assert people_listed(in_ghent) == ["Bart Delvaux"]
    page = shown(everyone)
    assert "PMO Lead" in page and "consultant: Lisa Geudens" in page  # each person's applications
    assert 'aria-current="page">Pool & reports<' in everyone.get_data(as_text=True)
    assert everyone.headers["Cache-Control"] == "no-store"  # contact details: no cache keeps them


def test_pieter_searches_the_same_pool_but_opens_no_application_of_lisas(workspace, pool):
    sign_in(workspace, PIETER)
    page = workspace.get("/en/consultant/talent-pool")

    assert len(people_listed(page)) == 3
    assert "/en/consultant/applications/" not in page.get_data(as_text=True)


def test_the_search_form_says_in_dutch_what_is_wrong_beside_the_field(workspace, pool):
    sign_in(workspace, LISA)
    page = workspace.get("/nl/consultant/talent-pool?min_years=veel&language_0=nl&available_by=morgen")

    text = shown(page)
    assert page.status_code == 422
    assert 'id="min_years-error">Geef een aantal jaren van 0 tot 60.<' in text
    assert 'id="language_0-error">Kies zowel een taal als het minimumniveau.<' in text
    assert 'id="available_by-error">Geef een datum zoals 2027-03-01.<' in text
    assert 'value="veel"' in text  # the form as typed
    assert "Woorden in het cv of de motivatie" in text


def test_the_inbox_leads_to_candidates_suggested_with_their_reasons_in_dutch(workspace, pool, vacancy_id):
    sign_in(workspace, LISA)
    inbox = workspace.get(f"/nl/consultant/vacancies/{vacancy_id}/applications")
    assert f'href="/nl/consultant/vacancies/{vacancy_id}/suggestions"' in inbox.get_data(as_text=True)

    page = workspace.get(f"/nl/consultant/vacancies/{vacancy_id}/suggestions")

    text = shown(page)
    assert page.status_code == 200
    # 92742 requires Dutch at C2: Anna and Chloé have it; Bart does not; Dirk applied already.
    assert sorted(people_listed(page)[:2]) == ["Anna Verschueren", "Chloé Lambert"]
    assert people_listed(page)[2:] == ["Bart Delvaux"]
    assert text.count('data-fit="yes"') == 2 and text.count('data-fit="no"') == 1
    assert "Nederlands op C2 of beter is vereist: geeft B2 op." in text
    assert "PRINCE2 staat in het cv of de motivatie." in text
    assert "Vraagt 500 per dag; de vacature betaalt 550." in text


def test_pieter_gets_no_suggestions_for_lisas_vacancy(workspace, pool, vacancy_id):
    sign_in(workspace, PIETER)
    page = workspace.get(f"/en/consultant/vacancies/{vacancy_id}/suggestions")
    assert page.status_code == 403


def test_lisa_reads_her_pipeline_and_downloads_it_as_csv(workspace, pool, vacancy_id):
    sign_in(workspace, LISA)

    mine = workspace.get("/en/consultant/reports")
    of_92742 = workspace.get(f"/fr/consultant/vacancies/{vacancy_id}/report")
    download = workspace.get(f"/en/consultant/vacancies/{vacancy_id}/report.csv")

    assert mine.status_code == of_92742.status_code == 200
    text = shown(mine)
    assert re.search(r'data-figure="applications">4<', text)  # three from 92001, one from 92742
    assert re.search(r'<tr data-source="career_site"><th scope="row">Career site</th><td class="number">4<', text)
    assert "92001 PMO Lead" in text and f'href="/en/consultant/vacancies/{vacancy_id}/report"' in text
    assert "Rapport sur le pipeline" in shown(of_92742) and "Délai médian d'embauche" in shown(of_92742)
    assert download.headers["Content-Disposition"] == 'attachment; filename="pipeline-92742.csv"'
    assert download.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert ["applications", "total", "1"] in rows and ["source", "career_site", "1"] in rows


def test_reports_of_lisas_vacancy_are_not_pieters_and_an_admin_sees_the_agency(
    workspace, pool, vacancy_id, application_service, identity_provider
):
    sign_in(workspace, PIETER)
    assert workspace.get(f"/en/consultant/vacancies/{vacancy_id}/report").status_code == 403
    assert workspace.get(f"/en/consultant/vacancies/{vacancy_id}/report.csv").status_code == 403
    assert re.search(r'data-figure="applications">0<', shown(workspace.get("/en/consultant/reports")))

    sign_in(workspace, ADMIN)
    agency = shown(workspace.get("/en/consultant/reports"))
    lisas = shown(workspace.get(f"/en/consultant/reports?consultant={LISA}"))
    wrong = workspace.get("/en/consultant/reports?consultant=nobody")

    total = requests.get(
        f"{application_service.url}/consultant/reports/pipeline",
        headers=provider_bearer(identity_provider, ADMIN),
        timeout=10,
    ).json()["applications"]
    assert re.search(rf'data-figure="applications">{total}<', agency) and "Every vacancy of the agency" in agency
    assert f"The vacancies of {LISA}" in lisas
    assert wrong.status_code == 422 and "This is not an email address of a consultant." in shown(wrong)


def test_the_career_site_sends_where_an_application_came_from_and_the_city_typed(
    workspace, application_service, identity_provider
):
    email = unique_email()
    form = workspace.get("/en/vacancies/92742/apply").get_data(as_text=True)
    sent = workspace.post(
        "/en/vacancies/92742/apply", data=filled(rendered_form(workspace, "en"), email, city="Hasselt")
    )

    assert 'id="city"' in form and 'autocomplete="address-level2"' in form
    assert sent.status_code in (200, 303), sent.get_data(as_text=True)
    with application_service.app.extensions["engine"].connect() as conn:
        query = select(application_table.c.source, application_table.c.city)
        stored = conn.execute(query.where(application_table.c.candidate_email == email)).one()
    assert tuple(stored) == ("career_site", "Hasselt")
