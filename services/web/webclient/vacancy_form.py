"""The workspace's vacancy form: a vacancy of the API as the form's values, and the filled form as
the vacancy API's create or edit request (`VacancyDraftSchema` / `VacancyEditSchema`).

The values are plain, JSON-safe data (strings, lists of strings, language rows), so a form can also
carry the version it was opened with (vacancy_conflict.py). List-like fields are one item per line
of a textarea; freelance terms are offered when a daily rate is given, permanent terms when ticked.
What the form cannot judge is left to the API, whose 422 comes back beside each field
(vacancy_errors.py): a number that is not one is sent as typed, for the API to name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from webclient.formatting import label, language_name
from webclient.search_form import FILTERS

Values = dict[str, Any]

LINES = ("responsibilities", "requirements", "nice_to_haves")
DATES = ("start_date", "end_date", "closes_on")
TEXT = (
    "title", "reference", "content_language", "role_type", "category", "city", "region", "workplace",
    "experience_min_years", "experience_max_years", "introduction", *LINES, *DATES,
    "daily_rate", "daily_rate_currency", "permanent", "salary_min", "salary_max", "salary_currency",
)  # fmt: skip
CHOSEN = ("tags", "education_levels")
MAX_LANGUAGE_ROWS = 10  # the API's limit
# The vacancy API's known methodologies and certifications, as its tags are spelled; a vacancy's
# tag that is not among them is still offered on its form, so nothing is dropped by saving.
TAGS = (
    "PRINCE2", "PMBOK", "PMP", "IPMA", "MSP", "Scrum", "SAFe", "Kanban", "Agile", "Waterfall",
    "ITIL", "Lean", "Six Sigma", "TOGAF", "COBIT", "DevOps",
)  # fmt: skip
ROLE_TYPES = next(each.choices for each in FILTERS if each.name == "role_type")
WORKPLACES = ("on_site", "hybrid", "remote")
EDUCATION_LEVELS = ("secondary", "bachelor", "master", "doctorate")
SPOKEN = ("nl", "fr", "en", "de", "es", "it")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
CONTENT_LANGUAGES = ("nl", "fr", "en")
READY_TO_PUBLISH = (
    ("introduction", _l("Introduction")),
    ("responsibilities", _l("Responsibilities")),
    ("requirements", _l("Requirements")),
)


def blank(language: str) -> Values:
    """The values of a new vacancy's form: its text in the page's language, a general role, euros."""
    return values_of({"content_language": language, "role_type": "general"})


def values_of(vacancy: Mapping[str, Any]) -> Values:
    """A vacancy as the API shows it, as the form's values."""
    terms = vacancy.get("contract_terms") or {}
    freelance, permanent = terms.get("freelance") or {}, terms.get("permanent")
    values: Values = {name: _text(vacancy.get(name)) for name in TEXT if name in vacancy and name not in LINES}
    values |= {name: "\n".join(vacancy.get(name) or []) for name in LINES}
    values |= {name: list(vacancy.get(name) or []) for name in CHOSEN}
    values |= {
        "daily_rate": _text(freelance.get("daily_rate")),
        "daily_rate_currency": freelance.get("currency") or "EUR",
        "permanent": "on" if permanent is not None else "",
        "salary_min": _text((permanent or {}).get("salary_min")),
        "salary_max": _text((permanent or {}).get("salary_max")),
        "salary_currency": (permanent or {}).get("currency") or "EUR",
        "languages": [
            {"language": row["language"], "level": row["level"], "required": bool(row.get("hard_requirement"))}
            for row in vacancy.get("languages") or []
        ],
    }
    return {name: "" for name in TEXT} | values


def typed(form: MultiDict) -> Values:
    """The form as it was filled (a language row counts when it names a language or a level)."""
    values: Values = {name: (form.get(name) or "").replace("\r\n", "\n").strip() for name in TEXT}
    values["permanent"] = "on" if form.get("permanent") else ""
    values |= {name: [each for each in form.getlist(name) if each] for name in CHOSEN}
    rows = (
        {
            "language": (form.get(f"language_{row}") or "").strip(),
            "level": (form.get(f"level_{row}") or "").strip(),
            "required": bool(form.get(f"required_{row}")),
        }
        for row in range(MAX_LANGUAGE_ROWS)
    )
    values["languages"] = [row for row in rows if row["language"] or row["level"]]
    return values


