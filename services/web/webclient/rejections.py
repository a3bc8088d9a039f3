"""Rejecting an application on the consultant's page: the reasons the application API offers, in the
consultant's words, and the choice whether the candidate gets the email worded for that reason.

The API's list (REJECTION_REASONS there) decides which reasons exist and in which order; this module
only words them. A reason it has no words for shows as its code, so a new one is never hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l

REASON_LABELS = {
    "requirements_not_met": _l("Requirements not met"),
    "another_candidate_chosen": _l("Another candidate chosen"),
    "candidate_not_available": _l("Candidate not available"),
    "no_show": _l("Did not show up"),
    "vacancy_closed": _l("Vacancy closed"),
}
SEND, DONT_SEND = "yes", "no"


def reason_label(code: str) -> str:
    """A rejection reason as the consultant reads it."""
    return str(REASON_LABELS.get(code, code.replace("_", " ")))


def reason_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """The select's options, (code, words), in the API's order."""
    return [(code, reason_label(code)) for code in codes]


def rejection_body(form: Mapping[str, str]) -> dict:
    """What the API is sent for a rejection besides the status: the reason (empty: none chosen) and
    whether the candidate is emailed (yes, unless the consultant chose not to)."""
    return {
        "rejection_reason": (form.get("rejection_reason") or "").strip(),
        "notify_candidate": form.get("notify_candidate", SEND) != DONT_SEND,
    }
