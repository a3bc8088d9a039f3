"""A vacancy closed as filled or cancelled: its open applications end, rejected with the reason
"vacancy closed", and each candidate is told once (by the ApplicationStatusChanged each rejection
announces; the notification service writes the email).

Run by the consumer of vacancy events in the transaction that records the VacancyClosed as handled.
A second delivery of the event finds nothing open any more, so nobody is rejected, or told, twice.
An expired vacancy (its closing date passed) keeps its applications: only new ones are refused.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy import Connection

from applications import application_store, events, upcoming_interviews, vacancy_store
from applications.db import outbox
from applications.domain import ApplicationStatus
from applications.rejections import VACANCY_CLOSED, Rejection
from recruitment_shared.messaging import record_event

log = logging.getLogger(__name__)
ENDS_APPLICATIONS = ("filled", "cancelled")  # VacancyClosed reasons that end the pipeline too
ACTOR = "system"  # the history's "who": no person moved these applications


def reject_open_applications(conn: Connection, vacancy_id: uuid.UUID, closed_as: str, now: datetime) -> int:
    """Reject every application to the vacancy still in the pipeline, if it closed as filled or
    cancelled; how many. Interviews still to come are called off with them."""
    vacancy = vacancy_store.get_known_vacancy(conn, vacancy_id)
    if closed_as not in ENDS_APPLICATIONS or vacancy is None:
        return 0
    rejected = application_store.open_applications_of(conn, vacancy_id, for_update=True)
    note = f"The vacancy was closed ({closed_as})."
    for application in rejected:
        change = application.move_to(ApplicationStatus.REJECTED, ACTOR, note, now)
        application_store.save_status(conn, application, change)
        record_event(conn, outbox, events.status_changed(application, change, vacancy, Rejection(VACANCY_CLOSED)))
        upcoming_interviews.call_off_upcoming(conn, application, vacancy, ACTOR, now)
    if rejected:
        log.info("vacancy %s closed as %s: %d open applications rejected", vacancy_id, closed_as, len(rejected))
    return len(rejected)
