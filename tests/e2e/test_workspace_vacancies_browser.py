"""The consultant's vacancy pages in a real browser (headless Chromium), on the running platform
behind the front proxy: Lisa signs in on the OpenID Connect provider's own form, opens her
vacancies, opens one in its edit form and changes it; meanwhile the vacancy is changed through the
API with her token, so saving meets the "changed meanwhile" page, which shows the new version and
her own text, ready to save on top of it. Her vacancies, the edit form and the conflict page are
saved as screenshots at a phone's and a desktop's width, with the publish and close confirmation
steps, and hold no serious or critical accessibility violation (axe-core), nor a page wider than
the screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen

from tests.support.browser import DESKTOP, PHONE
from tests.support.identity import provider_bearer
from tests.support.seed import vacancy_92742
from tests.support.site_checks import page_problems, site_of, wait_for

pytestmark = pytest.mark.e2e
LISA = "lisa.geudens@example.com"


def _sign_in_as_lisa(driver: WebDriver, site: str) -> None:
    """Open the workspace; at the provider's form type Lisa's account and authorize, as she would."""
    driver.get(f"{site}/en/consultant/")
    account = wait_for(driver, seen.element_to_be_clickable((By.NAME, "sub")), "the provider's sign-in form")
    account.send_keys(LISA)
    driver.find_element(By.XPATH, "//button[normalize-space()='Authorize']").click()
    wait_for(driver, seen.url_contains("/en/consultant/vacancies"), "Lisa's vacancies after signing in")


class Vacancies:
    """Lisa's vacancies through the vacancy API, with her token from the provider."""

    def __init__(self, platform) -> None:
        self.url = f"{platform.api['vacancy']}/consultant/vacancies"
        self.headers = provider_bearer(platform.identity_provider, LISA)

    def create(self, publish: bool, **changes) -> dict:
        created = requests.post(self.url, json=vacancy_92742() | changes, headers=self.headers, timeout=10)
        assert created.status_code == 201, created.text
        if publish:
            answer = requests.post(f"{self.url}/{created.json()['id']}/publish", headers=self.headers, timeout=10)
            assert answer.status_code == 200, answer.text
        return created.json()

    def change(self, vacancy_id: str, **changes) -> None:
        """A colleague's edit: the current version, changed, sent with its ETag."""
        current = requests.get(f"{self.url}/{vacancy_id}", headers=self.headers, timeout=10)
        body = {k: v for k, v in current.json().items() if k not in _READ_ONLY} | changes
        headers = self.headers | {"If-Match": current.headers["ETag"]}
        answer = requests.put(f"{self.url}/{vacancy_id}", json=body, headers=headers, timeout=10)
        assert answer.status_code == 200, answer.text


_READ_ONLY = ("id", "reference", "status", "version", "published_at", "closed_at", "close_reason")


def test_lisa_edits_a_vacancy_changed_meanwhile_and_loses_nothing_she_typed(platform, browser):
    vacancies = Vacancies(platform)
    vacancy = vacancies.create(publish=True)
    draft = vacancies.create(publish=False, reference="92750", title="Scrum Master – Ghent", city="Ghent")
    site = site_of(platform)
    problems, seen_by_lisa = {}, []

    for size in (PHONE, DESKTOP):
        driver = browser(size, language="en")
        _sign_in_as_lisa(driver, site)
        wait_for(driver, seen.visibility_of_element_located((By.ID, "vacancies")), "the list of her vacancies")
        listed = [
            row.get_attribute("data-reference") for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-reference]")
        ]
        problems |= page_problems(driver, "my-vacancies")

        driver.find_element(By.CSS_SELECTOR, f'.ws-title a[href$="/{vacancy["id"]}/edit"]').click()
        title = wait_for(driver, seen.element_to_be_clickable((By.ID, "title")), "the edit form's title field")
        problems |= page_problems(driver, "vacancy-edit")
        mine = f"IT Project Manager – Antwerp ({size[0]} px)"
        title.clear()
        title.send_keys(mine)
        theirs = f"The city's new digital services, as agreed on the phone ({size[0]} px)."
        vacancies.change(vacancy["id"], introduction=theirs)  # between opening the form and saving it
        driver.find_element(By.CSS_SELECTOR, "form.ws-form button[type=submit]").click()

        wait_for(driver, seen.visibility_of_element_located((By.ID, "conflict")), "the changed-meanwhile page")
        page = driver.find_element(By.TAG_NAME, "main").text
        seen_by_lisa.append(
            {
                "path": urlsplit(driver.current_url).path,
                "new version shown": theirs in page,
                "her title shown": mine in page,
                "form holds her title": driver.find_element(By.ID, "title").get_attribute("value") == mine,
                "form holds the new introduction": driver.find_element(By.ID, "introduction").get_attribute("value")
                == theirs,
            }
        )
        problems |= page_problems(driver, "edit-conflict")
        for name, path in (("vacancy-publish", f"{draft['id']}/publish"), ("vacancy-close", f"{vacancy['id']}/close")):
            driver.get(f"{site}/en/consultant/vacancies/{path}")  # the confirmation steps: their GET changes nothing
            wait_for(driver, seen.visibility_of_element_located((By.ID, "confirm")), f"the {name} confirmation")
            problems |= page_problems(driver, name)

    assert listed[:2] == ["92750", "92742"]  # newest first: the draft, then the published one
    assert (
        seen_by_lisa
        == [
            {
                "path": f"/en/consultant/vacancies/{vacancy['id']}/edit",
                "new version shown": True,
                "her title shown": True,
                "form holds her title": True,
                "form holds the new introduction": True,
            }
        ]
        * 2
    )
    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
