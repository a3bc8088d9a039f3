"""The talent-pool search form: its fields, checked here with messages in the consultant's
language, and turned into the application API's query (`GET /consultant/talent-pool`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

LANGUAGE_ROWS = 2
SPOKEN = ("nl", "fr", "en", "de", "es", "it")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
CONTRACTS = ("freelance", "permanent")
TEXT_FIELDS = ("q", "min_years", "contract", "max_daily_rate", "available_by", "city")
MAX_WORDS_LENGTH = 200
MAX_CITY_LENGTH = 100
MAX_PAGE = 10_000


@dataclass
class PoolSearch:
    """The form as typed (to show it again), the API query it makes, and a message per wrong field."""

    values: dict[str, str]
    query: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def filtered(self) -> bool:
        """Whether any filter is set (else the page shows the whole pool, newest first)."""
        return any(value for name, value in self.query.items() if name not in ("page", "page_size"))


def pool_search(args: MultiDict, page_size: int) -> PoolSearch:
    """The search the form's query string asks for; fields it cannot send are in `errors`."""
    values = {name: (args.get(name) or "").strip() for name in TEXT_FIELDS}
    for row in range(LANGUAGE_ROWS):
        values[f"language_{row}"] = args.get(f"language_{row}") or ""
        values[f"level_{row}"] = args.get(f"level_{row}") or ""
    search = PoolSearch(values)
    page = args.get("page", 1, type=int) or 1
    search.query = {"page": min(max(page, 1), MAX_PAGE), "page_size": page_size}
    _words(search)
    _number(search, "min_years", 0, 60, _("Give a number of years from 0 to 60."))
    _number(search, "max_daily_rate", 1, 100_000, _("Give a daily rate in euro, from 1 to 100000."))
    _available_by(search)
    _choice(search, "contract", CONTRACTS)
    _languages(search)
    return search


def _words(search: PoolSearch) -> None:
    for name, longest in (("q", MAX_WORDS_LENGTH), ("city", MAX_CITY_LENGTH)):
        value = search.values[name]
        if len(value) > longest:
            search.errors[name] = _("Keep it under %(count)d characters.", count=longest)
        elif value:
            search.query[name] = value


def _number(search: PoolSearch, name: str, lowest: int, highest: int, message: str) -> None:
    value = search.values[name]
    if not value:
        return
    if value.isdigit() and lowest <= int(value) <= highest:
        search.query[name] = int(value)
    else:
        search.errors[name] = message


def _available_by(search: PoolSearch) -> None:
    value = search.values["available_by"]
    if not value:
        return
    try:
        search.query["available_by"] = date.fromisoformat(value).isoformat()
    except ValueError:
        search.errors["available_by"] = _("Give a date such as 2027-03-01.")


def _choice(search: PoolSearch, name: str, allowed: tuple[str, ...]) -> None:
    value = search.values[name]
    if value in allowed:
        search.query[name] = value
    elif value:
        search.errors[name] = _("Choose one of the options.")


def _languages(search: PoolSearch) -> None:
    wanted: list[str] = []
    for row in range(LANGUAGE_ROWS):
        language, level = search.values[f"language_{row}"], search.values[f"level_{row}"]
        if not language and not level:
            continue
        if language not in SPOKEN or level not in CEFR:
            search.errors[f"language_{row}"] = _("Choose both a language and its lowest level.")
        elif any(skill.startswith(f"{language}:") for skill in wanted):
            search.errors[f"language_{row}"] = _("Choose each language once.")
        else:
            wanted.append(f"{language}:{level}")
    if wanted:
        search.query["language"] = wanted
