"""Integration events: CloudEvents envelope, versioned marshmallow schemas, registry."""

from recruitment_shared.events.envelope import Event, InvalidEvent, from_message, new_event, to_message
from recruitment_shared.events.registry import APPLICATIONS, TOPICS, VACANCIES, contract_for

__all__ = [
    "APPLICATIONS",
    "TOPICS",
    "VACANCIES",
    "Event",
    "InvalidEvent",
    "contract_for",
    "from_message",
    "new_event",
    "to_message",
]
