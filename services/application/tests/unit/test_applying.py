"""Only a vacancy this service knows to be open accepts applications."""

import uuid
from datetime import UTC, datetime

import pytest

from applications.domain import Candidate, Consultant, KnownVacancy, UnknownVacancy, VacancyNotOpen, VacancyState, apply

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
CANDIDATE = Candidate("Jan Peeters", "jan.peeters@example.com")


def _vacancy(state: VacancyState) -> KnownVacancy:
    consultant = Consultant("Lisa Geudens", "lisa.geudens@example.com")
    return KnownVacancy(uuid.uuid4(), "92742", state, "IT Project Manager", consultant)


def test_an_open_vacancy_accepts_an_application():
    vacancy = _vacancy(VacancyState.OPEN)
    application = apply(vacancy, vacancy.id, CANDIDATE, "I led three PRINCE2 projects.", NOW)
    assert (application.vacancy_id, application.candidate, application.status) == (vacancy.id, CANDIDATE, "submitted")


def test_an_unknown_vacancy_is_refused():
    with pytest.raises(UnknownVacancy):
        apply(None, uuid.uuid4(), CANDIDATE, "", NOW)


def test_a_closed_vacancy_is_refused_with_its_reference():
    vacancy = _vacancy(VacancyState.CLOSED)
    with pytest.raises(VacancyNotOpen, match="92742"):
        apply(vacancy, vacancy.id, CANDIDATE, "", NOW)
