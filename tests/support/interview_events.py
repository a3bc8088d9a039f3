"""Interview events as the application service puts them on the wire, for the notification
service's tests: one interview of Jan Peeters for Lisa's vacancy 92742, and its later changes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from recruitment_shared.events import Event, new_event
from tests.support.wire_events import LISA


@dataclass
class InterviewOnTheWire:
    """One interview's facts; each builder returns the next event about it, as its changes come."""

    starts_at: datetime
    candidate_language: str = "fr"
    consultant_language: str | None = "nl"
    interview_id: uuid.UUID = field(default_factory=uuid.uuid4)
    application_id: uuid.UUID = field(default_factory=uuid.uuid4)
    vacancy_id: uuid.UUID = field(default_factory=uuid.uuid4)
    sequence: int = 0
    duration_minutes: int = 60

    def scheduled(self, **changes: Any) -> Event:
        return self._event("InterviewScheduled", {"scheduled_by": LISA["email"], "scheduled_at": _now()} | changes)

    def rescheduled(self, starts_at: datetime, **changes: Any) -> Event:
        previous, self.starts_at, self.sequence = self.starts_at, starts_at, self.sequence + 1
        details = {"previous_starts_at": previous, "rescheduled_by": LISA["email"], "rescheduled_at": _now()}
        return self._event("InterviewRescheduled", details | changes)

    def cancelled(self) -> Event:
        self.sequence += 1
        return self._event("InterviewCancelled", {"cancelled_by": LISA["email"], "cancelled_at": _now()})

    def moved_the_application(self) -> Event:
        """The ApplicationStatusChanged that scheduling this interview caused (it names the interview)."""
        details = {"from_status": "screening", "to_status": "interview", "reason": None}
        details |= {"changed_by": LISA["email"], "changed_at": _now(), "interview_id": self.interview_id}
        return new_event("ApplicationStatusChanged", self.application_id, self._facts() | details, "application")

    def _event(self, event_type: str, details: dict) -> Event:
        plan = {
            "interview_id": self.interview_id,
            "sequence": self.sequence,
            "starts_at": self.starts_at,
            "duration_minutes": self.duration_minutes,
            "time_zone": "Europe/Brussels",
            "location": "Meir 24, 2000 Antwerpen",
            "video_link": None,
            "interviewers": ["Lisa Geudens", "Koen Maes (client)"],
        }
        return new_event(event_type, self.application_id, self._facts() | plan | details, "application")

    def _facts(self) -> dict:
        return {
            "application_id": self.application_id,
            "vacancy_id": self.vacancy_id,
            "vacancy_reference": "92742",
            "vacancy_title": "IT Project Manager – Public Sector",
            "consultant": {"name": LISA["name"], "email": LISA["email"], "language": self.consultant_language},
            "candidate": {
                "name": "Jan Peeters",
                "email": "jan.peeters@example.com",
                "phone": None,
                "preferred_language": self.candidate_language,
            },
        }


def _now() -> datetime:
    return datetime.now(UTC)


def in_a_month_at(hour: int, minute: int = 0) -> datetime:
    """A moment in about a month at `hour`:`minute`, Belgian time (as UTC)."""
    day = (datetime.now(UTC) + timedelta(days=30)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("Europe/Brussels")).astimezone(UTC)
