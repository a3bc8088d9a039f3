"""The career site in a real browser (headless Chromium), on the running platform behind the front
proxy: a Dutch-speaking candidate finds vacancy 92742 by searching "PRINCE2", reads it, and
switches to English; a candidate applies with a CV (field errors beside their field, a double
submit one application), sees the thank-you page and follows the email's link to their page; the
job board, the vacancy, apply and self-service pages are saved as screenshots at a phone's and a
desktop's width and hold no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select

from recruitment_shared.events import APPLICATIONS, from_message
from tests.support.browser import DESKTOP, PHONE
from tests.support.candidates import apply, candidate_link, open_vacancy_92742
from tests.support.cvs import PDF
from tests.support.kafka import read_topic
from tests.support.seed import vacancy_92742
from tests.support.site_checks import screenshots_and_problems, site_of, wait_for
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
RESULT_92742 = (By.CSS_SELECTOR, '#results li a[href$="/vacancies/92742"]')


def _path(driver: WebDriver) -> str:
    return urlsplit(driver.current_url).path


def _job_posting(driver: WebDriver) -> dict:
    """The page's schema.org JSON-LD, as a search engine reads it."""
    [script] = driver.find_elements(By.CSS_SELECTOR, 'script[type="application/ld+json"]')
    return json.loads(script.get_attribute("textContent"))


def test_a_dutch_candidate_finds_92742_by_prince2_reads_it_and_switches_to_english(platform, browser):
    open_vacancy_92742(platform.api["vacancy"], platform.api["application"])
    title = vacancy_92742()["title"]
    phone = browser(PHONE, language="nl")

    phone.get(f"{site_of(platform)}/")
    landed = _path(phone)
    box = wait_for(phone, seen.element_to_be_clickable((By.NAME, "q")), "search box (name=q)")
    box.send_keys("PRINCE2", Keys.ENTER)  # as a person submits a search: no JavaScript needed
    result = wait_for(phone, seen.element_to_be_clickable(RESULT_92742), "link to vacancy 92742 in #results")
    board = phone.current_url
    result.click()
    heading = wait_for(phone, seen.visibility_of_element_located((By.TAG_NAME, "h1")), "vacancy title (h1)")
    dutch = (_path(phone), heading.text, phone.find_element(By.TAG_NAME, "html").get_attribute("lang"))
    posting = _job_posting(phone)
    phone.find_element(By.CSS_SELECTOR, 'nav a[hreflang="en"]').click()
    wait_for(phone, seen.url_contains("/en/"), "English page after the language switch")
    english = (
        _path(phone),
        wait_for(phone, seen.visibility_of_element_located((By.TAG_NAME, "h1")), "English title (h1)").text,
        phone.find_element(By.TAG_NAME, "html").get_attribute("lang"),
    )

    assert landed.startswith("/nl/"), f"Accept-Language nl landed on {landed}"
    assert "q=PRINCE2" in board, f"the search is not a shareable URL: {board}"
    assert dutch == ("/nl/vacancies/92742", title, "nl")
    assert (posting["@type"], posting["title"]) == ("JobPosting", title)
    assert english == ("/en/vacancies/92742", title, "en")


def test_the_job_board_and_the_vacancy_page_at_a_phones_and_a_desktops_width_are_accessible(platform, browser):
    open_vacancy_92742(platform.api["vacancy"], platform.api["application"])
    pages = {
        "job-board": f"{site_of(platform)}/nl/vacancies?q=PRINCE2",
        "vacancy": f"{site_of(platform)}/nl/vacancies/92742",
    }
    problems = screenshots_and_problems(browser, pages, language="nl")

    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems


