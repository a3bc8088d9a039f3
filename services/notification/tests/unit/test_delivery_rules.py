"""Which SMTP failures are final, how retries are spaced, and which vacancies match an alert."""

import smtplib
from datetime import UTC, datetime, timedelta

import pytest

from notifications.alerts import AlertCriteria
from notifications.domain import MAX_ATTEMPTS, Attempt, DeliveryOutcome, DeliveryStatus, outcome_of, retry_delay


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no such user")}), DeliveryOutcome.PERMANENT_FAILURE),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"mailbox busy")}), DeliveryOutcome.TEMPORARY_FAILURE),
        (smtplib.SMTPDataError(554, b"rejected as spam"), DeliveryOutcome.PERMANENT_FAILURE),
        (smtplib.SMTPDataError(451, b"try again later"), DeliveryOutcome.TEMPORARY_FAILURE),
        (smtplib.SMTPServerDisconnected("gone"), DeliveryOutcome.TEMPORARY_FAILURE),
        (ConnectionRefusedError(111, "refused"), DeliveryOutcome.TEMPORARY_FAILURE),
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


@pytest.mark.parametrize(
    ("number", "outcome", "status"),
    [
        (1, DeliveryOutcome.SENT, DeliveryStatus.SENT),
        (1, DeliveryOutcome.TEMPORARY_FAILURE, DeliveryStatus.PENDING),
        (MAX_ATTEMPTS - 1, DeliveryOutcome.TEMPORARY_FAILURE, DeliveryStatus.PENDING),
        (MAX_ATTEMPTS, DeliveryOutcome.TEMPORARY_FAILURE, DeliveryStatus.FAILED),
        (1, DeliveryOutcome.PERMANENT_FAILURE, DeliveryStatus.FAILED),
    ],
)
def test_an_email_is_given_up_after_a_5xx_or_its_last_attempt(number, outcome, status):
    attempt = Attempt(number=number, outcome=outcome, at=datetime(2026, 11, 21, tzinfo=UTC))
    assert attempt.status is status
    assert attempt.retry_at == attempt.at + retry_delay(number)


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
