"""The JobPosting JSON-LD of a vacancy whose text tries to end the script element."""

from __future__ import annotations

import json

from webclient.jobposting import as_script_text, job_posting

VACANCY = {
    "reference": "12345",
    "title": "PM </script><script>alert(1)</script>",
    "introduction": "<!-- & -->",
    "city": "Ghent",
    "region": "East Flanders",
    "workplace": "remote",
    "contract_terms": {"permanent": {"currency": "EUR"}},
    "published_at": "2026-11-30T10:00:00+00:00",
    "closes_on": None,
    "end_date": None,
}


def test_text_in_the_json_ld_cannot_close_the_script_element():
    text = as_script_text(job_posting(VACANCY, "https://example.com/en/vacancies/12345"))
    assert "</" not in text and "<!--" not in text
    posting = json.loads(text)
    assert posting["title"] == VACANCY["title"]  # the same text once parsed


def test_unknown_values_are_left_out_rather_than_empty():
    posting = job_posting(VACANCY, "https://example.com/en/vacancies/12345")
    assert "validThrough" not in posting and "baseSalary" not in posting
    assert posting["employmentType"] == ["FULL_TIME"]
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["datePosted"] == "2026-11-30"
