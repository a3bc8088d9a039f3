"""Applications, their pipeline, and what this service knows of vacancies. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from applications.screening import CandidateProfile, LanguageSkill, Screening, VacancyRequirements, screen


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    SCREENING = "screening"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# Where a consultant may move an application from each status; withdrawing is the candidate's.
NEXT_STEPS = {
    ApplicationStatus.SUBMITTED: {ApplicationStatus.SCREENING, ApplicationStatus.REJECTED},
    ApplicationStatus.SCREENING: {ApplicationStatus.INTERVIEW, ApplicationStatus.REJECTED},
    ApplicationStatus.INTERVIEW: {ApplicationStatus.OFFER, ApplicationStatus.REJECTED},
    ApplicationStatus.OFFER: {ApplicationStatus.HIRED, ApplicationStatus.REJECTED},
}
FINAL = {ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}
CANDIDATE = "candidate"


class Source(StrEnum):
    """Where an application came from, for the pipeline reports."""

    CAREER_SITE = "career_site"
    REFERRAL = "referral"
    JOB_BOARD = "job_board"
    CONSULTANT = "consultant"


class VacancyState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class UnknownVacancy(LookupError):
    """No VacancyPublished event has told this service of that vacancy."""


class VacancyNotOpen(Exception):
    """The vacancy was closed: it takes no more applications."""


class IllegalTransition(Exception):
    """The application's status does not allow this step."""


@dataclass(frozen=True)
class Consultant:
    name: str
    email: str
    language: str | None = None  # nl, fr or en, as the vacancy events tell it: their emails' language


@dataclass(kw_only=True)
class KnownVacancy:
    """This service's read model of a vacancy, fed only by vacancy events."""

    id: uuid.UUID
    reference: str
    state: VacancyState
    title: str | None = None
    consultant: Consultant | None = None
    requirements: VacancyRequirements | None = None


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """Who applies, and what they tell us that screening and the consultant look at."""

    name: str
    email: str
    phone: str | None = None
    preferred_language: str = "en"
    languages: tuple[LanguageSkill, ...] = ()
    years_of_experience: int = 0
    contract_preference: str = "either"
    expected_daily_rate: int | None = None
    available_from: date | None = None
    # The highest degree the candidate states, for screening; not stored yet (no column for it).
    education_level: str | None = None
    city: str | None = None  # where the candidate lives: the talent pool's city filter

    def profile(self) -> CandidateProfile:
        """What screening looks at."""
        return CandidateProfile(
            self.languages,
            self.years_of_experience,
            self.contract_preference,
            self.expected_daily_rate,
            self.education_level,
            self.available_from,
        )


@dataclass(frozen=True)
class CvReference:
    key: str
    media_type: str
    size: int


@dataclass(frozen=True)
class StatusChange:
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    actor: str
    reason: str | None
    at: datetime


@dataclass(kw_only=True)
class Application:
    """A candidate's application to a vacancy, and its way through the pipeline."""

    vacancy_id: uuid.UUID
    candidate: Candidate
    motivation: str
    submitted_at: datetime
    screening: Screening | None = None
    cv: CvReference | None = None
    consent_at: datetime | None = None
    source: Source = Source.CAREER_SITE
    cv_text: str | None = field(default=None, repr=False)  # the CV's text, for the talent-pool search
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    status: ApplicationStatus = ApplicationStatus.SUBMITTED
    history: list[StatusChange] = field(default_factory=list)

    @property
    def final_since(self) -> datetime | None:
        """When the application reached its final status (hired, rejected, withdrawn); None while it is open."""
        if self.status not in FINAL:
            return None
        # No entry for it (never so today): the earliest time it could have been, so links close rather than linger.
        return next((change.at for change in reversed(self.history) if change.to_status in FINAL), self.submitted_at)

    def move_to(self, status: ApplicationStatus, actor: str, reason: str | None, now: datetime) -> StatusChange:
        """A consultant's step through the pipeline."""
        if status not in NEXT_STEPS.get(self.status, set()):
            allowed = ", ".join(sorted(NEXT_STEPS.get(self.status, set()))) or "nothing: it is final"
            raise IllegalTransition(f"an application that is {self.status} can move to {allowed}, not to {status}")
        return self._record(status, actor, reason, now)

    def invite_to_interview(self, actor: str, now: datetime) -> StatusChange | None:
        """Scheduling an interview: an application not yet at `interview` moves there (None: it is
        there or further); a final one gets no interview."""
        if self.status in FINAL:
            raise IllegalTransition(f"an application that is {self.status} gets no interview")
        if self.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.SCREENING):
            return self._record(ApplicationStatus.INTERVIEW, actor, None, now)
        return None

    def withdraw(self, reason: str | None, now: datetime) -> StatusChange:
        """The candidate steps back; possible until the application is final."""
        if self.status in FINAL:
            raise IllegalTransition(f"an application that is {self.status} can no longer be withdrawn")
        return self._record(ApplicationStatus.WITHDRAWN, CANDIDATE, reason, now)

    def _record(self, status: ApplicationStatus, actor: str, reason: str | None, now: datetime) -> StatusChange:
        change = StatusChange(self.status, status, actor, reason, now)
        self.status = status
        self.history.append(change)
        return change


def apply(
    vacancy: KnownVacancy | None,
    vacancy_id: uuid.UUID,
    candidate: Candidate,
    motivation: str,
    now: datetime,
    cv: CvReference | None = None,
    application_id: uuid.UUID | None = None,
    source: Source = Source.CAREER_SITE,
    cv_text: str | None = None,
) -> Application:
    """A candidate applies; only an open vacancy accepts, and the application is screened at once."""
    if vacancy is None:
        raise UnknownVacancy(f"no open vacancy with id {vacancy_id}")
    if vacancy.state is not VacancyState.OPEN:
        raise VacancyNotOpen(f"vacancy {vacancy.reference} is closed and takes no more applications")
    return Application(
        id=application_id or uuid.uuid4(),
        vacancy_id=vacancy.id,
        candidate=candidate,
        motivation=motivation,
        submitted_at=now,
        screening=screen(candidate.profile(), vacancy.requirements, now.date()) if vacancy.requirements else None,
        cv=cv,
        consent_at=now,
        source=source,
        cv_text=cv_text,
        history=[StatusChange(None, ApplicationStatus.SUBMITTED, CANDIDATE, None, now)],
    )
