"""The vacancy page against the real vacancy service: the sections of the seed, no consultant
address, JobPosting JSON-LD with what Google for Jobs requires, similar vacancies, 404."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.integration

REQUIRED = {"@context", "@type", "title", "description", "datePosted", "hiringOrganization", "jobLocation"}


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_the_page_shows_every_section_of_the_seed_in_the_readers_language(web):
    page = web.get("/nl/vacancies/92742")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>IT Project Manager – Public Sector</h1>" in html
    assert "You will lead IT projects in a complex, multi-stakeholder public-sector environment" in html
    for heading in ("Verantwoordelijkheden", "Vereisten", "Pluspunten", "Talen", "Contract en data", "Je consulent"):
        assert f">{heading}</h2>" in html, heading
    assert "Facilitating workshops and working sessions with business and IT stakeholders." in html
    assert "Familiarity with ITIL." in html
    assert re.search(r"Nederlands: niveau C2 \(ERK\) –\s*<strong>vereist</strong>", html)
    assert "550,00 per dag" in html  # the freelance daily rate, in Dutch notation
    assert "15 juli 2027" in html  # the end date
    assert "Hybride" in html
    assert "Lisa Geudens, HR &amp; Talent Consultant" in html
    assert 'href="/nl/vacancies/92742/apply"' in html


def test_the_consultants_address_is_never_on_the_page(web):
    html = web.get("/en/vacancies/92742").get_data(as_text=True)
    assert "lisa.geudens@example.com" not in html
    assert "@example.com" not in html


def test_the_job_posting_has_the_properties_google_for_jobs_requires(web):
    (posting,) = json_ld(web.get("/en/vacancies/92742").get_data(as_text=True))
    assert set(posting) >= REQUIRED
    assert posting["@type"] == "JobPosting" and posting["title"] == "IT Project Manager – Public Sector"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", posting["datePosted"])
    assert posting["validThrough"] == "2027-07-15"
    assert set(posting["employmentType"]) == {"CONTRACTOR", "FULL_TIME"}
    assert posting["hiringOrganization"]["name"]
    assert posting["jobLocation"]["address"]["addressLocality"] == "Antwerp"
    assert posting["jobLocation"]["address"]["addressCountry"] == "BE"
    assert posting["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 550, "unitText": "DAY"}
    assert "PRINCE2 or PMBOK" in posting["description"]
    assert posting["url"].endswith("/en/vacancies/92742")


def test_similar_vacancies_link_to_their_pages(web):
    html = web.get("/fr/vacancies/92742").get_data(as_text=True)
    assert "Offres qui pourraient aussi vous intéresser" in html
    similar = html[html.index('id="similar"') :]
    assert re.search(r'href="/fr/vacancies/\d{4,10}"', similar)
    assert 'href="/fr/vacancies/92742"' not in similar


def test_an_unknown_reference_is_a_404_page(web):
    page = web.get("/en/vacancies/11111")
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)
    assert web.get("/en/vacancies/not-a-number").status_code == 404


def test_the_page_is_secured_for_a_browser(web):
    page = web.get("/en/vacancies/92742")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Correlation-ID"]


def test_the_apply_link_leads_to_the_apply_form_of_that_vacancy(site):
    page = site.get("/en/vacancies/92742/apply")  # with the privacy notice, from the application service
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Apply for IT Project Manager – Public Sector" in html
    assert 'type="file"' in html and 'name="csrf_token"' in html


def test_the_apply_button_comes_before_the_long_text_so_a_phone_reaches_it_without_scrolling(web):
    html = web.get("/en/vacancies/92742").get_data(as_text=True)
    apply_link = 'href="/en/vacancies/92742/apply"'

    assert html.index(apply_link) < html.index("Responsibilities")
    assert html.count(apply_link) == 2  # and again at the end, after reading it all


def test_a_reader_is_told_when_the_vacancy_text_is_in_another_language(web):
    dutch = web.get("/nl/vacancies/92742").get_data(as_text=True)  # 92742 is written in English
    english = web.get("/en/vacancies/92742").get_data(as_text=True)
    assert "Deze vacature is geschreven in het Engels." in dutch
    assert "text-language" not in english


@pytest.mark.parametrize(("lang", "readable"), [("nl", {"92748", "92750", "92751"}), ("en", {"92749", "92752"})])
def test_similar_to_92742_are_the_antwerp_region_vacancies_those_in_the_readers_language_first(web, lang, readable):
    html = web.get(f"/{lang}/vacancies/92742").get_data(as_text=True)

    similar = re.findall(rf'href="/{lang}/vacancies/(\d+)"', html[html.index('id="similar"') :])
    assert set(similar) == {"92748", "92749", "92750", "92751", "92752"}  # Antwerp and Mechelen
    assert set(similar[: len(readable)]) == readable  # the ones this reader reads come first
