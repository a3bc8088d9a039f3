"""An interview's moment and title in the reader's language: "donderdag 3 december 2026, van 14.00
tot 15.00 uur (Belgische tijd)", in the interview's own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from notifications.emails import long_date

BELGIAN = "Europe/Brussels"
_WEEKDAYS = {
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}
_SPAN = {  # day, from, to
    "nl": "{day}, van {start} tot {end} uur",
    "fr": "{day}, de {start} à {end}",
    "en": "{day}, {start} to {end}",
}
_AT = {"nl": "{day} om {start} uur", "fr": "{day} à {start}", "en": "{day} at {start}"}
_CLOCK = {"nl": "%H.%M", "fr": "%H\u00a0h\u00a0%M", "en": "%H:%M"}
_BELGIAN_TIME = {"nl": "Belgische tijd", "fr": "heure belge", "en": "Belgian time"}
_OTHER_TIME = {"nl": "tijdzone {zone}", "fr": "fuseau horaire {zone}", "en": "{zone} time"}
_TITLE = {  # what a calendar shows: the candidate's, and the consultant's
    "candidate": {
        "nl": "Sollicitatiegesprek: {title} (ref. {reference})",
        "fr": "Entretien\u00a0: {title} (réf. {reference})",
        "en": "Interview: {title} (ref. {reference})",
    },
    "consultant": {
        "nl": "Gesprek met {candidate} – {reference}",
        "fr": "Entretien avec {candidate} – {reference}",
        "en": "Interview with {candidate} – {reference}",
    },
}


def local_start(starts_at: datetime, zone: str) -> datetime:
    """The start in the interview's own time zone."""
    return starts_at.astimezone(ZoneInfo(zone))


def moment(starts_at: datetime, duration_minutes: int, zone: str, language: str) -> str:
    """ "donderdag 3 december 2026, van 14.00 tot 15.00 uur (Belgische tijd)" and the like."""
    start = local_start(starts_at, zone)
    end = start + timedelta(minutes=duration_minutes)
    day = f"{_WEEKDAYS[language].split()[start.weekday()]} {long_date(start.date(), language)}"
    clock = _CLOCK[language]
    span = _SPAN[language].format(day=day, start=start.strftime(clock), end=end.strftime(clock))
    return f"{span} ({time_zone_label(zone, language)})"


def start_moment(starts_at: datetime, zone: str, language: str) -> str:
    """ "donderdag 3 december 2026 om 14.00 uur" and the like: when something began or would have."""
    start = local_start(starts_at, zone)
    day = f"{_WEEKDAYS[language].split()[start.weekday()]} {long_date(start.date(), language)}"
    return _AT[language].format(day=day, start=start.strftime(_CLOCK[language]))


def time_zone_label(zone: str, language: str) -> str:
    """ "Belgische tijd" for Brussels; the zone's name otherwise."""
    return _BELGIAN_TIME[language] if zone == BELGIAN else _OTHER_TIME[language].format(zone=zone)


def calendar_title(audience: str, language: str, data: dict) -> str:
    """What the invitation is called in the calendar of the candidate or of the consultant."""
    values = {"title": data["vacancy_title"], "reference": data["vacancy_reference"]}
    return _TITLE[audience][language].format(candidate=data["candidate"]["name"], **values)


_LABELS = {  # with whom, where, by which link, whom to ask
    "nl": ("Met", "Adres", "Videolink", "Contact"),
    "fr": ("Avec", "Adresse", "Lien vidéo", "Contact"),
    "en": ("With", "Address", "Video link", "Contact"),
}


def calendar_description(data: dict, language: str) -> str:
    """The invitation's description: the vacancy, with whom, where or by which link, whom to ask."""
    with_, address, video, contact = _LABELS[language]
    colon = "\u00a0: " if language == "fr" else ": "  # French sets a no-break space before a colon
    consultant = data["consultant"]
    lines = [
        f"{data['vacancy_title']} (ref. {data['vacancy_reference']})",
        f"{with_}{colon}{', '.join(data['interviewers'])}" if data.get("interviewers") else None,
        f"{address}{colon}{data['location']}" if data.get("location") else None,
        f"{video}{colon}{data['video_link']}" if data.get("video_link") else None,
        f"{contact}{colon}{consultant['name']} <{consultant['email']}>",
    ]
    return "\n".join(line for line in lines if line)