def request_body(values: Values, consultant: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """The API's request for the form: empty required fields left out (the API names them), empty
    optional ones null; `consultant` is who the vacancy is of (the signed-in one for a new one)."""
    body: dict[str, Any] = {name: values[name] for name in ("title", "city", "workplace") if values[name]}
    if values["experience_min_years"]:
        body["experience_min_years"] = _number(values["experience_min_years"])
    if creating and values["reference"]:
        body["reference"] = values["reference"]
    body |= {name: values[name] for name in ("content_language", "role_type") if values[name]}
    body |= {name: values[name] or None for name in ("category", "region", *DATES)}
    body |= {name: lines(values[name]) for name in LINES}
    body |= {name: list(values[name]) for name in CHOSEN}
    body |= {
        "introduction": values["introduction"],
        "experience_max_years": _number(values["experience_max_years"]) if values["experience_max_years"] else None,
        "languages": [
            {"language": row["language"], "level": row["level"], "hard_requirement": row["required"]}
            for row in values["languages"]
        ],
        "contract_terms": _contract_terms(values),
        "consultant": {key: consultant.get(key) for key in ("name", "email", "title") if consultant.get(key)},
    }
    return body


def language_rows(values: Values) -> range:
    """How many language rows the form shows: the filled ones and two empty ones, at least three."""
    return range(min(max(len(values["languages"]) + 2, 3), MAX_LANGUAGE_ROWS))


def text_rows(values: Values) -> dict[str, int]:
    """How tall each textarea is: its text's lines at about 80 characters wide, and one to spare, so a
    consultant reviews it without scrolling inside it (between 3 and 16 rows)."""
    rows = {}
    for name in ("introduction", *LINES):
        wrapped = sum(len(line) // 80 + 1 for line in values[name].splitlines())
        rows[name] = min(max(wrapped + 1, 3), 16)
    return rows


def tag_choices(values: Values) -> list[str]:
    """The tags the form offers: the known ones, then any other the vacancy already has."""
    return [*TAGS, *(tag for tag in values["tags"] if tag not in TAGS)]


def missing_to_publish(vacancy: Mapping[str, Any]) -> list[str]:
    """The labels of what a vacancy still lacks before candidates may see it (the API's rule)."""
    return [str(label) for name, label in READY_TO_PUBLISH if not vacancy.get(name)]


def choices(values: Values) -> dict[str, Any]:
    """What the form's selects and ticks offer, as (value, label in the page's language)."""
    return {
        "role_types": ROLE_TYPES,
        "workplaces": [(code, label(code)) for code in WORKPLACES],
        "education_levels": [(code, label(code)) for code in EDUCATION_LEVELS],
        "content_languages": [(code, language_name(code)) for code in CONTENT_LANGUAGES],
        "tags": [(tag, tag) for tag in tag_choices(values)],
        "spoken": SPOKEN,
        "cefr": CEFR,
    }


def lines(text: str) -> list[str]:
    """A textarea's items: one per line, without blank lines and surrounding spaces."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _contract_terms(values: Values) -> dict[str, Any]:
    terms: dict[str, Any] = {"freelance": None, "permanent": None}
    if values["daily_rate"]:
        currency = values["daily_rate_currency"] or "EUR"
        terms["freelance"] = {"daily_rate": _number(values["daily_rate"]), "currency": currency}
    if values["permanent"]:
        terms["permanent"] = {
            "salary_min": _number(values["salary_min"]) if values["salary_min"] else None,
            "salary_max": _number(values["salary_max"]) if values["salary_max"] else None,
            "currency": values["salary_currency"] or "EUR",
        }
    return terms


def _number(text: str) -> int | str:
    """A whole number as one; anything else as typed, for the API to refuse beside its field."""
    compact = text.replace(" ", "").replace("\u202f", "")  # 65 000: digits grouped as people type them
    return int(compact) if compact.isascii() and compact.isdigit() else text


def _text(value: Any) -> str:
    return "" if value is None else str(value)
