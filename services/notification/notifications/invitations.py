"""RFC 5545 invitations to interviews, written with the icalendar library, and their place in an email.

One interview keeps one UID in every invitation about it, whoever receives it; each change carries
the SEQUENCE the application service counted (RFC 5546: a later one replaces an earlier one in the
calendar), and a cancellation is METHOD:CANCEL with STATUS:CANCELLED. Times are written in the
interview's own zone (TZID, with its VTIMEZONE), so a calendar shows what the consultant planned.
The consultant organises; the candidate is asked to answer (RSVP), which goes to the consultant.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from icalendar import Calendar, Event, vCalAddress

from notifications.interview_texts import local_start

PRODID = "-//Recruitment//Interviews//EN"
UID_DOMAIN = "recruitment.example.com"
REQUEST, CANCEL = "REQUEST", "CANCEL"
FILE_NAME = "invite.ics"


def uid_of(interview_id: object) -> str:
    """The UID of every invitation about one interview."""
    return f"interview-{interview_id}@{UID_DOMAIN}"


def invitation(data: Mapping[str, Any], method: str, title: str, description: str, stamp: datetime) -> str:
    """The iCalendar text of an interview event's invitation: `method` REQUEST (new or changed) or
    CANCEL; `title` and `description` in the recipient's language; `stamp` when the change was made."""
    start = local_start(data["starts_at"], data["time_zone"])
    event = Event()
    event.add("uid", uid_of(data["interview_id"]))
    event.add("sequence", data["sequence"])
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=data["duration_minutes"]))
    event.add("summary", title)
    event.add("description", description)
    if data.get("location") or data.get("video_link"):
        event.add("location", data.get("location") or data["video_link"])
    if data.get("video_link"):
        event.add("url", data["video_link"])
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("organizer", _address(data["consultant"], {}))
    event.add(
        "attendee", _address(data["candidate"], {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"})
    )
    event.add("attendee", _address(data["consultant"], {"ROLE": "CHAIR", "PARTSTAT": "ACCEPTED"}))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event)
    # The VTIMEZONE its TZID names, over the year around the interview (not every rule since 1970).
    calendar.add_missing_timezones(start.date() - timedelta(days=366), start.date() + timedelta(days=366))
    return calendar.to_ical().decode("utf-8")


def attach_invitation(message: EmailMessage, calendar: str) -> None:
    """Add the invitation to an email that has its text (and HTML) parts: as the text/calendar
    alternative mail clients show as an invitation, and as an .ics file for the others."""
    method = str(Calendar.from_ical(calendar).get("method", REQUEST))
    message.add_alternative(calendar, subtype="calendar", params={"method": method})
    message.add_attachment(calendar.encode("utf-8"), maintype="application", subtype="ics", filename=FILE_NAME)


def _address(person: Mapping[str, Any], params: Mapping[str, str]) -> vCalAddress:
    address = vCalAddress(f"mailto:{person['email']}")
    address.params["CN"] = person.get("name") or person["email"]
    for name, value in params.items():
        address.params[name] = value
    return address
