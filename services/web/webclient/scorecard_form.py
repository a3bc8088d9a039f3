"""The scorecard form: one score (1-4) and a comment per criterion, a recommendation and a summary,
as the consultant filled it in; what the application API is sent; its refusals beside the fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from webclient.interview_display import CRITERIA, RECOMMENDATIONS

MAX_COMMENT, MAX_SUMMARY = 2000, 5000  # the API's limits
SCORES = ("1", "2", "3", "4")
Values = dict[str, str]


def names() -> list[str]:
    """Every field of the form."""
    per_criterion = [f"{criterion}_{part}" for criterion in CRITERIA for part in ("score", "comment")]
    return [*per_criterion, "recommendation", "summary"]


def typed(form: Mapping[str, str]) -> Values:
    return {name: (form.get(name) or "").strip() for name in names()}


def values_of(card: Mapping[str, Any] | None) -> Values:
    """The form filled with a scorecard as the API shows it (empty without one)."""
    if card is None:
        return dict.fromkeys(names(), "")
    values = {"recommendation": card["recommendation"], "summary": card.get("summary") or ""}
    for criterion in CRITERIA:
        rating = card["ratings"].get(criterion) or {}
        values[f"{criterion}_score"] = str(rating.get("score", ""))
        values[f"{criterion}_comment"] = rating.get("comment") or ""
    return values


def checked(values: Values) -> dict[str, str]:
    """The fields the consultant still has to fill in (or cut short), with what to do."""
    errors = {}
    for criterion in CRITERIA:
        if values[f"{criterion}_score"] not in SCORES:
            errors[f"{criterion}_score"] = _("Rate this from 1 (poor) to 4 (excellent).")
        if len(values[f"{criterion}_comment"]) > MAX_COMMENT:
            errors[f"{criterion}_comment"] = _("Keep the comment under %(count)d characters.", count=MAX_COMMENT)
    if values["recommendation"] not in RECOMMENDATIONS:
        errors["recommendation"] = _("Choose your recommendation.")
    if len(values["summary"]) > MAX_SUMMARY:
        errors["summary"] = _("Keep the summary under %(count)d characters.", count=MAX_SUMMARY)
    return errors


def request_body(values: Values) -> dict[str, Any]:
    ratings = {
        criterion: {"score": int(values[f"{criterion}_score"]), "comment": values[f"{criterion}_comment"] or None}
        for criterion in CRITERIA
    }
    return {"ratings": ratings, "recommendation": values["recommendation"], "summary": values["summary"] or None}


def api_errors(fields: Mapping[str, list[str]]) -> dict[str, str]:
    """The API's 422 refusals beside the form's fields (ratings.methodology.score: methodology_score)."""
    errors = {}
    for path in fields:
        parts = path.split(".")
        if parts[0] == "ratings" and len(parts) > 1 and parts[1] in CRITERIA:
            part = parts[2] if len(parts) > 2 and parts[2] == "comment" else "score"
            errors[f"{parts[1]}_{part}"] = _("Check this rating and its comment.")
        elif parts[0] in ("recommendation", "summary"):
            errors[parts[0]] = _("Check this field.")
    return errors or {"recommendation": _("Check the scorecard and save it again.")}
