"""How long an application is kept: by its status, the talent-pool consent, and its last step."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from applications.domain import ApplicationStatus, Candidate, KnownVacancy, VacancyState, apply
from applications.privacy_notice import CURRENT_VERSION, LANGUAGES, privacy_notice
from applications.retention_policy import RetentionPolicy

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
VACANCY = KnownVacancy(id=uuid.uuid4(), reference="92742", state=VacancyState.OPEN)


def _application(*steps: tuple[ApplicationStatus, int]):
    """An application submitted at NOW, moved to each status that many days later."""
    application = apply(VACANCY, VACANCY.id, Candidate(name="Jan Peeters", email="jan@example.com"), "", NOW)
    for status, days in steps:
        application.move_to(status, "lisa.geudens@example.com", None, NOW + timedelta(days=days))
    return application


def test_the_period_counts_from_the_last_step_and_depends_on_the_outcome():
    policy = RetentionPolicy()
    rejected = _application((ApplicationStatus.REJECTED, 10))
    hired = _application(
        (ApplicationStatus.SCREENING, 1),
        (ApplicationStatus.INTERVIEW, 2),
        (ApplicationStatus.OFFER, 3),
        (ApplicationStatus.HIRED, 4),
    )

    assert policy.kept_until(rejected, in_talent_pool=False) == NOW + timedelta(days=10 + 730)
    assert policy.kept_until(rejected, in_talent_pool=True) == NOW + timedelta(days=10 + 1095)
    assert policy.kept_until(hired, in_talent_pool=False) == NOW + timedelta(days=4 + 1825)
    assert policy.kept_until(_application(), in_talent_pool=False) == NOW + timedelta(days=730)


def test_the_periods_are_configurable_and_a_bad_one_stops_the_process():
    configured = RetentionPolicy.from_env({"APPLICATION_RETENTION_DAYS": "365", "HIRED_RETENTION_DAYS": "3650"})

    assert (configured.application_days, configured.talent_pool_days, configured.hired_days) == (365, 1095, 3650)
    for bad in ("0", "-1", "two years", "3661", "1.5"):
        with pytest.raises(ValueError, match="APPLICATION_RETENTION_DAYS"):
            RetentionPolicy.from_env({"APPLICATION_RETENTION_DAYS": bad})


def test_every_version_of_the_notice_has_every_language_and_the_current_one_states_the_periods():
    notice = privacy_notice()

    assert notice.version == CURRENT_VERSION
    assert set(notice.texts) == set(LANGUAGES)
    for text in notice.texts.values():
        assert CURRENT_VERSION in text
        for days in ("730", "1095", "1825"):  # the defaults of RetentionPolicy, which the notice promises
            assert days in text
    defaults = RetentionPolicy()
    assert (defaults.application_days, defaults.talent_pool_days, defaults.hired_days) == (730, 1095, 1825)
