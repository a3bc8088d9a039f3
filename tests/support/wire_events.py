"""Events as another service puts them on the wire, for the tests and benchmarks of a consumer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from recruitment_shared.events import Event, new_event

LISA = {"name": "Lisa Geudens", "email": "lisa.geudens@example.com", "title": "HR & Talent Consultant"}


def vacancy_92742_published() -> dict:
    """The data of vacancy 92742's VacancyPublished, as the application service receives it."""
    return {
        "vacancy_id": uuid.uuid4(),
        "reference": "92742",
        "title": "IT Project Manager – Public Sector",
        "city": "Antwerp",
        "workplace": "hybrid",
        "contract_terms": {"freelance": {"daily_rate": 550, "currency": "EUR"}, "permanent": {"currency": "EUR"}},
        "languages": [{"language": "nl", "level": "C2", "hard_requirement": True}],
        "experience_min_years": 5,
        "content_language": "en",
        "consultant": LISA,
        "published_at": datetime.now(UTC),
    }


def application_submitted(
    candidate: str = "Jan Peeters", email: str = "jan.peeters@example.com", language: str = "nl"
) -> Event:
    """An ApplicationSubmitted to vacancy 92742 that failed screening, as the notification service receives it."""
    application_id = uuid.uuid4()
    data = {
        "application_id": application_id,
        "vacancy_id": uuid.uuid4(),
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "consultant": {"name": LISA["name"], "email": LISA["email"]},
        "candidate": {"name": candidate, "email": email, "phone": None, "preferred_language": language},
        "motivation": "PRINCE2 Practitioner, ten years in Flemish cities.",
        "screening": {"passed": False, "reasons": ["Dutch at C2 is required; the candidate declares B2."], "notes": []},
        "candidate_token": "token-for-" + application_id.hex[:8],
        "submitted_at": datetime.now(UTC),
    }
    return new_event("ApplicationSubmitted", application_id, data, "application")
