"""The vacancy's integration events, built from the domain object."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from recruitment_shared.events import Event, new_event
from vacancies.domain import Vacancy

SOURCE = "vacancy"


def _snapshot(vacancy: Vacancy) -> dict:
    return {
        "vacancy_id": vacancy.id,
        "reference": vacancy.reference,
        "title": vacancy.title,
        "role_type": vacancy.role_type,
        "category": vacancy.category,
        "tags": list(vacancy.tags),
        "city": vacancy.city,
        "region": vacancy.region,
        "workplace": vacancy.workplace,
        "contract_terms": asdict(vacancy.contract_terms),
        "languages": [asdict(language) for language in vacancy.languages],
        "education_levels": list(vacancy.education_levels),
        "experience_min_years": vacancy.experience_min_years,
        "experience_max_years": vacancy.experience_max_years,
        "start_date": vacancy.start_date,
        "end_date": vacancy.end_date,
        "closes_on": vacancy.closes_on,
        "content_language": vacancy.content_language,
        "consultant": asdict(vacancy.consultant),
        "published_at": vacancy.published_at,
    }


def vacancy_published(vacancy: Vacancy) -> Event:
    """The vacancy opened for applications."""
    return new_event("VacancyPublished", vacancy.id, _snapshot(vacancy), SOURCE)


def vacancy_updated(vacancy: Vacancy, now: datetime) -> Event:
    """A published vacancy changed: the full new snapshot."""
    return new_event("VacancyUpdated", vacancy.id, _snapshot(vacancy) | {"updated_at": now}, SOURCE)


def vacancy_closed(vacancy: Vacancy) -> Event:
    """The vacancy stopped taking applications."""
    data = {
        "vacancy_id": vacancy.id,
        "reference": vacancy.reference,
        "reason": vacancy.close_reason,
        "closed_at": vacancy.closed_at,
    }
    return new_event("VacancyClosed", vacancy.id, data, SOURCE)
