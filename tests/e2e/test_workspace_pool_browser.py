"""The talent pool, suggested candidates and the pipeline report in a real browser (headless
Chromium), on the running platform behind the front proxy: candidates who joined the pool applied
to Lisa's vacancy 92742 (one of them with a Word CV); Lisa publishes a second vacancy, searches the
pool by a word of a CV, opens the second vacancy's suggestions from its inbox, then her pipeline
report, whose CSV link downloads the figures. Each page is saved as a screenshot at a phone's and a
desktop's width; none holds a serious or critical accessibility violation (axe-core), nor is any
wider than the screen."""

from __future__ import annotations

import uuid

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen

from tests.support.browser import DESKTOP
from tests.support.candidates import CANDIDATE, apply, open_vacancy_92742
from tests.support.candidates import LISA as LISAS_TOKEN
from tests.support.seed import vacancy_92742
from tests.support.site_checks import screenshots_and_problems, sign_in_at, site_of, wait_for
from tests.support.talent_pool import cv_docx, cv_pdf
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
LISA = "lisa.geudens@example.com"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
POOL = {
    "Anna Verschueren": {
        "languages": ["nl:C2", "fr:B2"],
        "city": "Antwerpen",
        "cv": cv_pdf("Anna Verschueren", "PRINCE2 Practitioner", "Stad Antwerpen, digitale dienstverlening"),
    },
    "Bart Delvaux": {"languages": ["nl:B2", "en:C1"], "city": "Gent", "cv": cv_docx("Bart Delvaux", "Scrum, ITIL v4")},
    "Chloé Lambert": {"languages": ["fr:C2", "nl:C2"], "city": "Liège", "cv": cv_pdf("Chef de projet ITIL, PRINCE2")},
}


def _join_the_pool(applications: str, vacancy_id: str) -> None:
    for name, answers in POOL.items():
        cv = answers["cv"]
        media_type = "application/pdf" if cv.startswith(b"%PDF") else DOCX
        form = {"name": name, "languages": answers["languages"], "city": answers["city"], "talent_pool_consent": "true"}
        form |= {"email": f"{name.split()[0].lower()}.{uuid.uuid4().hex[:6]}@example.com", "vacancy_id": vacancy_id}
        response = apply_with(applications, form, cv, media_type)
        assert response.status_code == 202, response.text


def apply_with(applications: str, changes: dict, cv: bytes, media_type: str) -> requests.Response:
    """The candidates' usual submission (tests.support.candidates), with a CV of one's own."""
    form = CANDIDATE | {"expected_daily_rate": "500", "contract_preference": "freelance"} | changes
    return requests.post(f"{applications}/applications", data=form, files={"cv": ("cv", cv, media_type)}, timeout=10)


def _second_vacancy(vacancies: str, applications: str) -> str:
    """Lisa publishes a second vacancy like 92742 (another reference): the pool has not applied to it."""
    body = vacancy_92742() | {"reference": "92743", "title": "PMO Lead – Public Sector"}
    created = requests.post(f"{vacancies}/consultant/vacancies", json=body, headers=LISAS_TOKEN, timeout=10)
    assert created.status_code == 201, created.text
    vacancy_id = created.json()["id"]
    requests.post(f"{vacancies}/consultant/vacancies/{vacancy_id}/publish", headers=LISAS_TOKEN, timeout=10)
    wait_until(lambda: requests.get(f"{applications}/vacancies/{vacancy_id}", timeout=10).status_code == 200)
    return vacancy_id


def test_lisa_searches_the_pool_gets_suggestions_from_an_inbox_and_reads_her_pipeline(platform, browser):
    site, vacancies, applications = site_of(platform), platform.api["vacancy"], platform.api["application"]
    first = open_vacancy_92742(vacancies, applications)
    # Straight to the application service: nginx's worker buffers a body over 16 KB (a Word CV) in
    # a folder under pytest's own temporary directory, which that worker's user may not enter.
    _join_the_pool(platform.urls["application"], first)
    assert apply(applications, first, email=f"jan.{uuid.uuid4().hex[:6]}@example.com").status_code == 202
    second = _second_vacancy(vacancies, applications)
    desktop = browser(DESKTOP, language="en")

    sign_in_at(desktop, f"{site}/en/consultant/talent-pool", LISA)
    search = desktop.find_element(By.ID, "q")
    search.send_keys("ITIL")
    search.submit()
    wait_for(desktop, seen.visibility_of_element_located((By.CSS_SELECTOR, ".pool-candidate")), "a pool candidate")
    found = sorted(element.text for element in desktop.find_elements(By.CSS_SELECTOR, ".pool-name"))
    marked = [element.text for element in desktop.find_elements(By.CSS_SELECTOR, ".pool-excerpt mark")]

    desktop.get(f"{site}/en/consultant/vacancies/{second}/applications")
    desktop.find_element(By.LINK_TEXT, "Suggest candidates from the talent pool").click()
    wait_for(
        desktop, seen.visibility_of_element_located((By.CSS_SELECTOR, ".pool-reasons")), "the suggestions' reasons"
    )
    suggested = [element.text for element in desktop.find_elements(By.CSS_SELECTOR, ".pool-name")]
    fits = [element.get_attribute("data-fit") for element in desktop.find_elements(By.CSS_SELECTOR, "[data-fit]")]
    suggestions = desktop.current_url

    desktop.find_element(By.LINK_TEXT, "Pool & reports").click()
    desktop.find_element(By.LINK_TEXT, "Pipeline reports").click()
    wait_for(desktop, seen.visibility_of_element_located((By.CSS_SELECTOR, "[data-figure=applications]")), "figures")
    total = desktop.find_element(By.CSS_SELECTOR, "[data-figure=applications]").text
    csv_link = desktop.find_element(By.LINK_TEXT, "Download as CSV").get_attribute("href")
    pages = {
        "talent-pool": f"{site}/en/consultant/talent-pool?q=PRINCE2&language_0=nl&level_0=B2",
        "suggestions": suggestions,
        "pipeline-report": f"{site}/en/consultant/reports",
        "vacancy-report": f"{site}/en/consultant/vacancies/{first}/report",
    }
    problems = screenshots_and_problems(browser, pages, signed_in=(f"{site}/en/consultant/talent-pool", LISA))

    assert found == ["Bart Delvaux", "Chloé Lambert"]  # ITIL is in their CVs (one of them a Word file)
    assert marked and all(word == "ITIL" for word in marked)
    assert sorted(suggested[:2]) == ["Anna Verschueren", "Chloé Lambert"]  # they have the Dutch at C2
    assert suggested[2:] == ["Bart Delvaux"] and fits == ["yes", "yes", "no"]
    assert total == "4"  # the three of the pool and Jan, all to 92742
    assert csv_link.endswith("/en/consultant/reports/pipeline.csv")
    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
