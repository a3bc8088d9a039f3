"""The vacancy: what a consultant offers candidates, and its lifecycle. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class VacancyStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class CloseReason(StrEnum):
    FILLED = "filled"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class IllegalTransition(Exception):
    """The vacancy's status does not allow this step."""


@dataclass(frozen=True)
class LanguageRequirement:
    language: str  # ISO 639-1, e.g. "nl"
    level: str  # CEFR, A1..C2
    hard_requirement: bool


@dataclass(frozen=True)
class FreelanceTerms:
    daily_rate: int  # whole currency units: rates are quoted that way
    currency: str = "EUR"


@dataclass(frozen=True)
class PermanentTerms:
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = "EUR"


@dataclass(frozen=True)
class ContractTerms:
    """Freelance, permanent, or both (vacancy 92742 offers both)."""

    freelance: FreelanceTerms | None = None
    permanent: PermanentTerms | None = None


@dataclass(frozen=True)
class Consultant:
    name: str
    email: str
    title: str | None = None


@dataclass
class Vacancy:
    """A vacancy goes draft → published → closed; only a published one takes applications."""

    reference: str
    title: str
    city: str
    workplace: str
    contract_terms: ContractTerms
    consultant: Consultant
    experience_min_years: int
    content_language: str = "en"
    category: str | None = None
    region: str | None = None
    education_levels: list[str] = field(default_factory=list)
    experience_max_years: int | None = None
    introduction: str = ""
    responsibilities: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    nice_to_haves: list[str] = field(default_factory=list)
    languages: list[LanguageRequirement] = field(default_factory=list)
    start_date: date | None = None  # None: as soon as possible
    end_date: date | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    status: VacancyStatus = VacancyStatus.DRAFT
    published_at: datetime | None = None
    closed_at: datetime | None = None
    close_reason: CloseReason | None = None

    def publish(self, now: datetime) -> None:
        """Open the vacancy to candidates."""
        if self.status is not VacancyStatus.DRAFT:
            raise IllegalTransition(f"vacancy {self.reference} is {self.status}; only a draft can be published")
        self.status = VacancyStatus.PUBLISHED
        self.published_at = now

    def close(self, reason: CloseReason, now: datetime) -> None:
        """Stop taking applications."""
        if self.status is not VacancyStatus.PUBLISHED:
            raise IllegalTransition(f"vacancy {self.reference} is {self.status}; only a published one can be closed")
        self.status = VacancyStatus.CLOSED
        self.closed_at = now
        self.close_reason = reason
