"""How long an application is kept after its last step. Pure Python.

- APPLICATION_RETENTION_DAYS (730): an application that ended without a hire (rejected,
  withdrawn), or in which nothing happened for that long. Two years is the period European data
  protection authorities usually accept for unsuccessful candidates (a claim about the selection,
  a vacancy that reopens).
- TALENT_POOL_RETENTION_DAYS (1095): instead of the above while the candidate's talent-pool
  consent holds; withdrawn, the ordinary period applies again (and may already have passed).
- HIRED_RETENTION_DAYS (1825): a hire's application documents how and why they were selected for
  a placement that usually runs for years; five years is the usual limitation period of a claim
  about such a selection under Belgian law (art. 2262bis of the former Civil Code). The agency's
  data protection officer decides; the setting is theirs to change.

Periods count from the application's last step (its newest history entry). The privacy notice
states these defaults: configuring other ones needs a new notice version.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from applications.domain import Application, ApplicationStatus

MAX_DAYS = 3660  # ten years: anything longer is a typo, refused at start


@dataclass(frozen=True)
class Cutoffs:
    """An application whose last step is older than its cutoff is due for erasure."""

    ended: datetime
    talent_pool: datetime
    hired: datetime


@dataclass(frozen=True)
class RetentionPolicy:
    """The retention periods, in days."""

    application_days: int = 730
    talent_pool_days: int = 1095
    hired_days: int = 1825

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> RetentionPolicy:
        """APPLICATION_RETENTION_DAYS, TALENT_POOL_RETENTION_DAYS and HIRED_RETENTION_DAYS; raises on a bad one."""
        return cls(
            application_days=_days("APPLICATION_RETENTION_DAYS", environ.get("APPLICATION_RETENTION_DAYS") or "730"),
            talent_pool_days=_days("TALENT_POOL_RETENTION_DAYS", environ.get("TALENT_POOL_RETENTION_DAYS") or "1095"),
            hired_days=_days("HIRED_RETENTION_DAYS", environ.get("HIRED_RETENTION_DAYS") or "1825"),
        )

    def days(self, status: ApplicationStatus, in_talent_pool: bool) -> int:
        """How many days after its last step an application in `status` is kept."""
        if status is ApplicationStatus.HIRED:
            return self.hired_days
        return self.talent_pool_days if in_talent_pool else self.application_days

    def kept_until(self, application: Application, in_talent_pool: bool) -> datetime:
        """When the application will be erased if nothing happens to it before."""
        return last_step(application) + timedelta(days=self.days(application.status, in_talent_pool))

    def cutoffs(self, now: datetime) -> Cutoffs:
        """The last-step dates before which applications are due for erasure at `now`."""
        return Cutoffs(
            ended=now - timedelta(days=self.application_days),
            talent_pool=now - timedelta(days=self.talent_pool_days),
            hired=now - timedelta(days=self.hired_days),
        )


def last_step(application: Application) -> datetime:
    """When the application last moved (submitted, at the earliest)."""
    return max((change.at for change in application.history), default=application.submitted_at)


def _days(name: str, value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = -1
    if not 1 <= days <= MAX_DAYS:  # refused at start, not discovered by the first run that erases too much
        raise ValueError(f"{name} must be a whole number of days from 1 to {MAX_DAYS}, not {value!r}")
    return days
