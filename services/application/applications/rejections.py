"""Why a consultant turns an application down: reasons from a configurable list, each worded for the
candidate in the notification service's email (never the consultant's note). Pure Python.

REJECTION_REASONS names the reasons consultants choose from, in the order offered; by default all of
`KNOWN_REASONS`. A reason outside that list has no email wording, so it is refused at start-up:
adding one means adding its paragraph to the notification service's `candidate_rejected` templates
(nl, fr, en) and its label to the web client's catalogues, then naming it here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from recruitment_shared.config import ConfigurationError

REQUIREMENTS_NOT_MET = "requirements_not_met"
ANOTHER_CANDIDATE_CHOSEN = "another_candidate_chosen"
CANDIDATE_NOT_AVAILABLE = "candidate_not_available"
NO_SHOW = "no_show"
VACANCY_CLOSED = "vacancy_closed"  # also what closing a vacancy as filled or cancelled rejects with
KNOWN_REASONS = (REQUIREMENTS_NOT_MET, ANOTHER_CANDIDATE_CHOSEN, CANDIDATE_NOT_AVAILABLE, NO_SHOW, VACANCY_CLOSED)


@dataclass(frozen=True)
class Rejection:
    """A consultant's rejection: its reason, and whether the candidate is emailed about it."""

    reason: str
    notify_candidate: bool = True


def rejection_reasons(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The reasons consultants choose from (REJECTION_REASONS, comma-separated; all known ones by default)."""
    configured = tuple(filter(None, (part.strip() for part in (environ.get("REJECTION_REASONS") or "").split(","))))
    unknown = [reason for reason in configured if reason not in KNOWN_REASONS]
    if unknown or len(set(configured)) != len(configured):
        raise ConfigurationError(
            f"REJECTION_REASONS {', '.join(configured)!r}: name each reason once, from {', '.join(KNOWN_REASONS)} "
            "(a new reason needs its candidate email wording first)"
        )
    return configured or KNOWN_REASONS
