"""Events as another service puts them on the wire, for the tests and benchmarks of a consumer:
one builder per event type, and `publish` to put one on a topic."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from recruitment_shared.events import Event, new_event, to_message
from tests.support.kafka import produce

LISA = {"name": "Lisa Geudens", "email": "lisa.geudens@example.com", "title": "HR & Talent Consultant"}


def publish(bootstrap: str, topic: str, event: Event) -> None:
    """Put `event` on `topic` as its producer would (keyed by its subject, with its headers)."""
    message = to_message(event)
    produce(bootstrap, topic, message.key.encode(), message.value, list(message.headers.items()))


def vacancy_published(reference: str = "92742", **changes: Any) -> Event:
    """A VacancyPublished of vacancy 92742 (under another `reference` if given), with `changes` to its data."""
    vacancy_id = uuid.uuid4()
    data = {
        "vacancy_id": vacancy_id,
        "reference": reference,
        "title": "IT Project Manager – Public Sector",
        "role_type": "general",
        "tags": ["PRINCE2", "ITIL"],
        "city": "Antwerp",
        "workplace": "hybrid",
        "contract_terms": {"freelance": {"daily_rate": 550, "currency": "EUR"}, "permanent": {"currency": "EUR"}},
        "languages": [{"language": "nl", "level": "C2", "hard_requirement": True}],
        "experience_min_years": 5,
        "content_language": "en",
        "consultant": LISA,
        "published_at": datetime.now(UTC),
    } | changes
    return new_event("VacancyPublished", vacancy_id, data, "vacancy")


def application_submitted(
    candidate: str = "Jan Peeters",
    email: str = "jan.peeters@example.com",
    language: str = "nl",
    consultant: dict[str, str] | None = None,
) -> Event:
    """An ApplicationSubmitted to vacancy 92742 (of Lisa, unless another `consultant` is given) that
    failed screening, as the notification service receives it."""
    application_id = uuid.uuid4()
    data = {
        "application_id": application_id,
        "vacancy_id": uuid.uuid4(),
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "consultant": consultant or {"name": LISA["name"], "email": LISA["email"]},
        "candidate": {"name": candidate, "email": email, "phone": None, "preferred_language": language},
        "motivation": "PRINCE2 Practitioner, ten years in Flemish cities.",
        "screening": {"passed": False, "reasons": ["Dutch at C2 is required; the candidate declares B2."], "notes": []},
        "submitted_at": datetime.now(UTC),
    }
    return new_event("ApplicationSubmitted", application_id, data, "application")


def application_repeated(
    application_id: uuid.UUID, email: str = "jan.peeters@example.com", language: str = "nl"
) -> Event:
    """An ApplicationRepeated: someone applied again to vacancy 92742 with the address of `application_id`."""
    data = {
        "application_id": application_id,
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "candidate": {"email": email, "preferred_language": language},
    }
    return new_event("ApplicationRepeated", application_id, data, "application")


def application_status_changed(
    application_id: uuid.UUID,
    to_status: str = "interview",
    candidate: str = "Jan Peeters",
    email: str = "jan.peeters@example.com",
    language: str = "nl",
) -> Event:
    """An ApplicationStatusChanged of `application_id` (to vacancy 92742, of Lisa) from screening to `to_status`."""
    data = {
        "application_id": application_id,
        "vacancy_id": uuid.uuid4(),
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "consultant": {"name": LISA["name"], "email": LISA["email"]},
        "candidate": {"name": candidate, "email": email, "phone": None, "preferred_language": language},
        "from_status": "screening",
        "to_status": to_status,
        "reason": None,
        "changed_by": LISA["email"],
        "changed_at": datetime.now(UTC),
    }
    return new_event("ApplicationStatusChanged", application_id, data, "application")


def candidate_erased(
    application_id: uuid.UUID,
    candidate_key: str | None = None,
    requested_by: str = "candidate",
    erasure_id: uuid.UUID | None = None,
) -> Event:
    """A CandidateErased of `application_id`; with `candidate_key` (the keyed hash of the address),
    everything of that address is to be erased, as when the candidate or an admin asked."""
    data = {
        "erasure_id": erasure_id or uuid.uuid4(),
        "application_id": application_id,
        "candidate_key": candidate_key,
        "requested_by": requested_by,
        "erased_at": datetime.now(UTC),
    }
    return new_event("CandidateErased", application_id, data, "application")
