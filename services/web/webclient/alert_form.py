"""The job-alert form: prefilled from the job board's filters, sent as the notification API's
subscription (`POST /alerts/subscriptions`), its 422 turned into a message beside each field, and a
subscription the API shows put back into words.

An alert matches on keywords, cities, role types, a contract type and a workplace: the board's
search words and tag become keywords, its city a city; its other filters (region, language, rates,
experience) have no counterpart, and the form says which of them it leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from webclient.formatting import label
from webclient.search_form import FILTERS

CHOICES = {each.name: each.choices for each in FILTERS if each.choices}
ROLE_TYPES = CHOICES["role_type"]
CONTRACT_TYPES = CHOICES["contract_type"]
WORKPLACES = CHOICES["workplace"]
FREQUENCIES = (("immediate", _l("As soon as it is published")), ("daily", _l("Once a day, in one email")))
CARRIED = frozenset({"q", "tag", "city", "role_type", "contract_type", "workplace"})  # board filters an alert keeps
FIELDS = ("email", "keywords", "cities", "role_types", "contract_type", "workplace", "frequency", "language")
# The API's messages are English and name its rules; the page says, in its language, what to change.
MESSAGES = {
    "email": _l("Enter an email address that can receive mail, such as name@example.com."),
    "keywords": _l("At most 10 keywords, separated by commas, of at most 100 characters each."),
    "cities": _l("At most 20 cities, separated by commas, of at most 100 characters each."),
}
CHOOSE_OFFERED = _l("Choose one of the options offered.")
GENERAL = _l("Please check what you entered and try again.")


def prefilled(board: Mapping[str, str], language: str) -> dict[str, Any]:
    """The form's values for the job board's query string: its search and tag as keywords, its city,
    role, contract and workplace; alerts as soon as published, emails in the page's language."""
    keywords = [board.get(name, "").strip() for name in ("q", "tag")]
    role = board.get("role_type", "")
    return {
        "keywords": ", ".join(word for word in keywords if word),
        "cities": board.get("city", "").strip(),
        "role_types": [role] if role in dict(ROLE_TYPES) else [],
        "contract_type": board.get("contract_type", ""),
        "workplace": board.get("workplace", ""),
        "frequency": "immediate",
        "language": language,
    }


def left_out(board: Mapping[str, str]) -> list[str]:
    """The labels of the board's filters in use that an alert cannot keep."""
    return [str(each.label) for each in FILTERS if each.name not in CARRIED and board.get(each.name, "").strip()]


def board_filters(board: Mapping[str, str]) -> dict[str, str]:
    """The board's search and filters in use, not its sorting or page: what the alert form is opened
    with, to keep what it can and say what it cannot."""
    searched = {"q", *(each.name for each in FILTERS)}
    return {name: value.strip() for name, value in board.items() if name in searched and value.strip()}


def typed(form: MultiDict, language: str) -> dict[str, Any]:
    """The form as it was filled, to show it again."""
    values: dict[str, Any] = {name: form.get(name, "") for name in FIELDS}
    values["role_types"] = form.getlist("role_types")
    values["language"] = values["language"] or language
    return values


def subscription(form: MultiDict, language: str) -> dict[str, Any]:
    """The API's request for the form: keywords and cities split at commas, empty choices left out
    (the API takes them as "any")."""
    values = typed(form, language)
    request = {
        "email": values["email"].strip(),
        "language": values["language"],
        "frequency": values["frequency"] or "immediate",
        "keywords": _items(values["keywords"]),
        "cities": _items(values["cities"]),
        "role_types": values["role_types"],
    }
    return request | {name: values[name] for name in ("contract_type", "workplace") if values[name]}


def field_errors(fields: Mapping[str, list[str]]) -> dict[str, str]:
    """The API's field errors as the form's, one message each (`keywords.3` is the keywords field);
    `general` for a refusal that names no field of the form."""
    errors: dict[str, str] = {}
    for name in fields:
        field = name.partition(".")[0]
        if field in FIELDS:
            errors[field] = str(MESSAGES.get(field, CHOOSE_OFFERED))
        else:
            errors["general"] = str(GENERAL)
    return errors or {"general": str(GENERAL)}


def in_words(subscription: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What a subscription looks for, as (label, value) rows in the page's language."""
    criteria = subscription.get("criteria_values")
    if criteria is None:  # an API that does not detail them: its own (English) summary
        return [(str(_l("Your search")), subscription.get("criteria", ""))]
    roles = dict(ROLE_TYPES)
    rows = [
        (_l("Keywords"), ", ".join(criteria.get("keywords") or [])),
        (_l("Cities"), ", ".join(criteria.get("cities") or [])),
        (_l("Role"), ", ".join(str(roles.get(role, role)) for role in criteria.get("role_types") or [])),
        (_l("Contract"), label(criteria.get("contract_type") or "")),
        (_l("Workplace"), label(criteria.get("workplace") or "")),
    ]
    shown = [(str(name), value) for name, value in rows if value]
    return shown or [(str(_l("Vacancies")), str(_l("All new vacancies")))]


def _items(text: str) -> list[str]:
    """Comma-separated words as a list, without blanks and repeats."""
    items = [item.strip() for item in text.split(",")]
    return list(dict.fromkeys(item for item in items if item))
