"""Email texts in the recipient's language, rendered from Jinja2 templates shipped with the package.

Each template has, per language, `templates/<template>/<lang>.txt` (first line the subject, a blank
line, then the plain-text body) and `templates/<template>/<lang>.html` (the HTML body, extending
`templates/_layout.html`). A missing context variable raises: it is a bug, never an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

LANGUAGES = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "en"

TEMPLATES = (
    "consultant_new_application",
    "consultant_application_withdrawn",
    "candidate_application_received",
    "candidate_already_applied",
    "candidate_status_changed",
    "candidate_rejected",  # worded for the rejection's reason (rejection_emails.py)
    "job_alert",
    "job_alert_digest",
    "subscription_confirmation",
    "candidate_interview",  # with the RFC 5545 invitation (interview_emails.py)
    "consultant_interview",
)

# Application statuses a candidate hears about; anything else has no wording (and is a caller's bug).
CANDIDATE_STATUSES = ("interview", "offer", "rejected", "hired")

_WORKPLACES = {
    "nl": {"on_site": "op locatie", "hybrid": "hybride", "remote": "op afstand"},
    "fr": {"on_site": "sur site", "hybrid": "hybride", "remote": "à distance"},
    "en": {"on_site": "on site", "hybrid": "hybrid", "remote": "remote"},
}

_MONTHS = {  # month names, space-separated
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}


# Periods in words: whole years, else whole months (of 30 days), else days.
_PERIOD_UNITS = {
    "nl": ((365, "jaar", "jaar"), (30, "maand", "maanden"), (1, "dag", "dagen")),
    "fr": ((365, "an", "ans"), (30, "mois", "mois"), (1, "jour", "jours")),
    "en": ((365, "year", "years"), (30, "month", "months"), (1, "day", "days")),
}
_SMALL_NUMBERS = {
    "nl": "één twee drie vier vijf zes zeven acht negen tien",
    "fr": "un deux trois quatre cinq six sept huit neuf dix",
    "en": "one two three four five six seven eight nine ten",
}

_SPACES = re.compile(r"[^\S\u00a0]+")  # runs of whitespace other than the no-break space


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str  # plain-text body
    html: str  # complete small HTML document (inline styles only; no external resources)


def language_of(preferred: str | None) -> str:
    """The language to write in: "nl", "fr" or "en" ("nl-BE" counts as "nl"); anything else gets English."""
    if not preferred:
        return DEFAULT_LANGUAGE
    primary = re.split(r"[-_]", preferred.strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def workplace_label(workplace: str, language: str) -> str:
    """ "hybrid" -> "hybride"; an unknown value (a newer event) shows as itself rather than failing."""
    return _WORKPLACES[language].get(workplace, str(workplace).replace("_", " "))


def long_date(day: str | date, language: str) -> str:
    """ "2026-11-21" -> "21 november 2026" / "21 novembre 2026" / "21 November 2026"; other strings unchanged."""
    try:
        value = day if isinstance(day, date) else date.fromisoformat(str(day))
    except ValueError:
        return str(day)
    if language == "fr" and value.day == 1:
        return f"1er {_MONTHS['fr'].split()[value.month - 1]} {value.year}"
    return f"{value.day} {_MONTHS[language].split()[value.month - 1]} {value.year}"


def period_in_words(days: int, language: str) -> str:
    """730 -> "twee jaar" / "deux ans" / "two years"; 90 -> "drie maanden"; 45 -> "45 dagen"."""
    length, singular, plural = next(unit for unit in _PERIOD_UNITS[language] if days % unit[0] == 0)
    count = days // length
    number = _SMALL_NUMBERS[language].split()[count - 1] if 1 <= count <= 10 else str(count)
    return f"{number} {singular if count == 1 else plural}"


def _environment(autoescape: bool) -> Environment:
    environment = Environment(
        loader=PackageLoader("notifications", "templates"),
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["workplace"] = workplace_label
    environment.filters["long_date"] = long_date
    environment.filters["period"] = period_in_words
    return environment


# Plain text must not be HTML-escaped; HTML must be (names, motivations and reasons are user input).
_text = _environment(autoescape=False)
_html = _environment(autoescape=True)


def render(template: str, language: str | None, context: Mapping[str, Any]) -> RenderedEmail:
    """Render `template` in `language` (falling back to English) with `context`."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown email template {template!r}")
    if template == "candidate_status_changed" and context.get("to_status", "interview") not in CANDIDATE_STATUSES:
        raise ValueError(f"no candidate email for status {context['to_status']!r}")  # (missing: StrictUndefined)
    lang = language_of(language)
    values = {**context, "language": lang}

    rendered = _text.get_template(f"{template}/{lang}.txt").render(values)
    head, _, body = rendered.lstrip().partition("\n\n")
    # One line, even if a title carried a line break (no header injection); French non-breaking spaces stay.
    subject = _SPACES.sub(" ", head).strip()
    if not subject or not body.strip():
        raise ValueError(f"template {template}/{lang}.txt must render a subject line, a blank line and a body")
    text = re.sub(r"\n{3,}", "\n\n", body.strip("\n")).rstrip() + "\n"

    html = _html.get_template(f"{template}/{lang}.html").render({**values, "subject": subject})
    return RenderedEmail(subject=subject, text=text, html=html.strip() + "\n")
