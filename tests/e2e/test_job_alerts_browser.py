"""Job alerts in a real browser (headless Chromium), on the running platform behind the front proxy:
a Dutch-speaking candidate searches "PRINCE2" on the job board, follows "Mail me nieuwe vacatures
zoals deze" to the alert form (prefilled with the search), subscribes, opens the confirmation link
from the email in the Maildir, sees what it confirms and confirms it; the next matching vacancy
arrives as an alert whose links open the site in Dutch, and its unsubscribe link ends the alert.
Each page on the way (form, "check your inbox", confirm, confirmed, unsubscribe, unsubscribed) is
saved as a screenshot at a phone's and a desktop's width and holds no serious or critical
accessibility violation (axe-core), nor is it wider than the screen."""

from __future__ import annotations

import re
import uuid
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen

from tests.support.browser import DESKTOP, PHONE
from tests.support.candidates import LISA, open_vacancy_92742
from tests.support.seed import vacancy_92742
from tests.support.site_checks import page_problems, site_of, wait_for
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
MAIL_SECONDS = 60


def _heading(driver: WebDriver, what: str) -> str:
    return wait_for(driver, seen.visibility_of_element_located((By.TAG_NAME, "h1")), what).text


def _mail_to(platform, address: str, link_path: str) -> EmailMessage:
    """The email to `address` carrying a link to `link_path`, once it is in the Maildir."""
    return wait_until(
        lambda: next((m for m in platform.mail() if m["To"] == address and link_path in _text(m)), None),
        timeout=MAIL_SECONDS,
        what=f"an email to the subscriber with a link to {link_path}",
    )


def _text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def _links(message: EmailMessage) -> list[str]:
    """Every link in the email's plain-text part, as the subscriber sees them."""
    return re.findall(r"https?://\S+", _text(message))


def _publish_a_prince2_vacancy(vacancies: str) -> str:
    """Lisa publishes another PRINCE2 vacancy; its reference."""
    body = vacancy_92742() | {"reference": "92743", "title": "PRINCE2 Project Manager – Port of Antwerp"}
    created = requests.post(f"{vacancies}/consultant/vacancies", json=body, headers=LISA, timeout=10)
    assert created.status_code == 201, created.text
    published = requests.post(
        f"{vacancies}/consultant/vacancies/{created.json()['id']}/publish", headers=LISA, timeout=10
    )
    assert published.status_code == 200, published.text
    return body["reference"]


def _check_at_both_widths(browser, phone: WebDriver, name: str) -> dict[str, dict]:
    """The phone's current page, and the same URL in a desktop browser: each saved as a screenshot,
    with what a person would suffer there (serious or critical axe violations, a page wider than
    the screen), by file name. Only for pages whose GET changes nothing."""
    desktop = browser(DESKTOP, language="nl")
    desktop.get(phone.current_url)
    problems = {}
    for driver in (phone, desktop):
        _heading(driver, f"the {name} page's heading")
        problems |= page_problems(driver, name)
    desktop.quit()
    return problems


def test_a_dutch_candidate_subscribes_from_the_job_board_confirms_by_email_and_unsubscribes(platform, browser):
    open_vacancy_92742(platform.api["vacancy"], platform.api["application"])
    site, email = site_of(platform), f"an.{uuid.uuid4().hex[:8]}@example.com"
    phone = browser(PHONE, language="nl")
    problems: dict[str, dict] = {}

    # The job board, searched as a person does, and its link to an alert for this search.
    phone.get(f"{site}/nl/vacancies")
    wait_for(phone, seen.element_to_be_clickable((By.ID, "q")), "the job board's search box").send_keys(
        "PRINCE2", Keys.ENTER
    )
    wait_for(phone, seen.url_contains("q=PRINCE2"), "the search's results")
    wait_for(phone, seen.element_to_be_clickable((By.ID, "alert-link")), "the link to a job alert").click()
    form_heading = _heading(phone, "the alert form")
    prefilled = phone.find_element(By.ID, "keywords").get_attribute("value")
    problems |= _check_at_both_widths(browser, phone, "alerts")
    phone.find_element(By.ID, "email").send_keys(email)
    phone.find_element(By.CSS_SELECTOR, "form.alert-form button[type=submit]").click()
    inbox = (_heading(phone, "check your inbox"), urlsplit(phone.current_url).path)
    told = phone.find_element(By.CLASS_NAME, "confirmation").text
    problems |= _check_at_both_widths(browser, phone, "alerts-inbox")

    # The confirmation email's link: a page that shows what it confirms, and a button.
    confirmation = _mail_to(platform, email, "/alerts/confirm/")
    [confirm_link] = [link for link in _links(confirmation) if "/alerts/confirm/" in link]
    phone.get(confirm_link)
    asked = (_heading(phone, "the confirm page"), phone.find_element(By.ID, "criteria").text)
    problems |= _check_at_both_widths(browser, phone, "alerts-confirm")
    phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    confirmed = wait_for(phone, seen.text_to_be_present_in_element((By.TAG_NAME, "h1"), "bevestigd"), "confirmed")
    problems |= _check_at_both_widths(browser, phone, "alerts-confirmed")

    # The next PRINCE2 vacancy arrives as an alert; its links open the site in Dutch.
    reference = _publish_a_prince2_vacancy(platform.api["vacancy"])
    alert = _mail_to(platform, email, f"/vacancies/{reference}")
    [vacancy_link] = [link for link in _links(alert) if "/vacancies/" in link]
    [unsubscribe_link] = [link for link in _links(alert) if "/alerts/unsubscribe/" in link]
    phone.get(unsubscribe_link)
    unsubscribe_heading = _heading(phone, "the unsubscribe page")
    problems |= _check_at_both_widths(browser, phone, "alerts-unsubscribe")
    phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    ended = wait_for(phone, seen.text_to_be_present_in_element((By.TAG_NAME, "h1"), "uitgeschreven"), "unsubscribed")
    problems |= _check_at_both_widths(browser, phone, "alerts-unsubscribed")
    phone.get(vacancy_link)
    vacancy_heading = _heading(phone, "the alert's vacancy")

    assert form_heading == "Mail me nieuwe vacatures" and prefilled == "PRINCE2"
    assert inbox == ("Kijk in je mailbox", "/nl/alerts/subscribed")
    assert told == f"We sturen een e-mail naar {email} met een link om je jobalert te bevestigen."
    assert confirm_link.startswith(f"{site}/nl/alerts/confirm/")
    assert asked[0] == "Bevestig je jobalert" and "PRINCE2" in asked[1]
    assert confirmed and ended
    assert vacancy_link == f"{site}/nl/vacancies/{reference}"
    assert vacancy_heading == "PRINCE2 Project Manager – Port of Antwerp"
    assert unsubscribe_link.startswith(f"{site}/nl/alerts/unsubscribe/")
    assert unsubscribe_heading == "Uitschrijven voor deze jobalert?"
    # The mail provider's one-click unsubscribe (RFC 8058) still POSTs to the API, not to a page.
    assert "/alerts/unsubscribe/" in alert["List-Unsubscribe"] and "/nl/" not in alert["List-Unsubscribe"]
    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
    # The links' tokens reach the subscriber's inbox and no log line (the mail catcher prints what it receives).
    for link in (confirm_link, unsubscribe_link):
        assert platform.processes_logging(link.rpartition("/")[2]) - {"mail"} == set()
