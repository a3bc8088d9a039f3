"""Interviews in a real browser (headless Chromium), on the running platform behind the front proxy:
Jan applies to vacancy 92742; Lisa signs in, schedules an interview from his application page and
writes a staff note; Jan's invitation (in Dutch) and Lisa's arrive in the Maildir with an RFC 5545
invitation; once the interview has started she records its outcome and fills in her scorecard. The
application page, the interview form, the scorecard and the list of interviews are saved as
screenshots at a phone's and a desktop's width; none holds a serious or critical accessibility
violation (axe-core), nor is any wider than the screen."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from icalendar import Calendar
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as seen
from sqlalchemy import create_engine, text

from tests.support.auth import bearer
from tests.support.browser import DESKTOP
from tests.support.candidates import apply, open_vacancy_92742
from tests.support.site_checks import screenshots_and_problems, sign_in_at, site_of, wait_for
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
LISA = "lisa.geudens@example.com"
MAIL_SECONDS = 60
DAY = (date.today() + timedelta(days=21)).isoformat()


def _set(driver: WebDriver, field_id: str, value: str) -> None:
    """Fill a field as the browser would keep it (date and time inputs take their ISO value)."""
    field = driver.find_element(By.ID, field_id)
    driver.execute_script("arguments[0].value = arguments[1];", field, value)


def _submit(driver: WebDriver, label: str) -> None:
    button = driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']")
    button.click()
    wait_for(driver, seen.staleness_of(button), f"the page after '{label}'")


def _invitation(message) -> Calendar:
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_content())


def _as_if_started(database_url: str) -> None:
    """Move every interview's start an hour into the past, as if the day had come."""
    engine = create_engine(database_url)
    start = datetime.now(UTC) - timedelta(hours=1)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE interviews SET starts_at = :start, ends_at = :end"),
            {"start": start, "end": start + timedelta(hours=1)},
        )
    engine.dispose()


def test_lisa_schedules_an_interview_keeps_a_note_and_scores_the_candidate_in_the_browser(platform, browser):
    site, api = site_of(platform), platform.api["application"]
    vacancy_id = open_vacancy_92742(platform.api["vacancy"], api)
    email = f"jan.{uuid.uuid4().hex[:8]}@example.com"
    assert apply(api, vacancy_id, email=email, name="Jan Peeters", preferred_language="nl").status_code == 202
    listed = wait_until(
        lambda: requests.get(
            f"{api}/consultant/vacancies/{vacancy_id}/applications", headers=bearer(), timeout=10
        ).json()["items"],
        what="Jan's application",
    )
    application = f"{site}/en/consultant/applications/{listed[0]['id']}"
    desktop = browser(DESKTOP, language="en")

    sign_in_at(desktop, application, LISA)
    desktop.find_element(By.ID, "schedule").click()
    wait_for(desktop, seen.visibility_of_element_located((By.ID, "day")), "the interview form")
    schedule_form = desktop.current_url
    _set(desktop, "day", DAY)
    _set(desktop, "time", "14:00")
    desktop.find_element(By.ID, "location").send_keys("Meir 24, 2000 Antwerpen")
    desktop.find_element(By.ID, "interviewers").send_keys("Lisa Geudens\nKoen Maes (client)")
    _submit(desktop, "Send the invitation")
    scheduled = desktop.find_element(By.CSS_SELECTOR, "[role=status].flash").text
    desktop.find_element(By.ID, "note-text").send_keys("Strong on PRINCE2; ask about his notice period.")
    _submit(desktop, "Add the note")
    noted = desktop.find_element(By.CSS_SELECTOR, ".staff-notes").text
    invitations = wait_until(
        lambda: (
            [
                m
                for m in platform.mail()
                if m["To"] in (email, LISA)
                and "92742" in m["Subject"]
                and m.get_content_maintype() == "multipart"
                and any(p.get_content_type() == "text/calendar" for p in m.walk())
            ]
            or None
        ),
        timeout=MAIL_SECONDS,
        what="the invitations",
    )
    _as_if_started(platform.databases["application"])
    desktop.get(application)
    outcome = wait_for(
        desktop, seen.visibility_of_element_located((By.CSS_SELECTOR, ".outcome-form select")), "the outcome form"
    )
    outcome.send_keys("Positive")
    _submit(desktop, "Save the outcome")
    desktop.find_element(By.LINK_TEXT, "Fill in my scorecard").click()
    wait_for(desktop, seen.visibility_of_element_located((By.CSS_SELECTOR, ".scorecard-form")), "the scorecard")
    scorecard = desktop.current_url
    for criterion, score in (
        ("methodology", 4),
        ("stakeholder_management", 3),
        ("communication", 3),
        ("technical_domain", 2),
    ):
        desktop.find_element(By.CSS_SELECTOR, f"input[name={criterion}_score][value='{score}']").click()
    desktop.find_element(By.CSS_SELECTOR, "input[name=recommendation][value=yes]").click()
    _submit(desktop, "Save my scorecard")
    concluded = desktop.find_element(By.ID, "interviews").text
    follow_up = {
        "starts_at": f"{DAY}T10:00",
        "video_link": "https://meet.example.com/jan",
        "interviewers": ["Koen Maes"],
    }
    path = f"{api}/consultant/applications/{listed[0]['id']}/interviews"
    assert requests.post(path, json=follow_up, headers=bearer(), timeout=10).status_code == 201
    pages = {
        "interview-application": application,
        "interview-form": schedule_form,
        "interview-scorecard": scorecard,
        "interviews": f"{site}/en/consultant/interviews",
    }
    problems = screenshots_and_problems(browser, pages, signed_in=(f"{site}/en/consultant/emails", LISA))

    assert scheduled.startswith("Interview scheduled for") and "14:00–15:00" in scheduled
    assert "Strong on PRINCE2; ask about his notice period." in noted
    by_recipient = {message["To"]: message for message in invitations}
    assert set(by_recipient) == {email, LISA}
    assert by_recipient[email]["Content-Language"] == "nl"
    for message in by_recipient.values():
        [event] = _invitation(message).walk("VEVENT")
        assert (event.decoded("DTSTART").tzinfo.key, event.decoded("DTSTART").hour) == ("Europe/Brussels", 14)
    assert "Positive" in concluded and "Lisa Geudens" in concluded and "Yes" in concluded
    assert all(not found["axe"] and not found["wider than the screen by (px)"] for found in problems.values()), problems
