"""The signed link a candidate receives by email: it opens their own application, and no other.

The notification service signs it when it sends the email (and nowhere else); this service only
verifies it. Both use the candidate-link key (`signing_key(CANDIDATE_LINKS)`) and the same salt.
A link lasts CANDIDATE_LINK_MAX_AGE_DAYS from its email, and closes CANDIDATE_LINK_GRACE_DAYS
after its application became final (hired, rejected, withdrawn).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer

from applications.domain import Application
from recruitment_shared.secrets import CANDIDATE_LINKS, signing_key

SALT = "candidate-application"  # the notification service signs with the same salt (a contract test holds them)
INVALID = "this link is not valid (or no longer valid)"


class InvalidCandidateToken(LookupError):
    """Tampered with, expired, closed, or not a candidate token at all: answered as not found."""

    def __init__(self) -> None:
        super().__init__(INVALID)  # one wording for every case: a guessed token learns nothing


@dataclass(frozen=True)
class CandidateLinks:
    """How candidates' links are checked: the key they are signed with, and how long they open."""

    key: str
    max_age: timedelta = timedelta(days=180)
    grace: timedelta = timedelta(days=30)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> CandidateLinks:
        """The candidate-link key, CANDIDATE_LINK_MAX_AGE_DAYS (180) and CANDIDATE_LINK_GRACE_DAYS (30)."""
        return cls(
            key=signing_key(CANDIDATE_LINKS, environ),
            max_age=_days("CANDIDATE_LINK_MAX_AGE_DAYS", environ.get("CANDIDATE_LINK_MAX_AGE_DAYS", "180")),
            grace=_days("CANDIDATE_LINK_GRACE_DAYS", environ.get("CANDIDATE_LINK_GRACE_DAYS", "30")),
        )

    def application_of(self, token: str) -> uuid.UUID:
        """The application a token names, if it is genuine and younger than `max_age`; else InvalidCandidateToken."""
        serializer = URLSafeTimedSerializer(self.key, salt=SALT)
        try:
            return uuid.UUID(serializer.loads(token, max_age=self.max_age.total_seconds()))
        except (BadSignature, ValueError, TypeError) as exc:
            raise InvalidCandidateToken from exc

    def check_open(self, application: Application, now: datetime) -> Application:
        """The application, unless it became final more than `grace` ago (InvalidCandidateToken)."""
        final_since = application.final_since
        if final_since is not None and now >= final_since + self.grace:
            raise InvalidCandidateToken
        return application


def _days(name: str, value: str) -> timedelta:
    try:
        days = float(value)
    except ValueError:
        days = -1.0
    if not 0 <= days <= 3660:  # refused at start, not discovered when the first candidate clicks
        raise ValueError(f"{name} must be a number of days from 0 to 3660, not {value!r}")
    return timedelta(days=days)
