"""The vacancy: what a consultant offers candidates, and its lifecycle. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
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


class RoleType(StrEnum):
    """The kinds of IT project-management roles the agency places (see the role description)."""

    SOFTWARE = "software"
    INFRASTRUCTURE = "infrastructure"
    DIGITAL_TRANSFORMATION = "digital_transformation"
    AGILE = "agile"  # agile project manager / scrum master
    PMO = "pmo"
    GENERAL = "general"  # none of the above in particular (what a vacancy that names no role type is)


class Workplace(StrEnum):
    ON_SITE = "on_site"
    HYBRID = "hybrid"
    REMOTE = "remote"


class EducationLevel(StrEnum):
    SECONDARY = "secondary"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


# Methodologies and certifications, spelled as the field spells them; tags are matched
# case-insensitively and stored in this spelling so that searches and filters agree.
KNOWN_TAGS = (
    "PRINCE2", "PMBOK", "PMP", "IPMA", "MSP", "Scrum", "SAFe", "Kanban", "Agile", "Waterfall",
    "ITIL", "Lean", "Six Sigma", "TOGAF", "COBIT", "DevOps",
)  # fmt: skip
_CANONICAL_TAGS = {tag.lower(): tag for tag in KNOWN_TAGS}


def canonical_tag(tag: str) -> str | None:
    """The known spelling of `tag`, or None when it is not a known methodology or certification."""
    return _CANONICAL_TAGS.get(tag.strip().lower())


class IllegalTransition(Exception):
    """The vacancy's status does not allow this step."""


class NotReadyToPublish(IllegalTransition):
    """Candidates would miss something they need; `missing` names the empty fields."""

    def __init__(self, reference: str, missing: list[str]) -> None:
        super().__init__(f"vacancy {reference} cannot be published without: {', '.join(missing)}")
        self.missing = missing


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
    language: str | None = None  # nl, fr or en: the language of their emails; None: not known


@dataclass(kw_only=True)  # 28 fields: built by name only, so no call can put a value in the wrong one
class Vacancy:
    """A vacancy goes draft → published → closed; only a published one takes applications."""

    reference: str
    title: str
    city: str
    workplace: Workplace
    contract_terms: ContractTerms
    consultant: Consultant
    experience_min_years: int
    content_language: str = "en"
    role_type: RoleType = RoleType.GENERAL
    category: str | None = None
    region: str | None = None
    education_levels: list[str] = field(default_factory=list)
    experience_max_years: int | None = None
    introduction: str = ""
    responsibilities: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    nice_to_haves: list[str] = field(default_factory=list)
    languages: list[LanguageRequirement] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    start_date: date | None = None  # None: as soon as possible
    end_date: date | None = None
    closes_on: date | None = None  # last day to apply
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    status: VacancyStatus = VacancyStatus.DRAFT
    version: int = 1  # grows with every change; the ETag is derived from the content
    published_at: datetime | None = None
    closed_at: datetime | None = None
    close_reason: CloseReason | None = None

    def publish(self, now: datetime) -> None:
        """Open the vacancy to candidates, once it tells them what they need to know."""
        if self.status is not VacancyStatus.DRAFT:
            raise IllegalTransition(f"vacancy {self.reference} is {self.status}; only a draft can be published")
        missing = [name for name in ("introduction", "responsibilities", "requirements") if not getattr(self, name)]
        if missing:
            raise NotReadyToPublish(self.reference, missing)
        if self.is_past_deadline(now.date()):
            raise IllegalTransition(f"vacancy {self.reference} has an end or closing date in the past")
        self.status = VacancyStatus.PUBLISHED
        self.published_at = now
        self.version += 1

    def revise(self, revised: Vacancy) -> bool:
        """Take the editable content of `revised`; True when candidates must hear of it."""
        if self.status is VacancyStatus.CLOSED:
            raise IllegalTransition(f"vacancy {self.reference} is closed; a closed vacancy cannot be edited")
        known, now = self.consultant, revised.consultant
        if now.language is None and now.email.lower() == known.email.lower():
            # An edit that does not name a language (an admin's, a form without it) keeps the one known.
            revised.consultant = replace(now, language=known.language)
        for name in EDITABLE_FIELDS:
            setattr(self, name, getattr(revised, name))
        self.version += 1
        return self.status is VacancyStatus.PUBLISHED

    def close(self, reason: CloseReason, now: datetime) -> None:
        """Stop taking applications; a draft can only be cancelled."""
        if self.status is VacancyStatus.CLOSED:
            raise IllegalTransition(f"vacancy {self.reference} is already closed ({self.close_reason})")
        if self.status is VacancyStatus.DRAFT and reason is not CloseReason.CANCELLED:
            raise IllegalTransition(f"vacancy {self.reference} is a draft; a draft can only be cancelled")
        self.status = VacancyStatus.CLOSED
        self.closed_at = now
        self.close_reason = reason
        self.version += 1

    def expire(self, now: datetime) -> bool:
        """Close a published vacancy whose end or closing date has passed; True if it did."""
        if self.status is not VacancyStatus.PUBLISHED or not self.is_past_deadline(now.date()):
            return False
        self.close(CloseReason.EXPIRED, now)
        return True

    def is_past_deadline(self, today: date) -> bool:
        """Whether the end date or the closing date has passed."""
        return any(deadline is not None and deadline < today for deadline in (self.end_date, self.closes_on))


# Everything a consultant may change after creation (not the reference, status or history).
EDITABLE_FIELDS = tuple(
    name
    for name in Vacancy.__dataclass_fields__
    if name not in ("reference", "id", "status", "version", "published_at", "closed_at", "close_reason")
)
