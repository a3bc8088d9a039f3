"""Storing interview scorecards: one per interview and author (stored lowercased)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import Connection, RowMapping, select

from applications.db import scorecards
from applications.scorecards import Rating, Recommendation, Scorecard
from applications.staff_notes import Author

S = scorecards.c


def scorecard_of(conn: Connection, interview_id: uuid.UUID, author: str) -> Scorecard | None:
    """`author`'s scorecard of the interview, if they filled one in."""
    query = select(scorecards).where(S.interview_id == interview_id, S.author_email == author.lower())
    row = conn.execute(query).mappings().first()
    return _scorecard(row) if row else None


def put_scorecard(conn: Connection, scorecard: Scorecard, new: bool) -> None:
    """Store a scorecard: a `new` one, or its author's revision of theirs."""
    values = {
        "author_name": scorecard.author.name,
        "ratings": {criterion: asdict(rating) for criterion, rating in scorecard.ratings.items()},
        "recommendation": scorecard.recommendation,
        "summary": scorecard.summary,
        "updated_at": scorecard.updated_at,
    }
    key = {"interview_id": scorecard.interview_id, "author_email": scorecard.author.email.lower()}
    if new:
        conn.execute(scorecards.insert().values(values | key | {"created_at": scorecard.created_at}))
    else:
        where = (S.interview_id == key["interview_id"], S.author_email == key["author_email"])
        conn.execute(scorecards.update().where(*where).values(values))


def scorecards_of(conn: Connection, interview_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Scorecard]]:
    """The scorecards of each of these interviews (none: an empty list), oldest first."""
    found: dict[uuid.UUID, list[Scorecard]] = defaultdict(list)
    if interview_ids:
        query = select(scorecards).where(S.interview_id.in_(interview_ids)).order_by(S.created_at, S.author_email)
        for row in conn.execute(query).mappings():
            found[row["interview_id"]].append(_scorecard(row))
    return found


def _scorecard(row: RowMapping) -> Scorecard:
    return Scorecard(
        interview_id=row["interview_id"],
        author=Author(row["author_email"], row["author_name"]),
        ratings={criterion: Rating(**rating) for criterion, rating in row["ratings"].items()},
        recommendation=Recommendation(row["recommendation"]),
        summary=row["summary"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
