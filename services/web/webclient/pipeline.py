"""An application's way through the pipeline as a consultant reads it: the statuses and the moves
between them in words, the screening's verdict at a glance, and when things happened, in Belgian time.

Which moves an application allows is the application API's to say (`next_steps`); this module
only words them and puts them in the pipeline's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

PIPELINE = ("submitted", "screening", "interview", "offer", "hired", "rejected", "withdrawn")
STATUS_LABELS = {
    "submitted": _l("New"),
    "screening": _l("Screening"),
    "interview": _l("Interview"),
    "offer": _l("Offer"),
    "hired": _l("Hired"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
}
MOVE_LABELS = {
    "screening": _l("Start screening"),
    "interview": _l("Invite to an interview"),
    "offer": _l("Make an offer"),
    "hired": _l("Mark as hired"),
    "rejected": _l("Reject"),
}
VERDICT_LABELS = {
    "suitable": _l("Suitable"),
    "doubtful": _l("Doubtful"),
    "unsuitable": _l("Unsuitable"),
    "unscreened": _l("Not screened"),
}
# The agency works in Belgium: a consultant reads 14:05 for what happened at 13:05 UTC in winter.
LOCAL_TIME = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class Verdict:
    """The screening at a glance: a code for the badge's colour, and its words."""

    code: str
    label: str


def verdict(screening: Mapping | None) -> Verdict:
    """Unsuitable when a hard requirement is unmet, doubtful when only notes need weighing,
    suitable otherwise; not screened when the vacancy gave nothing to screen against."""
    if not screening:
        code = "unscreened"
    elif not screening.get("passed"):
        code = "unsuitable"
    elif screening.get("notes"):
        code = "doubtful"
    else:
        code = "suitable"
    return Verdict(code, str(VERDICT_LABELS[code]))


def status_label(code: str) -> str:
    """A status as the consultant calls it; an unknown one as it is."""
    return str(STATUS_LABELS.get(code, code))


def moves(next_steps: Iterable[str]) -> list[tuple[str, str]]:
    """The moves the API allows, as (status, button text), in the pipeline's order: rejecting last."""
    allowed = set(next_steps)
    return [(status, str(MOVE_LABELS[status])) for status in PIPELINE if status in allowed and status in MOVE_LABELS]


def moment(value: str | None) -> str:
    """An API timestamp as a short date and time in the reader's language and Belgian time ('' for none)."""
    if not value:
        return ""
    local = datetime.fromisoformat(value).astimezone(LOCAL_TIME)
    locale = get_locale()
    return f"{format_date(local, 'medium', locale=locale)} {format_time(local, 'short', locale=locale)}"
