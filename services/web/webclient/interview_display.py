"""Interviews, scorecards and notes as a consultant reads them: when (in the interview's own zone),
where it stands at a glance, and the words of the scorecard's criteria, scores and recommendations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.dates import format_date, format_time
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from webclient.interview_form import DEFAULT_ZONE, OUTCOMES

CRITERIA = {
    "methodology": _l("Methodology (PRINCE2, PMBOK, agile)"),
    "stakeholder_management": _l("Stakeholder management"),
    "communication": _l("Communication in the required languages"),
    "technical_domain": _l("Technical domain"),
}
# In a scorecard's one-line summary.
SHORT = {
    "methodology": _l("Methodology"),
    "stakeholder_management": _l("Stakeholders"),
    "communication": _l("Communication"),
    "technical_domain": _l("Domain"),
}
SCORES = {1: _l("Poor"), 2: _l("Fair"), 3: _l("Good"), 4: _l("Excellent")}
RECOMMENDATIONS = {
    "strong_yes": _l("Yes, without doubt"),
    "yes": _l("Yes"),
    "no": _l("No"),
    "strong_no": _l("Certainly not"),
}
_STANDING = {
    "upcoming": _l("Scheduled"),
    "to_conclude": _l("Outcome to record"),
    "cancelled": _l("Cancelled"),
}


@dataclass(frozen=True)
class Standing:
    """Where an interview stands, for its badge: a code for the colour, and its words."""

    code: str
    label: str


def standing(interview: Mapping[str, Any]) -> Standing:
    """Cancelled; its outcome; waiting for its outcome once started; or scheduled."""
    if interview["state"] == "cancelled":
        code = "cancelled"
    elif interview.get("outcome"):
        return Standing(
            f"outcome-{interview['outcome']}", str(OUTCOMES.get(interview["outcome"], interview["outcome"]))
        )
    else:
        code = "to_conclude" if interview.get("started") else "upcoming"
    return Standing(code, str(_STANDING[code]))


def interview_when(interview: Mapping[str, Any]) -> str:
    """ "Thu 3 Dec 2026, 14:00-15:00" in the reader's language, in the interview's zone (named
    unless Belgian)."""
    start, end = datetime.fromisoformat(interview["starts_at"]), datetime.fromisoformat(interview["ends_at"])
    locale = get_locale()
    day = format_date(start, "EEE d MMM y", locale=locale)
    # A 24-hour clock in every language, as Belgian invitations and emails write it.
    span = f"{day}, {format_time(start, 'HH:mm', locale=locale)}–{format_time(end, 'HH:mm', locale=locale)}"
    return span if interview["time_zone"] == DEFAULT_ZONE else f"{span} ({interview['time_zone']})"


def criterion_label(code: str, short: bool = False) -> str:
    return str((SHORT if short else CRITERIA).get(code, code))


def score_label(score: int) -> str:
    return str(SCORES.get(score, score))


def recommendation_label(code: str) -> str:
    return str(RECOMMENDATIONS.get(code, code))
