"""Vacancy events as the vacancy service puts them on the wire."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from recruitment_shared.events import Event, new_event, to_message
from tests.support.kafka import produce


def published_event(reference: str) -> Event:
    vacancy_id = uuid.uuid4()
    data = {
        "vacancy_id": vacancy_id,
        "reference": reference,
        "title": "IT Project Manager",
        "city": "Antwerp",
        "workplace": "hybrid",
        "contract_terms": {"freelance": {"daily_rate": 550, "currency": "EUR"}},
        "languages": [],
        "experience_min_years": 5,
        "content_language": "en",
        "consultant": {"name": "Lisa Geudens", "email": "lisa.geudens@example.com"},
        "published_at": datetime.now(UTC),
    }
    return new_event("VacancyPublished", vacancy_id, data, "vacancy")


def send(bootstrap: str, topic: str, event: Event) -> None:
    message = to_message(event)
    produce(bootstrap, topic, message.key.encode(), message.value, list(message.headers.items()))
