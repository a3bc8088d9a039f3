"""The interview events: each carries the application's facts and the interview as its invitations
show it (time, zone, place, interviewers, UID and SEQUENCE), never a note or a scorecard."""

from __future__ import annotations

from datetime import datetime

from applications import events
from applications.domain import Application, KnownVacancy, StatusChange
from applications.interviews import Interview
from recruitment_shared.events import Event, contract_for, new_event


def interview_scheduled(interview: Interview, application: Application, vacancy: KnownVacancy) -> Event:
    """A new interview: the candidate and the consultant get an invitation."""
    details = {"scheduled_by": interview.scheduled_by, "scheduled_at": interview.scheduled_at}
    return _event("InterviewScheduled", interview, application, vacancy, details)


def interview_rescheduled(
    interview: Interview, previous_start: datetime, actor: str, application: Application, vacancy: KnownVacancy
) -> Event:
    """The interview's new plan, replacing the invitation sent before (same UID, higher SEQUENCE)."""
    details = {"previous_starts_at": previous_start, "rescheduled_by": actor, "rescheduled_at": interview.updated_at}
    return _event("InterviewRescheduled", interview, application, vacancy, details)


def interview_cancelled(interview: Interview, application: Application, vacancy: KnownVacancy) -> Event:
    """The interview is off: its invitations are withdrawn (METHOD:CANCEL, higher SEQUENCE)."""
    details = {"cancelled_by": interview.cancelled_by, "cancelled_at": interview.cancelled_at}
    return _event("InterviewCancelled", interview, application, vacancy, details)


def moved_by_interview(
    interview: Interview, application: Application, change: StatusChange, vacancy: KnownVacancy
) -> Event:
    """ApplicationStatusChanged for an application that scheduling `interview` moved: the event
    names the interview, so that its invitation is the candidate's only email about it."""
    event = events.status_changed(application, change, vacancy)
    data = contract_for(event.type).schema().load(event.data)  # back from the wire form, to add to it
    return new_event(event.type, event.subject, data | {"interview_id": interview.id}, event.source)


def _event(
    event_type: str, interview: Interview, application: Application, vacancy: KnownVacancy, details: dict
) -> Event:
    plan = interview.plan
    data = {
        "interview_id": interview.id,
        "sequence": interview.sequence,
        "starts_at": plan.starts_at,
        "duration_minutes": plan.duration_minutes,
        "time_zone": plan.time_zone,
        "location": plan.location,
        "video_link": plan.video_link,
        "interviewers": list(plan.interviewers),
    }
    # Keyed by the application, like its other events: they reach consumers in order.
    return new_event(
        event_type, application.id, events.application_facts(application, vacancy) | data | details, events.SOURCE
    )
