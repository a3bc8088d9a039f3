"""The privacy settings of the notification service: read once at start, refused when wrong, and
periods written out as a candidate reads them."""

from datetime import UTC, datetime, timedelta

import pytest

from notifications.emails import period_in_words
from notifications.erasure import Erased, ErasureRequest
from notifications.privacy_policy import PrivacyPolicy
from recruitment_shared.privacy import candidate_key

DEVELOPMENT = {"RECRUITMENT_ENV": "development"}


@pytest.mark.parametrize(
    ("days", "nl", "fr", "en"),
    [
        (730, "twee jaar", "deux ans", "two years"),
        (365, "één jaar", "un an", "one year"),
        (90, "drie maanden", "trois mois", "three months"),
        (30, "één maand", "un mois", "one month"),
        (45, "45 dagen", "45 jours", "45 days"),
        (1, "één dag", "un jour", "one day"),
        (4015, "11 jaar", "11 ans", "11 years"),
    ],
)
def test_periods_are_written_out_in_each_language(days, nl, fr, en):
    assert [period_in_words(days, language) for language in ("nl", "fr", "en")] == [nl, fr, en]


def test_the_policy_reads_its_periods_and_the_brokers_retention_from_the_environment():
    environ = DEVELOPMENT | {
        "CANDIDATE_KEYS_SECRET": "k" * 32,
        "APPLICATION_RETENTION_DAYS": "365",
        "EMAIL_BODY_RETENTION_DAYS": "14",
        "KAFKA_RETENTION_HOURS": "48",
        "KAFKA_DLQ_RETENTION_HOURS": "96",
    }
    policy = PrivacyPolicy.from_env(environ)
    now = datetime(2026, 12, 1, tzinfo=UTC)

    assert (policy.application_retention, policy.email_body_retention) == (timedelta(days=365), timedelta(days=14))
    assert policy.unconfirmed_subscription_retention == timedelta(days=7)
    # The DLQ's 96 hours (longer than the topics'), and the day a segment may stay open.
    assert policy.broker_copies_expire_at(now) == now + timedelta(hours=96 + 24)
    assert policy.key_of(" Jan.Peeters@Example.com ") == candidate_key("jan.peeters@example.com", "k" * 32)


def test_the_defaults_are_two_years_thirty_days_and_the_default_kafka_retention():
    policy = PrivacyPolicy.from_env(DEVELOPMENT)

    assert (policy.application_retention.days, policy.email_body_retention.days) == (730, 30)
    assert policy.broker_retention == timedelta(hours=336 + 24)


@pytest.mark.parametrize("name", ["APPLICATION_RETENTION_DAYS", "EMAIL_BODY_RETENTION_DAYS"])
@pytest.mark.parametrize("value", ["0", "-3", "nan", "thirty", "99999"])
def test_a_period_that_makes_no_sense_stops_the_service_at_start(name, value):
    with pytest.raises(ValueError, match=name):
        PrivacyPolicy.from_env(DEVELOPMENT | {name: value})


def test_an_erasure_request_is_read_from_the_events_data_and_nothing_erased_is_falsy():
    data = {
        "erasure_id": "6f1f0c2e-1b7a-4a55-9a0b-8e2d3c4b5a69",
        "application_id": "0d9f6c1e-5a4b-4f3e-9c2d-1b8a7e6f5d4c",
        "candidate_key": "",
        "requested_by": "retention",
    }
    request = ErasureRequest.from_event(data)

    assert (request.candidate_key, request.requested_by) == (None, "retention")
    assert not Erased() and Erased(emails_purged=1)
