"""The application's integration events."""

from __future__ import annotations

from dataclasses import asdict

from applications.domain import Application, KnownVacancy
from recruitment_shared.events import Event, new_event

SOURCE = "application"


def application_submitted(application: Application, vacancy: KnownVacancy) -> Event:
    """Carries the vacancy facts the notification service needs to alert the consultant."""
    data = {
        "application_id": application.id,
        "vacancy_id": vacancy.id,
        "vacancy_reference": vacancy.reference,
        "vacancy_title": vacancy.title,
        "consultant": asdict(vacancy.consultant) if vacancy.consultant else None,
        "candidate": asdict(application.candidate),
        "motivation": application.motivation,
        "submitted_at": application.submitted_at,
    }
    return new_event("ApplicationSubmitted", application.id, data, SOURCE)
