"""Emails about interviews: the candidate (in their language) and the vacancy's consultant (in
theirs) each get the invitation as an RFC 5545 calendar part and .ics file, with a text saying when,
where and with whom; a new time replaces it in their calendar, a cancellation removes it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from notifications.domain import EmailOwner
from notifications.email_queue import queue_email
from notifications.emails import language_of
from notifications.interview_texts import calendar_description, calendar_title, moment, start_moment
from notifications.invitations import CANCEL, REQUEST, invitation
from notifications.links import Links
from notifications.privacy_policy import PrivacyPolicy
from recruitment_shared.events import Event

CANDIDATE_TEMPLATE, CONSULTANT_TEMPLATE = "candidate_interview", "consultant_interview"
# What each event did, and when: the invitation's DTSTAMP.
CHANGES = {
    "InterviewScheduled": ("scheduled", "scheduled_at"),
    "InterviewRescheduled": ("rescheduled", "rescheduled_at"),
    "InterviewCancelled": ("cancelled", "cancelled_at"),
}


def on_interview_changed(links: Links, privacy: PrivacyPolicy, conn: Connection, event: Event) -> None:
    """Queue the candidate's and the consultant's email about the interview, each with its invitation
    (METHOD:REQUEST, or CANCEL for a cancelled one; the UID and SEQUENCE the event carries)."""
    change, stamp = CHANGES[event.type]
    data = _with_moments(event.data, ("starts_at", "previous_starts_at", stamp))
    method = CANCEL if change == "cancelled" else REQUEST
    candidate, consultant = data["candidate"], data["consultant"]
    application_id = uuid.UUID(str(data["application_id"]))
    about = {
        "application_id": application_id,
        "owner": EmailOwner(uuid.UUID(str(data["vacancy_id"])), consultant["email"]),
    }
    to_consultant = {"consultant_url": links.consultant_application(str(application_id))}
    recipients = (
        ("candidate", CANDIDATE_TEMPLATE, candidate, privacy.key_of(candidate["email"]), {}),
        ("consultant", CONSULTANT_TEMPLATE, consultant, None, to_consultant),
    )
    for audience, template, person, key, extra in recipients:
        language = language_of(person.get("preferred_language") or person.get("language"))
        context = _context(data, change, language) | extra
        title, description = calendar_title(audience, language, data), calendar_description(data, language)
        calendar = invitation(data, method, title, description, data[stamp])
        queue_email(
            conn, event.id, template, person["email"], language, context, recipient_key=key, calendar=calendar, **about
        )


def _context(data: Mapping[str, Any], change: str, language: str) -> dict:
    previous = data.get("previous_starts_at")
    return {
        "change": change,
        "candidate": data["candidate"],
        "consultant": data["consultant"],
        "vacancy_title": data["vacancy_title"],
        "vacancy_reference": data["vacancy_reference"],
        "when": moment(data["starts_at"], data["duration_minutes"], data["time_zone"], language),
        # Before a reschedule: when it was planned, and whether the time changed (or only the place, say).
        "previous_when": start_moment(previous, data["time_zone"], language) if previous else None,
        "moved": previous is not None and previous != data["starts_at"],
        "location": data.get("location"),
        "video_link": data.get("video_link"),
        "interviewers": list(data.get("interviewers") or []),
    }


def _with_moments(data: Mapping[str, Any], names: tuple[str, ...]) -> dict:
    """The event's data with these timestamps as datetimes (a handler may get them as ISO text)."""
    moments = {name: data[name] for name in names if data.get(name) is not None}
    return dict(data) | {
        name: value if isinstance(value, datetime) else datetime.fromisoformat(value) for name, value in moments.items()
    }
