"""What a vacancy's events tell the application service beyond its hard requirements reaches the
screening's notes (seniority, education, start date) and the application events (the consultant's
language, for their emails); events from before those fields existed still work."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.auth import bearer
from tests.support.wire_events import LISA

pytestmark = pytest.mark.integration

IN_FULL = {"experience_max_years": 7, "education_levels": ["bachelor", "master"], "start_date": date(2027, 2, 1)}


def test_the_vacancys_range_degrees_and_start_are_weighed_as_notes(desk):
    vacancy_id = desk.publish(**IN_FULL)

    desk.apply(vacancy_id, years_of_experience="12", education_level="secondary", available_from="2027-03-01")

    [submitted] = desk.events()
    assert submitted.data["screening"] == {
        "passed": True,
        "reasons": [],
        "notes": [
            "The candidate expects 600/day; the vacancy offers 550/day.",
            "The vacancy asks for 5 to 7 years of experience; the candidate has 12.",
            "The vacancy asks for a bachelor's degree or a master's degree; the candidate states secondary education.",
            "The vacancy starts on 2027-02-01; the candidate is available from 2027-03-01.",
        ],
    }


def test_an_education_level_outside_the_list_is_refused(desk):
    answer = desk.apply(desk.publish(), education_level="kindergarten")

    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "education_level"


def test_the_consultants_language_from_the_vacancy_event_reaches_the_application_events(desk, client):
    vacancy_id = desk.publish(consultant=LISA | {"language": "nl"}, **IN_FULL)
    desk.apply(vacancy_id, available_from="2027-01-15")
    [application_id] = desk.submitted()

    client.post(f"/consultant/applications/{application_id}/status", json={"status": "screening"}, headers=bearer())

    assert [event.data["consultant"]["language"] for event in desk.events()] == ["nl", "nl"]
    assert desk.events()[0].data["screening"]["notes"] == ["The candidate expects 600/day; the vacancy offers 550/day."]


def test_a_vacancy_event_from_before_these_fields_screens_as_before_and_names_no_language(desk):
    vacancy_id = desk.publish()  # no range, degrees, start date or language

    desk.apply(vacancy_id, years_of_experience="30", education_level="secondary", available_from="2026-12-01")

    [submitted] = desk.events()
    assert submitted.data["consultant"]["language"] is None
    assert submitted.data["screening"]["notes"] == ["The candidate expects 600/day; the vacancy offers 550/day."]
