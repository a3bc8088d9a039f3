"""The vacancy's integration events, built from the domain object."""

from __future__ import annotations

from dataclasses import asdict

from recruitment_shared.events import Event, new_event
from vacancies.domain import Vacancy

SOURCE = "vacancy"


def vacancy_published(vacancy: Vacancy) -> Event:
    """Everything other services need of an open vacancy, so none of them calls back."""
    data = {
        "vacancy_id": vacancy.id,
        "reference": vacancy.reference,
        "title": vacancy.title,
        "city": vacancy.city,
        "region": vacancy.region,
        "workplace": vacancy.workplace,
        "contract_terms": asdict(vacancy.contract_terms),
        "languages": [asdict(language) for language in vacancy.languages],
        "experience_min_years": vacancy.experience_min_years,
        "experience_max_years": vacancy.experience_max_years,
        "start_date": vacancy.start_date,
        "end_date": vacancy.end_date,
        "content_language": vacancy.content_language,
        "consultant": asdict(vacancy.consultant),
        "published_at": vacancy.published_at,
    }
    return new_event("VacancyPublished", vacancy.id, data, SOURCE)


def vacancy_closed(vacancy: Vacancy) -> Event:
    """The vacancy stopped taking applications."""
    data = {
        "vacancy_id": vacancy.id,
        "reference": vacancy.reference,
        "reason": vacancy.close_reason,
        "closed_at": vacancy.closed_at,
    }
    return new_event("VacancyClosed", vacancy.id, data, SOURCE)
