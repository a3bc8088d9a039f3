"""Why a pool candidate is suggested for a vacancy, in the consultant's language: each reason the
application API gives (`kind`, `met`, `details`) worded anew; an unknown kind keeps the API's
English text. And the excerpt of a search, split into plain and found pieces for <mark>."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _

from webclient.formatting import contract_preference, language_name


def reason_text(reason: Mapping[str, Any]) -> str:
    """One reason as a sentence in the reader's language."""
    words = _WORDS.get(reason.get("kind", ""))
    details = reason.get("details") or {}
    try:
        return words(reason, details) if words else str(reason.get("text", ""))
    except (KeyError, TypeError, ValueError):  # details of a newer API than this client knows
        return str(reason.get("text", ""))


def marked(excerpt: str | None) -> list[tuple[str, bool]]:
    """An excerpt's pieces, each (text, found): the API puts found words between « and »."""
    pieces: list[tuple[str, bool]] = []
    for index, piece in enumerate((excerpt or "").split("«")):
        found, _sep, rest = piece.partition("»") if index else ("", "", piece)
        if found:
            pieces.append((found, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def _language(reason: Mapping[str, Any], d: Mapping[str, Any]) -> str:
    language, level, declared = language_name(d["language"]), d["level"], d.get("declared")
    if reason.get("hard"):
        asked = _("%(language)s at %(level)s or better is required", language=language, level=level)
    else:
        asked = _("%(language)s at %(level)s or better is preferred", language=language, level=level)
    has = _("declares %(level)s", level=declared) if declared else _("declares no %(language)s", language=language)
    return f"{asked}: {has}."


def _tag(reason: Mapping[str, Any], d: Mapping[str, Any]) -> str:
    if reason.get("met"):
        return _("%(tag)s appears in the CV or motivation.", tag=d["tag"])
    return _("%(tag)s does not appear in the CV or motivation.", tag=d["tag"])


def _experience(reason: Mapping[str, Any], d: Mapping[str, Any]) -> str:
    if d.get("max") is not None:
        asked = _("the vacancy asks %(min)d to %(max)d", min=d["min"], max=d["max"])
    else:
        asked = _("the vacancy asks at least %(min)d", min=d["min"])
    return _("%(years)d years of experience; %(asked)s.", years=d["years"], asked=asked)


def _daily_rate(reason: Mapping[str, Any], d: Mapping[str, Any]) -> str:
    offered = d["daily_rate"]
    if d.get("expected_daily_rate"):
        expected = d["expected_daily_rate"]
        return _("Expects %(rate)d a day; the vacancy pays %(offered)d.", rate=expected, offered=offered)
    return _("States no daily rate; the vacancy pays %(offered)d.", offered=offered)


def _availability(reason: Mapping[str, Any], d: Mapping[str, Any]) -> str:
    since = d.get("available_from")
    available = _("Available from %(day)s", day=_day(since)) if since else _("Available now")
    start = d.get("start_date")
    asap = _("the vacancy starts as soon as possible")
    starts = _("the vacancy starts on %(day)s", day=_day(start)) if start else asap
    return f"{available}; {starts}."


def _contract(reason: Mapping[str, Any], d: Mapping[str, Any]) -> str:
    kinds = [contract_preference(kind) for kind in ("freelance", "permanent") if d.get(kind)]
    offered = " / ".join(kinds) if kinds else _("no contract terms")
    wants = contract_preference(d["preference"])
    return _("Wants: %(preference)s; the vacancy offers: %(offered)s.", preference=wants, offered=offered)


def _day(value: str) -> str:
    return format_date(date.fromisoformat(value), "medium")


_WORDS = {
    "language": _language,
    "tag": _tag,
    "experience": _experience,
    "daily_rate": _daily_rate,
    "availability": _availability,
    "contract": _contract,
}
