"""Request and response schemas of interviews and their scorecards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from applications.interview_store import Period
from applications.interviews import DEFAULT_TIME_ZONE, InterviewOutcome, InterviewPlan
from applications.scorecard_schemas import ScorecardSchema
from recruitment_shared.web.paging import Page, PageArgs

MAX_AHEAD = timedelta(days=2 * 365)  # an interview further ahead is a typo
LOCAL_TIME = {"description": "in the interview's time zone, with its offset", "type": "string", "format": "date-time"}


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


class InterviewPlanSchema(Schema):
    """Scheduling or rescheduling: the whole plan."""

    class Meta:
        unknown = RAISE

    starts_at = fields.DateTime(
        required=True,
        metadata={"description": "local time in `time_zone` (2026-12-03T14:00), or with an offset"},
    )
    duration_minutes = fields.Integer(load_default=60, validate=validate.Range(min=15, max=480))
    time_zone = fields.String(
        load_default=DEFAULT_TIME_ZONE,
        validate=[validate.Length(max=64), lambda name: name in _zones() or _refuse("Not a known time zone.")],
        metadata={"description": "an IANA time zone: what the invitation shows"},
    )
    location = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    video_link = fields.Url(load_default=None, allow_none=True, schemes={"https"}, validate=validate.Length(max=500))
    interviewers = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)), load_default=list, validate=validate.Length(max=10)
    )

    @validates_schema
    def somewhere(self, data: dict, **_) -> None:
        if not (data.get("location") or "").strip() and not data.get("video_link"):
            raise ValidationError("Give the address of the interview or its video link.", "location")

    @post_load
    def plan(self, data: dict, **_) -> InterviewPlan:
        return InterviewPlan(
            starts_at=_instant(data["starts_at"], data["time_zone"]),
            duration_minutes=data["duration_minutes"],
            time_zone=data["time_zone"],
            location=(data["location"] or "").strip() or None,
            video_link=data["video_link"],
            interviewers=tuple(name.strip() for name in data["interviewers"] if name.strip()),
        )


def _instant(starts_at: datetime, zone_name: str) -> datetime:
    """The moment a local time (or one with an offset) names, in UTC; refused unless it exists in
    the zone (not in the hour skipped in spring) and lies within two years."""
    zone = ZoneInfo(zone_name)
    try:
        if starts_at.tzinfo is None:
            local = starts_at.replace(tzinfo=zone)
            if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != starts_at:
                raise ValidationError("This time does not exist there (the clocks skip it).", "starts_at")
            starts_at = local
        instant = starts_at.astimezone(UTC)
    except (OverflowError, ValueError) as exc:  # year 1 with an offset, and the like
        raise ValidationError("Not a possible moment.", "starts_at") from exc
    if instant > datetime.now(UTC) + MAX_AHEAD:
        raise ValidationError("An interview is planned at most two years ahead.", "starts_at")
    return instant


def _refuse(message: str) -> bool:
    raise ValidationError(message)


class OutcomeSchema(Schema):
    class Meta:
        unknown = RAISE

    outcome = fields.String(required=True, validate=validate.OneOf([o.value for o in InterviewOutcome]))


def _local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).isoformat()


def _state(interview) -> str:
    return "cancelled" if interview.cancelled else ("concluded" if interview.outcome else "scheduled")


class InterviewFieldsSchema(Schema):
    """An interview as consultants work with it (read from `.interview` of what is dumped)."""

    id = fields.UUID(attribute="interview.id")
    application_id = fields.UUID(attribute="interview.application_id")
    state = fields.Function(
        lambda v: _state(v.interview),
        metadata={"type": "string", "enum": ["scheduled", "cancelled", "concluded"]},
    )
    starts_at = fields.Function(
        lambda v: _local(v.interview.plan.starts_at, v.interview.plan.time_zone), metadata=LOCAL_TIME
    )
    ends_at = fields.Function(
        lambda v: _local(v.interview.plan.ends_at, v.interview.plan.time_zone), metadata=LOCAL_TIME
    )
    started = fields.Function(
        lambda v: v.interview.has_started(datetime.now(UTC)),
        metadata={"type": "boolean", "description": "whether it has started: an outcome and scorecards come after"},
    )
    duration_minutes = fields.Integer(attribute="interview.plan.duration_minutes")
    time_zone = fields.String(attribute="interview.plan.time_zone")
    location = fields.String(attribute="interview.plan.location", allow_none=True)
    video_link = fields.String(attribute="interview.plan.video_link", allow_none=True)
    interviewers = fields.List(fields.String(), attribute="interview.plan.interviewers")
    sequence = fields.Integer(attribute="interview.sequence", metadata={"description": "the invitations' SEQUENCE"})
    scheduled_by = fields.String(attribute="interview.scheduled_by")
    scheduled_at = fields.AwareDateTime(attribute="interview.scheduled_at")
    cancelled_at = fields.AwareDateTime(attribute="interview.cancelled_at", allow_none=True)
    outcome = fields.String(attribute="interview.outcome", allow_none=True)
    outcome_by = fields.String(attribute="interview.outcome_by", allow_none=True)


class InterviewSchema(InterviewFieldsSchema):
    scorecards = fields.List(fields.Nested(ScorecardSchema))


class InterviewVersionSchema(Schema):
    """What an interview's ETag is computed from: a reschedule must have seen the current plan."""

    id = fields.UUID(attribute="interview.id")
    sequence = fields.Integer(attribute="interview.sequence")
    outcome = fields.String(attribute="interview.outcome", allow_none=True)


class ListedInterviewSchema(InterviewFieldsSchema):
    candidate_name = fields.String()
    application_status = fields.String()
    vacancy_id = fields.UUID()
    vacancy_reference = fields.String(allow_none=True)
    vacancy_title = fields.String(allow_none=True)


class InterviewPageSchema(Page):
    items = fields.List(fields.Nested(ListedInterviewSchema))


class InterviewListArgs(PageArgs):
    period = fields.String(load_default=Period.UPCOMING.value, validate=validate.OneOf([p.value for p in Period]))
    consultant = fields.String(
        load_default=None, validate=validate.Length(max=320), metadata={"description": "admins only: whose vacancies"}
    )
