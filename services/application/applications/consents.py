"""What a candidate consented to, under which privacy notice, and when. Pure Python.

Two purposes, each its own consent: `application` (processing this application; given by
applying, ends with the application's erasure) and `talent_pool` (keeping the profile for future
vacancies; optional, and withdrawable on its own, after which the ordinary retention applies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Purpose(StrEnum):
    APPLICATION = "application"
    TALENT_POOL = "talent_pool"


@dataclass(frozen=True, kw_only=True)
class Consent:
    """One consent as it was given (and, for the talent pool, perhaps withdrawn)."""

    purpose: Purpose
    notice_version: str
    given_at: datetime
    withdrawn_at: datetime | None = None

    @property
    def valid(self) -> bool:
        """Whether it still holds: given and not withdrawn."""
        return self.withdrawn_at is None


def consents_given(notice_version: str, talent_pool: bool, now: datetime) -> list[Consent]:
    """The consents an application is submitted with: always the application's, the talent pool's if ticked."""
    purposes = [Purpose.APPLICATION] + ([Purpose.TALENT_POOL] if talent_pool else [])
    return [Consent(purpose=purpose, notice_version=notice_version, given_at=now) for purpose in purposes]


def talent_pool_consent(consents: list[Consent]) -> Consent | None:
    """The talent-pool consent among `consents`, if one was given."""
    return next((consent for consent in consents if consent.purpose is Purpose.TALENT_POOL), None)
