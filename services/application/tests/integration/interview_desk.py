"""What the interview tests share: the consultants' tokens, a plan, and the clock moved for an interview."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from applications.db import interviews
from tests.support.auth import bearer

LISA = bearer()  # the consultant of the vacancies the desk publishes
TOM = bearer("tom.peeters@example.com")  # another consultant
ADMIN = bearer("office@example.com", roles=("admin",))
DAY = date.today() + timedelta(days=30)


def plan(**changes) -> dict:
    """An interview at the agency's Antwerp office at 14:00, Belgian time, in a month."""
    return {
        "starts_at": f"{DAY.isoformat()}T14:00",
        "duration_minutes": 60,
        "location": "Meir 24, 2000 Antwerpen",
        "interviewers": ["Lisa Geudens", "Koen Maes (client)"],
    } | changes


def schedule(client, application_id, headers=LISA, **changes):
    return client.post(f"/consultant/applications/{application_id}/interviews", json=plan(**changes), headers=headers)


def as_if_held(app, interview_id: str, hours_ago: float = 2) -> None:
    """Move the interview's start `hours_ago` into the past, as if the clock had moved on."""
    start = datetime.now(UTC) - timedelta(hours=hours_ago)
    values = {"starts_at": start, "ends_at": start + timedelta(hours=1)}
    with app.extensions["engine"].begin() as conn:
        conn.execute(update(interviews).where(interviews.c.id == uuid.UUID(interview_id)).values(values))
