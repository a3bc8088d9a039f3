"""The application's integration events: each carries what notification needs to write."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime

from applications.domain import Application, KnownVacancy, StatusChange
from applications.rejections import Rejection
from recruitment_shared.events import Event, new_event

SOURCE = "application"


def _facts(application: Application, vacancy: KnownVacancy) -> dict:
    candidate = application.candidate
    return {
        "application_id": application.id,
        "vacancy_id": vacancy.id,
        "vacancy_reference": vacancy.reference,
        "vacancy_title": vacancy.title,
        "consultant": asdict(vacancy.consultant) if vacancy.consultant else None,
        "candidate": {
            "name": candidate.name,
            "email": candidate.email,
            "phone": candidate.phone,
            "preferred_language": candidate.preferred_language,
        },
    }


def application_submitted(application: Application, vacancy: KnownVacancy) -> Event:
    """A candidate applied, with the screening result; never a token or link (see tokens.py)."""
    details = {
        "motivation": application.motivation,
        "screening": application.screening.to_dict() if application.screening else None,
        "submitted_at": application.submitted_at,
    }
    return _event("ApplicationSubmitted", application, vacancy, details)


def application_repeated(existing: Application, vacancy: KnownVacancy) -> Event:
    """Someone applied again with the address of `existing`: only what the email to its owner needs."""
    candidate = existing.candidate
    data = {
        "application_id": existing.id,
        "vacancy_reference": vacancy.reference,
        "vacancy_title": vacancy.title,
        "candidate": {"email": candidate.email, "preferred_language": candidate.preferred_language},
    }
    return new_event("ApplicationRepeated", existing.id, data, SOURCE)


def status_changed(
    application: Application, change: StatusChange, vacancy: KnownVacancy, rejection: Rejection | None = None
) -> Event:
    """A consultant moved the application through the pipeline (or closing its vacancy rejected it);
    a rejection names its reason, and whether the candidate is to be told."""
    details = {"from_status": change.from_status, "to_status": change.to_status, "reason": change.reason}
    details |= {"changed_by": change.actor, "changed_at": change.at}
    if rejection is not None:
        details |= {"rejection_reason": rejection.reason, "notify_candidate": rejection.notify_candidate}
    return _event("ApplicationStatusChanged", application, vacancy, details)


def withdrawn(application: Application, change: StatusChange, vacancy: KnownVacancy) -> Event:
    """The candidate withdrew."""
    details = {"from_status": change.from_status, "reason": change.reason, "withdrawn_at": change.at}
    return _event("ApplicationWithdrawn", application, vacancy, details)


def candidate_erased(
    application_id: uuid.UUID, erasure_id: uuid.UUID, candidate_key: str | None, requested_by: str, erased_at: datetime
) -> Event:
    """The application is erased here; every other service erases its copies. No personal data:
    the ids, and (when everything of an address was erased) the address's keyed hash."""
    data = {"erasure_id": erasure_id, "application_id": application_id, "candidate_key": candidate_key}
    data |= {"requested_by": requested_by, "erased_at": erased_at}
    return new_event("CandidateErased", application_id, data, SOURCE)


def _event(event_type: str, application: Application, vacancy: KnownVacancy, details: dict) -> Event:
    # Every application event is about one application: keyed by it, and telling who applied where.
    return new_event(event_type, application.id, _facts(application, vacancy) | details, SOURCE)


def application_facts(application: Application, vacancy: KnownVacancy) -> dict:
    """What every application event carries: the interview events carry it too (interview_events.py)."""
    return _facts(application, vacancy)
