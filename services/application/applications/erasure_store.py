"""Erasing applications from the database, the erasure log, and what the retention job looks for.

Erasure deletes rows: the only form of erasure that is provably irreversible. The log keeps
counts, never who.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, and_, delete, func, or_, select

from applications.consents import Purpose
from applications.db import (
    application_history,
    applications,
    consents,
    erasures,
    idempotency_keys,
    interviews,
    outbox,
    scorecards,
    staff_notes,
)
from applications.domain import ApplicationStatus
from applications.retention_policy import Cutoffs

A, H, C, K, E = applications.c, application_history.c, consents.c, idempotency_keys.c, outbox.c
ERASED_EVENT = "CandidateErased"


def cv_keys(conn: Connection, application_ids: Sequence[uuid.UUID]) -> list[str]:
    """The storage keys of these applications' CV files."""
    rows = conn.execute(select(A.cv).where(A.id.in_(application_ids), A.cv.is_not(None))).scalars()
    return [cv["key"] for cv in rows if cv]


def delete_applications(conn: Connection, application_ids: Sequence[uuid.UUID]) -> dict[str, int]:
    """Delete these applications with everything stored about them; how many rows of each kind went.

    Their events already published go too (they hold the candidate's answers); events not yet
    published stay, to go out before CandidateErased, and are removed once published
    (`delete_published_events_of_erased`, or the relay's outbox retention).
    """
    ids = list(application_ids)
    published = [E.message_key.in_([str(each) for each in ids]), E.published_at.is_not(None)]
    # Staff data about the applications first: scorecards refer to interviews, both to the applications.
    their_interviews = select(interviews.c.id).where(interviews.c.application_id.in_(ids))
    counts = {
        "scorecards": conn.execute(delete(scorecards).where(scorecards.c.interview_id.in_(their_interviews))).rowcount,
        "interviews": conn.execute(delete(interviews).where(interviews.c.application_id.in_(ids))).rowcount,
        "staff_notes": conn.execute(delete(staff_notes).where(staff_notes.c.application_id.in_(ids))).rowcount,
        "history_entries": conn.execute(delete(application_history).where(H.application_id.in_(ids))).rowcount,
        "consents": conn.execute(delete(consents).where(C.application_id.in_(ids))).rowcount,
        "idempotency_keys": conn.execute(delete(idempotency_keys).where(K.application_id.in_(ids))).rowcount,
        "published_events": conn.execute(delete(outbox).where(*published)).rowcount,
    }
    return {"applications": conn.execute(delete(applications).where(A.id.in_(ids))).rowcount} | counts


def add_erasure(
    conn: Connection,
    erasure_id: uuid.UUID,
    requested_by: str,
    erased_at: datetime,
    erased: dict[str, int],
    broker_copies_expire_at: datetime,
) -> None:
    """Log an erasure: what kinds and how many, when, on whose request; nothing about whom."""
    values = {"erasure_id": erasure_id, "requested_by": requested_by, "erased_at": erased_at, "erased": erased}
    conn.execute(erasures.insert().values(values | {"broker_copies_expire_at": broker_copies_expire_at}))


def due_for_erasure(conn: Connection, cutoffs: Cutoffs, limit: int) -> list[uuid.UUID]:
    """Up to `limit` applications whose last step is older than their retention allows, locked;
    rows another transaction holds (a consultant moving one) are left for the next pass."""
    last_steps = select(H.application_id, func.max(H.at).label("at")).group_by(H.application_id).subquery()
    last_step = func.coalesce(last_steps.c.at, A.submitted_at)
    valid_pool = select(C.application_id).where(C.purpose == Purpose.TALENT_POOL, C.withdrawn_at.is_(None))
    hired, in_pool = A.status == ApplicationStatus.HIRED, A.id.in_(valid_pool)
    due = or_(
        and_(hired, last_step < cutoffs.hired),
        and_(~hired, in_pool, last_step < cutoffs.talent_pool),
        and_(~hired, ~in_pool, last_step < cutoffs.ended),
    )
    query = (
        select(A.id)
        .select_from(applications.outerjoin(last_steps, last_steps.c.application_id == A.id))
        .where(due)
        .order_by(A.id)
        .limit(limit)
        .with_for_update(of=applications, skip_locked=True)
    )
    return list(conn.execute(query).scalars())


def delete_published_events_of_erased(conn: Connection) -> int:
    """Delete published events of applications erased since (those still pending at the erasure);
    the CandidateErased events themselves stay, for the relay's outbox retention."""
    erased = select(E.message_key).where(E.event_type == ERASED_EVENT)
    others = [E.message_key.in_(erased), E.event_type != ERASED_EVENT, E.published_at.is_not(None)]
    return conn.execute(delete(outbox).where(*others)).rowcount


def referenced_cv_keys(conn: Connection) -> set[str]:
    """The storage key of every CV an application refers to."""
    return {cv["key"] for cv in conn.execute(select(A.cv).where(A.cv.is_not(None))).scalars() if cv}
