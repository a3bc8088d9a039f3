"""Storing interviews (their scorecards: scorecard_store.py); a consultant's upcoming interviews (and those still
waiting for their outcome) across their vacancies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection, RowMapping, func, select

from applications.db import applications, interviews, known_vacancies
from applications.interviews import Interview, InterviewOutcome, InterviewPlan

IV, A, V = interviews.c, applications.c, known_vacancies.c
_PLAN = ("starts_at", "duration_minutes", "time_zone", "location", "video_link")
_STATE = ("id", "application_id", "sequence", "scheduled_by", "scheduled_at", "updated_at", "cancelled_at")
_STATE += ("cancelled_by", "outcome_by", "outcome_at")


class Period(StrEnum):
    UPCOMING = "upcoming"  # not cancelled, not over yet: soonest first
    TO_CONCLUDE = "to_conclude"  # started, not cancelled, no outcome yet: oldest first


@dataclass(frozen=True, kw_only=True)
class ListedInterview:
    """An interview in a consultant's list, with whom and for which vacancy."""

    interview: Interview
    candidate_name: str
    application_status: str
    vacancy_id: uuid.UUID
    vacancy_reference: str | None
    vacancy_title: str | None


def add_interview(
    conn: Connection, interview: Interview, key: str | None = None, fingerprint: str | None = None
) -> None:
    """Store a new interview, with the Idempotency-Key of the request that created it, if any."""
    values = _to_row(interview) | {"idempotency_key": key, "request_fingerprint": fingerprint}
    conn.execute(interviews.insert().values(values))


def save_interview(conn: Connection, interview: Interview) -> None:
    """Store the interview's new plan, sequence, cancellation or outcome."""
    conn.execute(interviews.update().where(IV.id == interview.id).values(_to_row(interview)))


def get_interview(conn: Connection, interview_id: uuid.UUID, for_update: bool = False) -> Interview | None:
    """The interview, if any; `for_update` locks it until the transaction ends."""
    query = select(interviews).where(IV.id == interview_id)
    row = conn.execute(query.with_for_update() if for_update else query).mappings().first()
    return _from_row(row) if row else None


def created_with(conn: Connection, key: str) -> tuple[Interview, str | None] | None:
    """The interview the request with this Idempotency-Key created, and that request's fingerprint."""
    row = conn.execute(select(interviews).where(IV.idempotency_key == key)).mappings().first()
    return (_from_row(row), row["request_fingerprint"]) if row else None


def interviews_of(conn: Connection, application_id: uuid.UUID) -> list[Interview]:
    """The application's interviews, cancelled ones too, in the order of their start."""
    query = select(interviews).where(IV.application_id == application_id).order_by(IV.starts_at, IV.id)
    return [_from_row(row) for row in conn.execute(query).mappings()]


def listed(
    conn: Connection, consultant: str | None, period: Period, now: datetime, page: int, page_size: int
) -> tuple[list[ListedInterview], int]:
    """A page of the interviews of `consultant`'s vacancies (None: everyone's) in `period`, and their total."""
    conditions = [IV.cancelled_at.is_(None)]
    if period is Period.UPCOMING:
        conditions.append(IV.ends_at > now)
    else:
        conditions += [IV.starts_at <= now, IV.outcome.is_(None)]
    if consultant is not None:  # the vacancy's consultant, as its events named them
        conditions.append(func.lower(V.consultant["email"].as_string()) == consultant.lower())
    joined = interviews.join(applications, A.id == IV.application_id).join(known_vacancies, V.id == A.vacancy_id)
    total = conn.execute(select(func.count()).select_from(joined).where(*conditions)).scalar_one()
    columns = (A.candidate_name, A.status.label("application_status"), A.vacancy_id, V.reference, V.title)
    query = (
        select(interviews, *columns)
        .select_from(joined)
        .where(*conditions)
        .order_by(IV.starts_at, IV.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return [_listed(row) for row in conn.execute(query).mappings()], total


def _to_row(interview: Interview) -> dict:
    plan = interview.plan
    return {
        **{column: getattr(plan, column) for column in _PLAN},
        **{column: getattr(interview, column) for column in _STATE},
        "ends_at": plan.ends_at,
        "interviewers": list(plan.interviewers),
        "outcome": interview.outcome,
    }


def _from_row(row: RowMapping) -> Interview:
    plan = InterviewPlan(**{column: row[column] for column in _PLAN}, interviewers=tuple(row["interviewers"]))
    outcome = InterviewOutcome(row["outcome"]) if row["outcome"] else None
    return Interview(**{column: row[column] for column in _STATE}, plan=plan, outcome=outcome)


def _listed(row: RowMapping) -> ListedInterview:
    return ListedInterview(
        interview=_from_row(row),
        candidate_name=row["candidate_name"],
        application_status=row["application_status"],
        vacancy_id=row["vacancy_id"],
        vacancy_reference=row["reference"],
        vacancy_title=row["title"],
    )