def _fill_apply_form(driver: WebDriver, email: str, cv: Path) -> None:
    """Fill in the apply form as a candidate types it (the CV chosen from disk)."""
    for name, value in {"name": "Jan Peeters", "email": email, "years_of_experience": "6"}.items():
        field = driver.find_element(By.ID, name)
        field.clear()
        field.send_keys(value)
    Select(driver.find_element(By.ID, "language_0")).select_by_value("nl")
    Select(driver.find_element(By.ID, "level_0")).select_by_value("C2")
    Select(driver.find_element(By.ID, "contract_preference")).select_by_value("freelance")
    motivation = driver.find_element(By.ID, "motivation")
    motivation.clear()
    motivation.send_keys("Ten years of PRINCE2.")
    driver.find_element(By.ID, "cv").send_keys(str(cv))
    consent = driver.find_element(By.ID, "consent")
    if not consent.is_selected():
        consent.click()


def _submit(driver: WebDriver) -> None:
    driver.find_element(By.CSS_SELECTOR, 'form[enctype="multipart/form-data"] button[type="submit"]').click()


def test_a_candidate_applies_with_a_cv_and_follows_the_link_from_the_email_to_their_page(
    platform, browser, tmp_path, kafka_bootstrap, topics
):
    vacancy_id = open_vacancy_92742(platform.api["vacancy"], platform.api["application"])
    email = f"jan.{uuid.uuid4().hex[:8]}@example.com"
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(PDF)
    desktop = browser(DESKTOP, language="en")

    desktop.get(f"{site_of(platform)}/en/vacancies/92742/apply")
    wait_for(desktop, seen.element_to_be_clickable((By.ID, "email")), "the apply form's email field")
    _fill_apply_form(desktop, "not-an-address", cv)
    _submit(desktop)
    email_error = wait_for(
        desktop, seen.visibility_of_element_located((By.ID, "email-error")), "the email's error"
    ).text
    beside = desktop.find_element(By.ID, "email").get_attribute("aria-describedby")
    kept = desktop.find_element(By.ID, "name").get_attribute("value")
    _fill_apply_form(desktop, email, cv)
    # The same rendered form sent twice more behind the candidate's back (a double click, a resent
    # page): same CSRF token, same Idempotency-Key.
    desktop.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const form = document.querySelector('form[enctype=\"multipart/form-data\"]');"
        "const send = () => fetch(form.action, {method: 'POST', body: new FormData(form), redirect: 'manual'});"
        "send().then(send).then(() => done(true), () => done(false));"
    )
    _submit(desktop)
    thanks = wait_for(desktop, seen.visibility_of_element_located((By.CLASS_NAME, "confirmation")), "the thank-you")
    thanked = (_path(desktop), thanks.text)
    confirmation = wait_until(
        lambda: next((m for m in platform.mail() if m["To"] == email), None), timeout=60, what="the confirmation"
    )
    desktop.get(candidate_link(confirmation))
    status = wait_for(desktop, seen.visibility_of_element_located((By.ID, "status")), "the application's status")
    shown = (urlsplit(desktop.current_url).path.split("/")[2], status.get_attribute("data-status"))
    events = read_topic(kafka_bootstrap, topics.physical(APPLICATIONS), at_least=1)
    ours = [
        event
        for event in map(from_message, (r.value for r in events))
        if str(event.data.get("vacancy_id")) == vacancy_id
    ]

    assert (bool(email_error), beside) == (True, "email-error")
    assert kept == "Jan Peeters"
    assert thanked == (
        "/en/applied",
        f"Thank you, we have sent a confirmation to {email} with a link to follow your application.",
    )
    assert shown == ("my-application", "submitted")
    assert [event.type for event in ours] == ["ApplicationSubmitted"]  # three posts, one application, no repeat


def test_the_apply_and_self_service_pages_at_a_phones_and_a_desktops_width_are_accessible(platform, browser):
    vacancy_id = open_vacancy_92742(platform.api["vacancy"], platform.api["application"])
    email = f"jan.{uuid.uuid4().hex[:8]}@example.com"
    assert apply(platform.api["application"], vacancy_id, email=email).status_code == 202
    confirmation = wait_until(
        lambda: next((m for m in platform.mail() if m["To"] == email), None), timeout=60, what="the confirmation"
    )
    pages = {"apply": f"{site_of(platform)}/en/vacancies/92742/apply", "self-service": candidate_link(confirmation)}
    problems = screenshots_and_problems(browser, pages, language="en")

    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
