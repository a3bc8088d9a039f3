"""The apply form: its choices, and the fields as the application API's multipart form wants them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict

MAX_CV_BYTES = 5 * 1024 * 1024  # the application API's limit; refused here first
LANGUAGE_ROWS = 3
SPOKEN = ("nl", "fr", "en", "de", "es", "it")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
CONTRACTS = ("either", "freelance", "permanent")
OPTIONAL = ("phone", "city", "expected_daily_rate", "available_from")  # left out when empty: the API defaults them
TEXT_FIELDS = ("name", "email", "phone", "preferred_language", "years_of_experience", "contract_preference")


@dataclass(frozen=True)
class Submission:
    """The form as the API is sent it, and which form row each of its `languages.<n>` is."""

    data: list[tuple[str, str]]
    language_rows: list[int]


def submission(form: MultiDict, vacancy_id: str) -> Submission:
    """The typed form as the API's fields; empty optional fields and empty language rows left out."""
    data: list[tuple[str, str]] = [("vacancy_id", vacancy_id)]
    for name in (*TEXT_FIELDS, "city", "expected_daily_rate", "available_from", "motivation"):
        value = (form.get(name) or "").strip()
        if value or (name not in OPTIONAL and name != "years_of_experience"):
            data.append((name, value))
    rows = []
    for row in range(LANGUAGE_ROWS):
        language, level = form.get(f"language_{row}") or "", form.get(f"level_{row}") or ""
        if language or level:
            data.append(("languages", f"{language}:{level}"))
            rows.append(row)
    data.append(("consent", "true" if form.get("consent") else "false"))
    # The notice version the form showed (a hidden field): the API refuses one that is no longer current.
    data.append(("privacy_notice_version", form.get("privacy_notice_version") or ""))
    data.append(("talent_pool_consent", "true" if form.get("talent_pool_consent") else "false"))
    data.append(("source", "career_site"))  # for the agency's pipeline reports: applied here, on the career site
    return Submission(data, rows)


def field_errors(fields: dict[str, list[str]], language_rows: list[int]) -> dict[str, list[str]]:
    """The API's errors per field of this form: `languages.1` is the form row that was sent second."""
    errors: dict[str, list[str]] = {}
    for name, messages in fields.items():
        if name.startswith("languages.") and name.partition(".")[2].isdigit():
            index = int(name.partition(".")[2])
            name = f"language_{language_rows[index]}" if index < len(language_rows) else "languages"
        errors.setdefault(name, []).extend(messages)
    return errors


def unplaced(errors: dict[str, list[str]]) -> list[str]:
    """Errors that belong to no field of the form: shown above it."""
    placed = {*TEXT_FIELDS, *OPTIONAL, "motivation", "consent", "talent_pool_consent", "cv", "languages"}
    placed.add("privacy_notice_version")  # said above the form in the candidate's language (application_pages.py)
    placed |= {f"language_{row}" for row in range(LANGUAGE_ROWS)}
    return [message for name, messages in errors.items() if name not in placed for message in messages]


def notice_blocks(text: str) -> list[tuple[str, Any]]:
    """The privacy notice's Markdown as (kind, content) blocks: ("h", title), ("li", [items]) or
    ("p", paragraph); the notice uses nothing else, and Jinja escapes every piece."""
    blocks: list[tuple[str, Any]] = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.splitlines()]
        if lines[0].startswith("#"):
            blocks.append(("h", lines[0].lstrip("# ")))
        elif lines[0].startswith("- "):
            items = " ".join(lines).split("- ")
            blocks.append(("li", [item.strip() for item in items if item.strip()]))
        else:
            blocks.append(("p", " ".join(lines)))
    return blocks


def choices() -> dict[str, Any]:
    """What the form's selects offer."""
    return {"spoken": SPOKEN, "cefr": CEFR, "contracts": CONTRACTS, "language_rows": range(LANGUAGE_ROWS)}
