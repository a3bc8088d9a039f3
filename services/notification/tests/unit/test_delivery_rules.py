"""Which SMTP failures are final, how retries are spaced, and which vacancies match an alert."""

import smtplib
from datetime import timedelta

import pytest

from notifications.alerts import AlertCriteria
from notifications.domain import Outcome, outcome_of, retry_delay


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no such user")}), Outcome.PERMANENT_FAILURE),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"mailbox busy")}), Outcome.TEMPORARY_FAILURE),
        (smtplib.SMTPDataError(554, b"rejected as spam"), Outcome.PERMANENT_FAILURE),
        (smtplib.SMTPDataError(451, b"try again later"), Outcome.TEMPORARY_FAILURE),
        (smtplib.SMTPServerDisconnected("gone"), Outcome.TEMPORARY_FAILURE),
        (ConnectionRefusedError(111, "refused"), Outcome.TEMPORARY_FAILURE),
    ],
    ids=["550", "450", "554-data", "451-data", "disconnected", "refused"],
)
def test_only_5xx_answers_are_final(error, outcome):
    assert outcome_of(error) is outcome


def test_retries_back_off_exponentially_up_to_an_hour():
    delays = [retry_delay(attempt) for attempt in range(1, 12)]
    assert delays[:3] == [timedelta(seconds=10), timedelta(seconds=20), timedelta(seconds=40)]
    assert delays == sorted(delays)
    assert delays[-1] == timedelta(hours=1)


VACANCY = {
    "title": "IT Project Manager – Public Sector",
    "tags": ["PRINCE2", "ITIL"],
    "category": "Digital - (Project) Management",
    "city": "Antwerp",
    "role_type": "general",
    "workplace": "hybrid",
    "contract_terms": {"freelance": {"daily_rate": 550, "currency": "EUR"}},
}


@pytest.mark.parametrize(
    ("criteria", "matches"),
    [
        (AlertCriteria(), True),
        (AlertCriteria(keywords=("prince2",)), True),
        (AlertCriteria(keywords=("scrum", "itil")), True),
        (AlertCriteria(keywords=("scrum",)), False),
        (AlertCriteria(cities=("antwerp", "Ghent")), True),
        (AlertCriteria(cities=("Ghent",)), False),
        (AlertCriteria(role_types=("general",)), True),
        (AlertCriteria(role_types=("agile",)), False),
        (AlertCriteria(contract_type="freelance"), True),
        (AlertCriteria(contract_type="permanent"), False),
        (AlertCriteria(workplace="remote"), False),
        (AlertCriteria(keywords=("PRINCE2",), cities=("Antwerp",), workplace="hybrid"), True),
    ],
)
def test_an_alert_matches_what_its_subscriber_looks_for(criteria, matches):
    assert criteria.matches(VACANCY) is matches
