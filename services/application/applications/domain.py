"""Applications and what this service knows of vacancies. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"


class VacancyState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class UnknownVacancy(LookupError):
    """No VacancyPublished event has told this service of that vacancy."""


class VacancyNotOpen(Exception):
    """The vacancy was closed: it takes no more applications."""


@dataclass(frozen=True)
class Consultant:
    name: str
    email: str


@dataclass
class KnownVacancy:
    """This service's read model of a vacancy, fed only by vacancy events."""

    id: uuid.UUID
    reference: str
    state: VacancyState
    title: str | None = None
    consultant: Consultant | None = None


@dataclass(frozen=True)
class Candidate:
    name: str
    email: str


@dataclass
class Application:
    vacancy_id: uuid.UUID
    candidate: Candidate
    motivation: str
    submitted_at: datetime
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    status: ApplicationStatus = ApplicationStatus.SUBMITTED


def apply(
    vacancy: KnownVacancy | None, vacancy_id: uuid.UUID, candidate: Candidate, motivation: str, now: datetime
) -> Application:
    """A candidate applies; only an open vacancy accepts."""
    if vacancy is None:
        raise UnknownVacancy(f"no open vacancy with id {vacancy_id}")
    if vacancy.state is not VacancyState.OPEN:
        raise VacancyNotOpen(f"vacancy {vacancy.reference} is closed and takes no more applications")
    return Application(vacancy.id, candidate, motivation, now)
