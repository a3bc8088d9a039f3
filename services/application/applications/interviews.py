"""Interviews with a candidate: when and where they meet whom, their changes (each raises the
invitation's SEQUENCE, as RFC 5546 asks), cancelling, and what came of one. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_TIME_ZONE = "Europe/Brussels"  # the agency works in Belgium


class InterviewOutcome(StrEnum):
    """What came of an interview that took place (or should have)."""

    POSITIVE = "positive"  # worth taking further
    NEGATIVE = "negative"
    NO_SHOW = "no_show"  # the candidate did not come


class InterviewClosed(Exception):
    """The interview was cancelled, or has its outcome: it changes no more."""


class InterviewNotYetHeld(Exception):
    """What needs the interview to have started (an outcome, a scorecard) comes after its start."""


class StartInThePast(ValueError):
    """An interview is planned for later than now."""


@dataclass(frozen=True, kw_only=True)
class InterviewPlan:
    """When, how long, in which time zone (what the invitation shows), where or by which link, with whom."""

    starts_at: datetime  # aware
    duration_minutes: int
    time_zone: str = DEFAULT_TIME_ZONE
    location: str | None = None
    video_link: str | None = None
    interviewers: tuple[str, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def check_ahead_of(self, now: datetime) -> InterviewPlan:
        """The plan, unless it starts before `now` (StartInThePast)."""
        if self.starts_at <= now:
            raise StartInThePast("an interview is planned for a moment still to come")
        return self


@dataclass(kw_only=True)
class Interview:
    """One interview for an application; `sequence` counts the changes its invitations announced."""

    application_id: uuid.UUID
    plan: InterviewPlan
    scheduled_by: str
    scheduled_at: datetime
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    sequence: int = 0
    updated_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    outcome: InterviewOutcome | None = None
    outcome_by: str | None = None
    outcome_at: datetime | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    def has_started(self, now: datetime) -> bool:
        return self.plan.starts_at <= now

    def reschedule(self, plan: InterviewPlan, now: datetime) -> InterviewPlan | None:
        """Move it, or change its place or interviewers; the plan it had, or None when nothing changed."""
        self._still_open()
        if plan == self.plan:
            return None
        plan.check_ahead_of(now)
        before, self.plan = self.plan, plan
        self.sequence, self.updated_at = self.sequence + 1, now
        return before

    def cancel(self, actor: str, now: datetime) -> None:
        """Call it off before it starts; once it started, its outcome says what happened instead."""
        self._still_open()
        if self.has_started(now):
            raise InterviewClosed("this interview has started: record its outcome (e.g. no show) instead")
        self.cancelled_at, self.cancelled_by, self.updated_at = now, actor, now
        self.sequence += 1  # RFC 5546: a CANCEL carries a higher SEQUENCE than the request it cancels

    def record_outcome(self, outcome: InterviewOutcome, actor: str, now: datetime) -> None:
        """Say what came of it, once it has started; a later word corrects an earlier one."""
        if self.cancelled:
            raise InterviewClosed("this interview was cancelled: it has no outcome")
        self.check_held(now)
        self.outcome, self.outcome_by, self.outcome_at, self.updated_at = outcome, actor, now, now

    def check_held(self, now: datetime) -> None:
        """InterviewNotYetHeld unless it has started (and was not cancelled)."""
        if self.cancelled:
            raise InterviewClosed("this interview was cancelled")
        if not self.has_started(now):
            raise InterviewNotYetHeld("this interview has not started yet")

    def _still_open(self) -> None:
        if self.cancelled:
            raise InterviewClosed("this interview was cancelled; schedule a new one")
        if self.outcome is not None:
            raise InterviewClosed("this interview has its outcome; schedule a new one")


def schedule(application_id: uuid.UUID, plan: InterviewPlan, actor: str, now: datetime) -> Interview:
    """A new interview, planned for later than now."""
    return Interview(application_id=application_id, plan=plan.check_ahead_of(now), scheduled_by=actor, scheduled_at=now)
