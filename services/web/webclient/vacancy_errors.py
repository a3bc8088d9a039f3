"""The vacancy API's refusals of a vacancy form, as messages beside the form's fields.

The API answers 422 with one entry per offending field, by its dotted path in the request
(`contract_terms.freelance.daily_rate`, `languages.1.level`, `responsibilities.4`) and in English,
naming its rules. Each is shown beside the form's field it came from (`daily_rate`, the second
language row, the responsibilities textarea), in the page's language where the message is one we
know; an unknown one is shown as the API wrote it rather than not at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from webclient.vacancy_form import CHOSEN, LINES, TEXT

GENERAL = "general"  # a refusal that names no field of the form: shown above it
_PLACES = {
    "contract_terms.freelance.daily_rate": "daily_rate",
    "contract_terms.freelance.currency": "daily_rate_currency",
    "contract_terms.permanent.salary_min": "salary_min",
    "contract_terms.permanent.salary_max": "salary_max",
    "contract_terms.permanent.currency": "salary_currency",
}
_IN_A_ROW = {"language": _l("Choose a language."), "level": _l("Choose a level for this language.")}
_MESSAGES = (
    (r"Missing data for required field\.", _l("Fill this in.")),
    (r"Length must be between 1 and (?P<max>\d+)\.", _l("Fill this in, in at most %(max)s characters.")),
    (r"Not a valid integer\.", _l("Enter a whole number.")),
    (r"Not a valid date\.", _l("Enter a date.")),
    (r"Must be greater than or equal to (?P<min>\d+) and less than or equal to (?P<max>\d+)\.",
     _l("Enter a number from %(min)s to %(max)s.")),
    (r"Must be one of: .*", _l("Choose one of the options offered.")),
    (r"Use 4 to 10 digits\.", _l("Use 4 to 10 digits, or leave it empty for a new number.")),
    (r"Unknown tag.*", _l("Choose among the methodologies and certifications offered.")),
    (r"String does not match expected pattern\.", _l("Use a three-letter currency code, such as EUR.")),
    (r"Must not be below .*", _l("Must not be below the minimum.")),
    (r"Must not be before start_date\.", _l("Must not be before the start date.")),
    (r"Must not be after end_date\.", _l("Must not be after the end date.")),
    (r"Offer freelance terms, permanent terms, or both\.",
     _l("Give a daily rate (freelance), tick the permanent contract, or both.")),
    (r"reference \d+ is already used by another vacancy",
     _l("Another vacancy has this reference; leave it empty for a new number.")),
)  # fmt: skip
_MESSAGES_COMPILED = tuple((re.compile(pattern), message) for pattern, message in _MESSAGES)


def field_errors(fields: Mapping[str, list[str]], detail: str = "") -> dict[str, list[str]]:
    """The API's field errors as the form's: {form field: [messages]}, each message once; `general`
    holds those of no field of the form (or the problem's detail when it names no field at all)."""
    errors: dict[str, list[str]] = {}
    for path, messages in fields.items():
        place = form_field(path)
        for message in messages:
            shown = _message(path, place, message)
            if shown not in errors.setdefault(place, []):
                errors[place].append(shown)
    return errors or {GENERAL: [detail or str(_l("Please check what you entered and try again."))]}


def form_field(path: str) -> str:
    """The form's field for the API's dotted path: `languages.2.level` is `language_2`."""
    if path in _PLACES:
        return _PLACES[path]
    head, _, rest = path.partition(".")
    index = rest.partition(".")[0]
    if head == "languages" and index.isdigit():
        return f"language_{index}"
    if head == "contract_terms":
        return "contract_terms"
    if head in (*TEXT, *CHOSEN, "languages"):
        return head
    return GENERAL


def _message(path: str, place: str, message: str) -> str:
    head, _, rest = path.partition(".")
    if place.startswith("language_") and path.rpartition(".")[2] in _IN_A_ROW:
        return str(_IN_A_ROW[path.rpartition(".")[2]])
    longer = re.fullmatch(r"Longer than maximum length (?P<max>\d+)\.", message)
    if longer:  # a textarea of too many lines, or a text too long
        return (
            str(_l("At most %(max)s lines.") if path in LINES else _l("At most %(max)s characters."))
            % longer.groupdict()
        )
    if head in LINES and rest.isdigit():  # one line of a textarea (blank lines are never sent)
        return str(_l("Line %(number)d: %(message)s", number=int(rest) + 1, message=_translated(message)))
    return _translated(message)


def _translated(message: str) -> str:
    for pattern, translation in _MESSAGES_COMPILED:
        found = pattern.fullmatch(message)
        if found:
            return str(translation) % found.groupdict() if found.groupdict() else str(translation)
    return message
