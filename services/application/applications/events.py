"""The application's integration events: each carries what notification needs to write."""

from __future__ import annotations

from dataclasses import asdict

from applications.domain import Application, KnownVacancy, StatusChange
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


def application_submitted(application: Application, vacancy: KnownVacancy, candidate_token: str | None = None) -> Event:
    """A candidate applied, with the screening result (and their self-service token)."""
    data = _facts(application, vacancy) | {
        "motivation": application.motivation,
        "candidate_token": candidate_token,
        "screening": application.screening.to_dict() if application.screening else None,
        "submitted_at": application.submitted_at,
    }
    return new_event("ApplicationSubmitted", application.id, data, SOURCE)


def status_changed(application: Application, change: StatusChange, vacancy: KnownVacancy) -> Event:
    """A consultant moved the application through the pipeline."""
    data = _facts(application, vacancy) | {
        "from_status": change.from_status,
        "to_status": change.to_status,
        "reason": change.reason,
        "changed_by": change.actor,
        "changed_at": change.at,
    }
    return new_event("ApplicationStatusChanged", application.id, data, SOURCE)


def withdrawn(application: Application, change: StatusChange, vacancy: KnownVacancy) -> Event:
    """The candidate withdrew."""
    data = _facts(application, vacancy) | {
        "from_status": change.from_status,
        "reason": change.reason,
        "withdrawn_at": change.at,
    }
    return new_event("ApplicationWithdrawn", application.id, data, SOURCE)
