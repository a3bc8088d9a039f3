"""What a candidate does with their data through their link: see their application and how long it
is kept, withdraw it, export everything of their address, download their CVs, withdraw their
talent-pool consent.

The scope comes only from the signed link: its application's address. No request parameter can
widen it, so nobody reaches another candidate's data.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from applications import application_store, handlers, vacancy_store
from applications.consents import Consent, Purpose, talent_pool_consent
from applications.domain import Application, CvReference, KnownVacancy
from applications.retention_policy import RetentionPolicy
from applications.tokens import CandidateLinks


@dataclass(frozen=True)
class OwnApplication:
    """An application as its candidate sees it, with its consents and how long it is kept."""

    application: Application
    consents: list[Consent]
    retention_days: int
    kept_until: datetime
    vacancy: KnownVacancy | None = None

    @property
    def talent_pool(self) -> Consent | None:
        """The talent-pool consent, if the candidate gave one (perhaps withdrawn since)."""
        return talent_pool_consent(self.consents)


@dataclass(frozen=True)
class CandidateExport:
    """Everything this service holds about the address of a candidate's link."""

    exported_at: datetime
    applications: list[OwnApplication]


class CvNotFound(LookupError):
    """No CV of this candidate has that application id."""


def own_application(
    conn: Connection, application_id: uuid.UUID, links: CandidateLinks, policy: RetentionPolicy
) -> OwnApplication:
    """The application the link opens, with how long it is kept; InvalidCandidateToken otherwise."""
    application = handlers.open_own_application(conn, application_id, links)
    return _seen(conn, [application], policy)[0]


def withdraw(
    conn: Connection, application_id: uuid.UUID, reason: str | None, links: CandidateLinks, policy: RetentionPolicy
) -> OwnApplication:
    """The candidate withdraws their application (ApplicationWithdrawn), and sees it as it is now."""
    application = handlers.withdraw_application(conn, application_id, reason, links)
    return _seen(conn, [application], policy)[0]


def withdraw_talent_pool(
    conn: Connection, application_id: uuid.UUID, links: CandidateLinks, policy: RetentionPolicy
) -> OwnApplication:
    """Withdraw the talent-pool consent of every application of the link's address: the profile is
    one, so is the choice to keep it. Withdrawing again changes nothing."""
    application = handlers.open_own_application(conn, application_id, links)
    ids = [each.id for each in application_store.applications_of(conn, application.candidate.email)]
    application_store.withdraw_consents(conn, ids, Purpose.TALENT_POOL, datetime.now(UTC))
    return _seen(conn, [application], policy)[0]


def export_own_data(
    conn: Connection, application_id: uuid.UUID, links: CandidateLinks, policy: RetentionPolicy
) -> CandidateExport:
    """Every application of the link's address, with history, screening, consents and retention."""
    email = handlers.open_own_application(conn, application_id, links).candidate.email
    found = application_store.applications_of(conn, email)
    return CandidateExport(exported_at=datetime.now(UTC), applications=_seen(conn, found, policy, vacancies=True))


def own_cv(conn: Connection, application_id: uuid.UUID, links: CandidateLinks, wanted: uuid.UUID) -> CvReference:
    """The CV of application `wanted`, if it is one of the link's address; CvNotFound otherwise."""
    email = handlers.open_own_application(conn, application_id, links).candidate.email
    cv = next((each.cv for each in application_store.applications_of(conn, email) if each.id == wanted), None)
    if cv is None:
        raise CvNotFound("no CV of yours belongs to that application")
    return cv


def _seen(
    conn: Connection, found: list[Application], policy: RetentionPolicy, vacancies: bool = False
) -> list[OwnApplication]:
    consents = application_store.consents_of(conn, [application.id for application in found])
    seen = []
    for application in found:
        pool = talent_pool_consent(consents[application.id])
        in_pool = pool is not None and pool.valid
        vacancy = vacancy_store.get_known_vacancy(conn, application.vacancy_id) if vacancies else None
        days = policy.days(application.status, in_pool)
        kept_until = policy.kept_until(application, in_pool)
        seen.append(OwnApplication(application, consents[application.id], days, kept_until, vacancy))
    return seen
