"""Use cases of interviews: schedule (an earlier application moves to `interview`), reschedule,
cancel, record the outcome, fill in a scorecard; the interviews of an application or of a
consultant. Each is given its connection and a guard that refuses whoever may not act on the vacancy."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from applications import application_store, interview_events, interview_store, scorecard_store, vacancy_store
from applications.db import outbox
from applications.domain import FINAL, Application, IllegalTransition, KnownVacancy
from applications.handlers import Guard, get_application
from applications.interview_store import Period
from applications.interviews import Interview, InterviewOutcome, InterviewPlan, schedule
from applications.scorecards import Scorecard
from applications.submission import IdempotencyKeyReused
from recruitment_shared.messaging import record_event


class InterviewNotFound(LookupError):
    """No interview has this id."""


@dataclass(frozen=True)
class InterviewView:
    """An interview with its scorecards; `replayed` when a retried request found it (Idempotency-Key)."""

    interview: Interview
    scorecards: list[Scorecard] = field(default_factory=list)
    replayed: bool = False


@dataclass(frozen=True, kw_only=True)
class Request:
    """Who asks, when, and the request's Idempotency-Key with the fingerprint of its body (if any)."""

    actor: str
    now: datetime
    key: str | None = None
    fingerprint: str | None = None


def schedule_interview(
    conn: Connection, application_id: uuid.UUID, plan: InterviewPlan, request: Request, guard: Guard
) -> InterviewView:
    """A new interview; InterviewScheduled invites candidate and consultant. An application before
    `interview` moves there (ApplicationStatusChanged naming the interview); a final one gets none."""
    application = get_application(conn, application_id, for_update=True)  # one scheduling at a time
    vacancy = _guarded(conn, application, guard)
    if request.key and (first := _first_with(conn, request, application_id)):
        return first
    interview = schedule(application.id, plan, request.actor, request.now)
    change = application.invite_to_interview(request.actor, request.now)
    if change is not None:
        application_store.save_status(conn, application, change)
        record_event(conn, outbox, interview_events.moved_by_interview(interview, application, change, vacancy))
    interview_store.add_interview(conn, interview, request.key, request.fingerprint)
    record_event(conn, outbox, interview_events.interview_scheduled(interview, application, vacancy))
    return InterviewView(interview)


def reschedule_interview(
    conn: Connection, interview_id: uuid.UUID, plan: InterviewPlan, request: Request, guard: Guard, check: Callable
) -> InterviewView:
    """Replace the interview's plan (`check` refuses a stale version); InterviewRescheduled sends
    the new invitation with a higher SEQUENCE. The same plan again changes and sends nothing."""
    interview, application, vacancy = _load(conn, interview_id, guard)
    check(InterviewView(interview))
    if application.status in FINAL:
        raise IllegalTransition(f"an application that is {application.status} gets no interview; cancel it instead")
    before = interview.reschedule(plan, request.now)
    if before is not None:
        interview_store.save_interview(conn, interview)
        event = interview_events.interview_rescheduled(interview, before.starts_at, request.actor, application, vacancy)
        record_event(conn, outbox, event)
    return _view(conn, interview)


def cancel_interview(conn: Connection, interview_id: uuid.UUID, request: Request, guard: Guard) -> InterviewView:
    """Call the interview off; InterviewCancelled withdraws its invitations (METHOD:CANCEL)."""
    interview, application, vacancy = _load(conn, interview_id, guard)
    interview.cancel(request.actor, request.now)
    interview_store.save_interview(conn, interview)
    record_event(conn, outbox, interview_events.interview_cancelled(interview, application, vacancy))
    return _view(conn, interview)


def record_outcome(
    conn: Connection, interview_id: uuid.UUID, outcome: InterviewOutcome, request: Request, guard: Guard
) -> InterviewView:
    """What came of an interview that has started (staff only: no event, no email)."""
    interview, _application, _vacancy = _load(conn, interview_id, guard)
    interview.record_outcome(outcome, request.actor, request.now)
    interview_store.save_interview(conn, interview)
    return _view(conn, interview)


def fill_scorecard(conn: Connection, interview_id: uuid.UUID, card: Scorecard, guard: Guard) -> tuple[Scorecard, bool]:
    """Its author's scorecard of an interview that has started, new (True) or revised (False)."""
    interview, _application, _vacancy = _load(conn, interview_id, guard)
    interview.check_held(card.updated_at)
    existing = scorecard_store.scorecard_of(conn, interview.id, card.author.email)
    if existing is not None:
        card.created_at = existing.created_at
    scorecard_store.put_scorecard(conn, card, new=existing is None)
    return card, existing is None


def read_interview(conn: Connection, interview_id: uuid.UUID, guard: Guard) -> InterviewView:
    """One interview with its scorecards."""
    interview, _application, _vacancy = _load(conn, interview_id, guard, for_update=False)
    return _view(conn, interview)


def interviews_of(conn: Connection, application_id: uuid.UUID, guard: Guard) -> list[InterviewView]:
    """The application's interviews with their scorecards, in the order of their start."""
    _guarded(conn, get_application(conn, application_id), guard)
    found = interview_store.interviews_of(conn, application_id)
    cards = scorecard_store.scorecards_of(conn, [interview.id for interview in found])
    return [InterviewView(interview, cards[interview.id]) for interview in found]


def listed_interviews(
    conn: Connection, consultant: str | None, period: Period, now: datetime, page: int, page_size: int
) -> dict:
    """A page of the interviews of `consultant`'s vacancies (None: everyone's) in `period`."""
    items, total = interview_store.listed(conn, consultant, period, now, page, page_size)
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def _load(
    conn: Connection, interview_id: uuid.UUID, guard: Guard, for_update: bool = True
) -> tuple[Interview, Application, KnownVacancy]:
    interview = interview_store.get_interview(conn, interview_id, for_update)
    if interview is None:
        raise InterviewNotFound(f"no interview with id {interview_id}")
    application = get_application(conn, interview.application_id)
    return interview, application, _guarded(conn, application, guard)


def _guarded(conn: Connection, application: Application, guard: Guard) -> KnownVacancy:
    vacancy = vacancy_store.get_known_vacancy(conn, application.vacancy_id)
    guard(vacancy)  # refuses an unknown vacancy (None) too
    assert vacancy is not None
    return vacancy


def _first_with(conn: Connection, request: Request, application_id: uuid.UUID) -> InterviewView | None:
    """The interview a first request with this Idempotency-Key created, if any (a retry's answer)."""
    found = interview_store.created_with(conn, request.key) if request.key else None
    if found is None:
        return None
    interview, fingerprint = found
    if fingerprint != request.fingerprint or interview.application_id != application_id:
        raise IdempotencyKeyReused("this Idempotency-Key was used with a different request")
    return InterviewView(interview, replayed=True)


def _view(conn: Connection, interview: Interview) -> InterviewView:
    return InterviewView(interview, scorecard_store.scorecards_of(conn, [interview.id])[interview.id])
