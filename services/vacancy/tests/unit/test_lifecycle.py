"""A vacancy goes draft → published → closed, and no other way."""

from datetime import UTC, datetime

import pytest

from vacancies.domain import (
    CloseReason,
    Consultant,
    ContractTerms,
    FreelanceTerms,
    IllegalTransition,
    Vacancy,
    VacancyStatus,
)

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _draft() -> Vacancy:
    return Vacancy(
        reference="92742",
        title="IT Project Manager – Public Sector",
        city="Antwerp",
        workplace="hybrid",
        contract_terms=ContractTerms(freelance=FreelanceTerms(550)),
        consultant=Consultant("Lisa Geudens", "lisa.geudens@example.com"),
        experience_min_years=5,
    )


def test_a_published_vacancy_records_when_it_opened():
    vacancy = _draft()
    vacancy.publish(NOW)
    assert (vacancy.status, vacancy.published_at) == (VacancyStatus.PUBLISHED, NOW)


def test_closing_records_the_reason():
    vacancy = _draft()
    vacancy.publish(NOW)
    vacancy.close(CloseReason.FILLED, NOW)
    assert (vacancy.status, vacancy.close_reason, vacancy.closed_at) == (VacancyStatus.CLOSED, CloseReason.FILLED, NOW)


def test_a_vacancy_is_published_only_once():
    vacancy = _draft()
    vacancy.publish(NOW)
    with pytest.raises(IllegalTransition, match="only a draft"):
        vacancy.publish(NOW)


def test_a_draft_cannot_be_closed():
    with pytest.raises(IllegalTransition, match="only a published"):
        _draft().close(CloseReason.FILLED, NOW)


def test_a_closed_vacancy_cannot_be_reopened_or_closed_again():
    vacancy = _draft()
    vacancy.publish(NOW)
    vacancy.close(CloseReason.CANCELLED, NOW)
    with pytest.raises(IllegalTransition):
        vacancy.publish(NOW)
    with pytest.raises(IllegalTransition):
        vacancy.close(CloseReason.FILLED, NOW)
