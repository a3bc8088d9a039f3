"""What the browser tests do on every page of the site: wait for it, sign a consultant in through the
provider's form, and save each page's screenshot with what a person would suffer there (serious or
critical axe violations, a page wider than the screen)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.browser import DESKTOP, PHONE, OpenBrowser, screenshot, serious_or_critical_violations

WAIT_SECONDS = 30


def site_of(platform: Any) -> str:
    """The front proxy's own address: the web client is served at its `/`, the APIs at `/api/…`."""
    return platform.api["vacancy"].rpartition("/api/")[0]


def wait_for(driver: WebDriver, condition: Callable, what: str) -> Any:
    """Until `condition` holds; else a failure that says what was awaited and what the page shows."""
    try:
        return WebDriverWait(driver, WAIT_SECONDS).until(condition)
    except TimeoutException:
        shown = driver.execute_script(
            "return document.body ? document.body.innerText : document.documentElement.outerHTML"
        )
        pytest.fail(f"no {what} after {WAIT_SECONDS} s at {driver.current_url}; the page shows:\n{shown[:1500]}")


def sign_in_at(driver: WebDriver, url: str, subject: str) -> None:
    """Open a workspace `url`: the site sends the browser to the provider, whose form the consultant
    answers as a person does (typing who they are, then Authorize), and back to `url`."""
    driver.get(url)
    who = wait_for(driver, seen.element_to_be_clickable((By.NAME, "sub")), "the provider's sign-in form")
    who.send_keys(subject)
    driver.find_element(By.XPATH, "//button[normalize-space()='Authorize']").click()
    wait_for(driver, seen.url_to_be(url), f"the way back to {url}")


def page_problems(driver: WebDriver, name: str) -> dict[str, dict]:
    """The page as it is, saved as `<name>-<width>.png`, with what a person would suffer there, by file name."""
    path = screenshot(driver, name)
    # Against the screen, not the window: a phone's layout viewport widens to an overflowing page.
    overflow = driver.execute_script("return document.documentElement.scrollWidth - screen.width")
    return {
        path.name: {"axe": serious_or_critical_violations(driver), "wider than the screen by (px)": max(overflow, 0)}
    }


def screenshots_and_problems(
    browser: OpenBrowser,
    pages: Mapping[str, str],
    language: str = "en",
    signed_in: tuple[str, str] | None = None,
) -> dict[str, dict]:
    """Each page (name -> URL) at a phone's and a desktop's width, after signing in as
    `signed_in` = (a workspace URL, subject) when given: `page_problems` of each."""
    problems: dict[str, dict] = {}
    for size in (PHONE, DESKTOP):
        driver = browser(size, language=language)
        if signed_in:
            sign_in_at(driver, *signed_in)
        for name, url in pages.items():
            driver.get(url)
            wait_for(driver, seen.visibility_of_element_located((By.TAG_NAME, "h1")), f"{name} heading (h1)")
            problems |= page_problems(driver, name)
    return problems
