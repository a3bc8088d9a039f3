"""Interviews still to come of an application that ended: called off, so that no invitation stays
in the candidate's calendar for a meeting that will not happen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from applications import interview_events, interview_store
from applications.db import outbox
from applications.domain import Application, ApplicationStatus, KnownVacancy
from recruitment_shared.messaging import record_event

CALLS_OFF = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


def call_off_upcoming(
    conn: Connection, application: Application, vacancy: KnownVacancy | None, actor: str, now: datetime
) -> int:
    """Cancel the interviews to come of a rejected or withdrawn application (InterviewCancelled
    each: their invitations are withdrawn); how many. Called in the transaction that ended it."""
    if vacancy is None or application.status not in CALLS_OFF:
        return 0
    called_off = 0
    for interview in interview_store.interviews_of(conn, application.id):
        if interview.cancelled or interview.outcome is not None or interview.has_started(now):
            continue
        interview.cancel(actor, now)
        interview_store.save_interview(conn, interview)
        record_event(conn, outbox, interview_events.interview_cancelled(interview, application, vacancy))
        called_off += 1
    return called_off
