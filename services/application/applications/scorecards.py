"""Interview scorecards: how one interviewer rated the candidate on what counts for an IT project
manager, 1 (poor) to 4 (excellent) with a comment, and what they recommend. One per interview and
author: each fills in and changes only their own. Never shown to candidates, never in events. Pure Python."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from applications.staff_notes import Author

# What the agency's clients judge a project manager on.
CRITERIA = (
    "methodology",  # PRINCE2, PMBOK, agile frameworks: applied, not only certified
    "stakeholder_management",
    "communication",  # in the languages the vacancy requires
    "technical_domain",  # the client's field: infrastructure, software, public-sector IT …
)
LOWEST, HIGHEST = 1, 4  # an even scale: no noncommittal middle


class Recommendation(StrEnum):
    STRONG_NO = "strong_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"


@dataclass(frozen=True)
class Rating:
    score: int
    comment: str | None = None


@dataclass(kw_only=True)
class Scorecard:
    interview_id: uuid.UUID
    author: Author
    ratings: dict[str, Rating]  # one per criterion of CRITERIA
    recommendation: Recommendation
    summary: str | None
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        if set(self.ratings) != set(CRITERIA):
            raise ValueError(f"a scorecard rates exactly {', '.join(CRITERIA)}")
        if any(not LOWEST <= rating.score <= HIGHEST for rating in self.ratings.values()):
            raise ValueError(f"ratings go from {LOWEST} to {HIGHEST}")
