"""The career site in a real browser (headless Chromium), on the running platform behind the front
proxy: a Dutch-speaking candidate finds vacancy 92742 by searching "PRINCE2", reads it, and
switches to English; the job board and the vacancy page are saved as screenshots at a phone's and a
desktop's width and hold no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.browser import DESKTOP, PHONE, OpenBrowser, browsers, screenshot, serious_or_critical_violations
from tests.support.candidates import open_vacancy_92742
from tests.support.seed import vacancy_92742

pytestmark = pytest.mark.e2e
RESULT_92742 = (By.CSS_SELECTOR, '#results li a[href$="/vacancies/92742"]')
WAIT_SECONDS = 20


@pytest.fixture
def browser() -> Iterator[OpenBrowser]:
    with browsers() as open_browser:
        yield open_browser


def _site(platform) -> str:
    """The front proxy's own address: the web client is served at its `/`, the APIs at `/api/…`."""
    return platform.api["vacancy"].rpartition("/api/")[0]


def _wait(driver: WebDriver, condition, what: str):
    """Until `condition` holds; else a failure that says what was awaited and what the page shows."""
    try:
        return WebDriverWait(driver, WAIT_SECONDS).until(condition)
    except TimeoutException:
        shown = driver.execute_script(
            "return document.body ? document.body.innerText : document.documentElement.outerHTML"
        )
        pytest.fail(f"no {what} after {WAIT_SECONDS} s at {driver.current_url}; the page shows:\n{shown[:1500]}")


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

    phone.get(f"{_site(platform)}/")
    landed = _path(phone)
    box = _wait(phone, seen.element_to_be_clickable((By.NAME, "q")), "search box (name=q)")
    box.send_keys("PRINCE2", Keys.ENTER)  # as a person submits a search: no JavaScript needed
    result = _wait(phone, seen.element_to_be_clickable(RESULT_92742), "link to vacancy 92742 in #results")
    board = phone.current_url
    result.click()
    heading = _wait(phone, seen.visibility_of_element_located((By.TAG_NAME, "h1")), "vacancy title (h1)")
    dutch = (_path(phone), heading.text, phone.find_element(By.TAG_NAME, "html").get_attribute("lang"))
    posting = _job_posting(phone)
    phone.find_element(By.CSS_SELECTOR, 'nav a[hreflang="en"]').click()
    _wait(phone, seen.url_contains("/en/"), "English page after the language switch")
    english = (
        _path(phone),
        _wait(phone, seen.visibility_of_element_located((By.TAG_NAME, "h1")), "English title (h1)").text,
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
        "job-board": f"{_site(platform)}/nl/vacancies?q=PRINCE2",
        "vacancy": f"{_site(platform)}/nl/vacancies/92742",
    }
    problems = {}

    for size in (PHONE, DESKTOP):
        driver = browser(size, language="nl")
        for name, url in pages.items():
            driver.get(url)
            _wait(driver, seen.visibility_of_element_located((By.TAG_NAME, "h1")), f"{name} heading (h1)")
            path = screenshot(driver, name)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            problems[path.name] = {
                "axe": serious_or_critical_violations(driver),
                "wider than the screen by (px)": max(overflow, 0),
            }

    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
