"""The interview form (schedule or reschedule): its fields as the consultant typed them, what the
application API is sent, and the API's refusals put beside the fields they name.

The consultant types a day and a time in the interview's time zone (Belgian by default); the API
takes that local time and zone as they are, and answers with the moment in that zone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

DEFAULT_ZONE = "Europe/Brussels"
ZONES = (
    "Europe/Brussels",
    "Europe/Amsterdam",
    "Europe/Luxembourg",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
)
DURATIONS = (30, 45, 60, 90, 120, 180)
MAX_INTERVIEWERS = 10
_DAY, _TIME = re.compile(r"^\d{4}-\d{2}-\d{2}$"), re.compile(r"^\d{2}:\d{2}$")
# Where the API's field names go on this form.
_FIELDS = {"starts_at": "day", "duration_minutes": "duration", "time_zone": "time_zone"}
# The API words its refusals in English for developers; the consultant reads them in the page's language.
_BY_FIELD = {
    "duration": _l("Choose how long it takes."),
    "time_zone": _l("Choose a time zone from the list."),
    "location": _l("Give the address (at most 500 characters) or a video link."),
    "video_link": _l("Give the video link as a full address starting with https://."),
    "interviewers": _l("Name at most 10 interviewers, each in at most 200 characters."),
}
_WHEN = (
    ("still to come", _l("Choose a moment still to come.")),
    ("does not exist", _l("That time does not exist on that day: the clocks change. Choose another.")),
    ("two years", _l("Plan it at most two years ahead.")),
)
_WHEN_UNKNOWN = _l("Choose the day and the time it starts.")
OUTCOMES = {"positive": _l("Positive"), "negative": _l("Negative"), "no_show": _l("No show")}

Values = dict[str, str]


def blank() -> Values:
    """An empty form: an hour, in Belgian time."""
    return {
        "day": "",
        "time": "",
        "duration": "60",
        "time_zone": DEFAULT_ZONE,
        "location": "",
        "video_link": "",
        "interviewers": "",
    }


def typed(form: Mapping[str, str]) -> Values:
    """The form's fields as sent, trimmed."""
    return {name: (form.get(name) or "").strip() for name in blank()}


def values_of(interview: Mapping[str, Any]) -> Values:
    """The form filled with an interview as the API shows it (its start in its own zone)."""
    start = datetime.fromisoformat(interview["starts_at"])
    return {
        "day": start.date().isoformat(),
        "time": start.strftime("%H:%M"),
        "duration": str(interview["duration_minutes"]),
        "time_zone": interview["time_zone"],
        "location": interview.get("location") or "",
        "video_link": interview.get("video_link") or "",
        "interviewers": "\n".join(interview.get("interviewers") or []),
    }


def checked(values: Values) -> dict[str, str]:
    """What the page can tell before asking the API: the field and its message."""
    errors = {}
    if not _DAY.match(values["day"]):
        errors["day"] = _("Choose the day of the interview.")
    if not _TIME.match(values["time"]):
        errors["time"] = _("Give the time it starts, as 14:00.")
    if not values["duration"].isdigit():
        errors["duration"] = _("Choose how long it takes.")
    if not values["location"] and not values["video_link"]:
        errors["location"] = _("Give the address of the interview or its video link.")
    if len(_interviewers(values)) > MAX_INTERVIEWERS:
        errors["interviewers"] = _("Name at most %(count)d interviewers.", count=MAX_INTERVIEWERS)
    return errors


def request_body(values: Values) -> dict[str, Any]:
    """The plan as the application API takes it."""
    return {
        "starts_at": f"{values['day']}T{values['time']}",
        "duration_minutes": int(values["duration"]),
        "time_zone": values["time_zone"] or DEFAULT_ZONE,
        "location": values["location"] or None,
        "video_link": values["video_link"] or None,
        "interviewers": _interviewers(values),
    }


def api_errors(fields: Mapping[str, list[str]]) -> dict[str, str]:
    """The API's 422 refusals, in the page's language, beside the form's fields they name."""
    errors: dict[str, str] = {}
    for name, messages in fields.items():
        field = _FIELDS.get(name, name.split(".")[0])
        if field == "day":
            said = " ".join(messages)
            errors["day"] = str(next((text for hint, text in _WHEN if hint in said), _WHEN_UNKNOWN))
        elif field in _BY_FIELD:
            errors[field] = str(_BY_FIELD[field])
    return errors or {"day": str(_WHEN_UNKNOWN)}


def _interviewers(values: Values) -> list[str]:
    return [line.strip() for line in values["interviewers"].splitlines() if line.strip()]
