"""The consultant's inbox in a real browser (headless Chromium), on the running platform behind the
front proxy: three candidates apply to vacancy 92742; Lisa signs in on the OpenID Connect
provider's own form, opens the vacancy's inbox, sees the applications with their screening verdict,
opens the suitable one, starts screening and invites the candidate to an interview. The candidate's
page (the link from their confirmation email in the Maildir) then shows the interview, and the
invitation arrives in the Maildir. The inbox, the application page and the email delivery log are
saved as screenshots at a phone's and a desktop's width; none holds a serious or critical
accessibility violation (axe-core), nor is any wider than the screen."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen

from tests.support.browser import DESKTOP
from tests.support.candidates import apply, candidate_link, open_vacancy_92742
from tests.support.site_checks import screenshots_and_problems, sign_in_at, site_of, wait_for
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
LISA = "lisa.geudens@example.com"
MAIL_SECONDS = 60
# Vacancy 92742 asks for Dutch at C2 (a hard requirement) and pays freelancers 550 a day.
CANDIDATES = {
    "suitable": {"name": "Jan Peeters", "languages": ["nl:C2", "en:C1"]},
    "doubtful": {"name": "Sofie Janssens", "contract_preference": "freelance", "expected_daily_rate": "700"},
    "unsuitable": {"name": "Marc Dubois", "languages": ["nl:B2", "fr:C2"]},
}


def _inbox_rows(driver: WebDriver) -> dict[str, tuple[str, str]]:
    """The inbox as Lisa reads it: candidate name -> (status badge text, verdict badge text)."""
    rows = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-application]"):
        name = row.find_element(By.CSS_SELECTOR, "th a").text
        rows[name] = (
            row.find_element(By.CSS_SELECTOR, ".status").text,
            row.find_element(By.CSS_SELECTOR, ".verdict").text,
        )
    return rows


def _press(driver: WebDriver, move: str) -> None:
    """Press the move's button on the application page and wait for the page it leads back to."""
    button = wait_for(driver, seen.element_to_be_clickable((By.CSS_SELECTOR, f'button[value="{move}"]')), f"'{move}'")
    button.click()
    wait_for(driver, seen.staleness_of(button), f"the page after '{move}'")


def test_lisa_reviews_the_screening_in_her_inbox_and_invites_a_candidate_whose_page_and_mailbox_show_it(
    platform, browser
):
    site = site_of(platform)
    vacancy_id = open_vacancy_92742(platform.api["vacancy"], platform.api["application"])
    emails = {verdict: f"{verdict}.{uuid.uuid4().hex[:8]}@example.com" for verdict in CANDIDATES}
    for verdict, candidate in CANDIDATES.items():
        assert apply(platform.api["application"], vacancy_id, email=emails[verdict], **candidate).status_code == 202
    confirmation = wait_until(
        lambda: next((m for m in platform.mail() if m["To"] == emails["suitable"]), None),
        timeout=MAIL_SECONDS,
        what="the suitable candidate's confirmation",
    )
    inbox = f"{site}/en/consultant/vacancies/{vacancy_id}/applications"
    desktop = browser(DESKTOP, language="en")

    sign_in_at(desktop, inbox, LISA)
    wait_for(desktop, seen.visibility_of_element_located((By.CSS_SELECTOR, "tr[data-application]")), "an inbox row")
    listed = _inbox_rows(desktop)
    desktop.find_element(By.LINK_TEXT, "Jan Peeters").click()
    wait_for(desktop, seen.visibility_of_element_located((By.ID, "status")), "the application's status")
    application = desktop.current_url
    offered_first = [b.get_attribute("value") for b in desktop.find_elements(By.CSS_SELECTOR, "button[name=status]")]
    _press(desktop, "screening")
    _press(desktop, "interview")
    moved = (
        desktop.find_element(By.ID, "status").get_attribute("data-status"),
        desktop.find_element(By.CSS_SELECTOR, "[role=status].flash").text,
        desktop.find_element(By.CSS_SELECTOR, ".timeline li:last-child").text,
    )
    desktop.get(candidate_link(confirmation))
    candidates_view = wait_for(desktop, seen.visibility_of_element_located((By.ID, "status")), "the candidate's status")
    seen_by_candidate = candidates_view.get_attribute("data-status")
    invitation = wait_until(
        lambda: next(
            (m for m in platform.mail() if m["To"] == emails["suitable"] and "interview" in m["Subject"].lower()), None
        ),
        timeout=MAIL_SECONDS,
        what="the invitation to an interview",
    )
    pages = {"inbox": inbox, "application": application, "emails": f"{site}/en/consultant/emails"}
    problems = screenshots_and_problems(browser, pages, signed_in=(f"{site}/en/consultant/emails", LISA))

    assert listed == {
        "Jan Peeters": ("New", "Suitable"),
        "Sofie Janssens": ("New", "Doubtful"),
        "Marc Dubois": ("New", "Unsuitable"),
    }
    assert urlsplit(application).path.startswith("/en/consultant/applications/")
    assert offered_first == ["screening", "rejected"]  # never straight to an interview
    assert moved[0] == "interview"
    assert moved[1] == "Moved to “Interview”."
    assert "Screening → Interview" in moved[2] and LISA in moved[2]
    assert seen_by_candidate == "interview"
    assert "92742" in invitation["Subject"]
    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
