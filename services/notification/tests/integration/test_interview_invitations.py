"""From interview events to inboxes on a real SMTP server: the candidate (in their language) and
the consultant (in theirs) each get an email carrying an RFC 5545 invitation, which a calendar reads
back with `icalendar`: times in the interview's zone, one UID for the interview, SEQUENCE rising
with each change, METHOD:CANCEL when it is called off."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from notifications.handlers import event_handlers
from notifications.invitations import uid_of
from tests.support.interview_events import InterviewOnTheWire, in_a_month_at
from tests.support.wire_events import candidate_erased

from .conftest import COOLDOWN, LINKS, PRIVACY, deliver, queued

pytestmark = pytest.mark.integration

JAN, LISA = "jan.peeters@example.com", "lisa.geudens@example.com"
BRUSSELS = ZoneInfo("Europe/Brussels")


def _handle(engine, *events) -> None:
    handlers = event_handlers(LINKS, COOLDOWN, PRIVACY)
    with engine.begin() as conn:
        for event in events:
            handlers[event.type](conn, event)


def _calendar(message) -> tuple[str, Calendar]:
    """The method of the email's text/calendar part, and that part read back as a calendar does."""
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    [attachment] = [part for part in message.walk() if part.get_filename() == "invite.ics"]
    assert attachment.get_content().decode("utf-8") == part.get_content()  # the same invitation, as a file too
    return part.get_param("method"), Calendar.from_ical(part.get_content())


def _event(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def _to(smtp_server, address: str) -> list:
    return [message for message in smtp_server.handler.messages if message["To"] == address]


def test_the_candidate_and_the_consultant_receive_an_invitation_their_calendar_reads(engine, smtp_server):
    interview = InterviewOnTheWire(starts_at=in_a_month_at(14))
    scheduled = interview.scheduled()

    _handle(engine, scheduled, scheduled)  # delivered twice, as Kafka may
    deliver(engine, smtp_server.port)

    [candidate], [consultant] = _to(smtp_server, JAN), _to(smtp_server, LISA)
    assert (candidate["Content-Language"], consultant["Content-Language"]) == ("fr", "nl")
    assert candidate["Subject"].startswith("Invitation à un entretien") and "92742" in candidate["Subject"]
    assert consultant["Subject"] == "Gesprek gepland voor vacature 92742: IT Project Manager – Public Sector"
    text = candidate.get_body(("plain",)).get_content()
    assert "de 14\u00a0h\u00a000 à 15\u00a0h\u00a000 (heure belge)" in text and "Meir 24, 2000 Antwerpen" in text
    for message in (candidate, consultant):
        method, calendar = _calendar(message)
        event = _event(calendar)
        assert (method, str(calendar["METHOD"])) == ("REQUEST", "REQUEST")
        assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (
            uid_of(interview.interview_id),
            0,
            "CONFIRMED",
        )
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert (start.tzinfo.key, start.hour, start.minute) == ("Europe/Brussels", 14, 0)  # shown in Belgian time
        assert start == interview.starts_at and (end - start).total_seconds() == 3600
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
        assert str(event["ORGANIZER"]) == f"mailto:{LISA}"
        assert {str(attendee) for attendee in event["ATTENDEE"]} == {f"mailto:{JAN}", f"mailto:{LISA}"}
    assert str(_event(_calendar(candidate)[1])["SUMMARY"]).startswith("Entretien\u00a0: IT Project Manager")
    assert str(_event(_calendar(consultant)[1])["SUMMARY"]) == "Gesprek met Jan Peeters – 92742"


def test_a_new_time_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_withdraws_it(engine, smtp_server):
    interview = InterviewOnTheWire(starts_at=in_a_month_at(14), candidate_language="nl", consultant_language=None)
    _handle(engine, interview.scheduled())
    deliver(engine, smtp_server.port)
    _handle(engine, interview.rescheduled(in_a_month_at(9, 30)))
    deliver(engine, smtp_server.port)
    _handle(engine, interview.cancelled())
    deliver(engine, smtp_server.port)

    invitations = [_calendar(message) for message in _to(smtp_server, JAN)]
    events = [_event(calendar) for _method, calendar in invitations]
    assert [method for method, _calendar in invitations] == ["REQUEST", "REQUEST", "CANCEL"]
    assert {str(event["UID"]) for event in events} == {uid_of(interview.interview_id)}
    assert [event["SEQUENCE"] for event in events] == [0, 1, 2]
    assert [(e.decoded("DTSTART").hour, e.decoded("DTSTART").minute) for e in events] == [(14, 0), (9, 30), (9, 30)]
    assert [str(event["STATUS"]) for event in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    subjects = [message["Subject"] for message in _to(smtp_server, JAN)]
    assert [subject.split(":")[0] for subject in subjects] == [
        "Uitnodiging voor een gesprek",
        "Gesprek verplaatst",
        "Gesprek geannuleerd",
    ]
    moved = _to(smtp_server, JAN)[1].get_body(("plain",)).get_content()
    assert "om 14.00 uur, is verplaatst" in moved and "van 09.30 tot 10.30 uur (Belgische tijd)" in moved
    consultants = _to(smtp_server, LISA)
    assert [message["Content-Language"] for message in consultants] == ["en"] * 3  # no language known: English
    assert [_event(_calendar(message)[1])["SEQUENCE"] for message in consultants] == [0, 1, 2]


def test_the_status_change_that_scheduling_caused_sends_no_second_email(engine, smtp_server):
    interview = InterviewOnTheWire(starts_at=in_a_month_at(11))

    _handle(engine, interview.moved_the_application(), interview.scheduled())
    deliver(engine, smtp_server.port)

    assert sorted((row.recipient, row.template) for row in queued(engine)) == [
        (JAN, "candidate_interview"),
        (LISA, "consultant_interview"),
    ]


def test_erasing_the_candidate_removes_the_invitations_they_were_sent(engine, smtp_server):
    interview = InterviewOnTheWire(starts_at=in_a_month_at(14))
    _handle(engine, interview.scheduled())
    deliver(engine, smtp_server.port)

    _handle(engine, candidate_erased(interview.application_id, PRIVACY.key_of(JAN)))

    for row in queued(engine):  # the delivery record stays; no invitation names Jan any more
        assert row.calendar is None and JAN not in (row.body or "")
    _handle(engine, interview.rescheduled(in_a_month_at(15)))  # a late event about the erased application
    assert len(queued(engine)) == 2
