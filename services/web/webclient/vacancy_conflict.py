"""An edit that met a newer version: the consultant's changes set on top of it, nothing typed lost.

The edit form carries the version it was opened with (`original`, the form's values as JSON). When
the API refuses the edit (412: changed meanwhile), three versions are known: that original, the
version as it is now, and what the consultant typed. Their changes are the parts where what they
typed differs from the original; those are set on top of the new version, whose other changes are
kept. A part both changed is flagged, so the consultant decides between the two before saving.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from webclient.formatting import label
from webclient.vacancy_form import ROLE_TYPES, Values, lines


@dataclass(frozen=True)
class Part:
    """A part of the vacancy the form edits, by the form's values it spans and how it is shown."""

    name: str
    label: Any  # a lazy translation
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """A part that differs: shown as it is now and as the consultant typed it."""

    label: str
    now: str
    yours: str
    changed_meanwhile: bool  # the other edit changed this part too: the consultant chooses


@dataclass(frozen=True)
class Reconciled:
    """The new version with the consultant's changes on top, and what differs, for the page."""

    values: Values
    yours: list[Change]  # what the consultant changed (and will save)
    theirs: list[Change]  # what changed meanwhile that the consultant did not touch (kept)


PARTS = (
    Part("title", _l("Title"), ("title",)),
    Part("content_language", _l("Language of the text"), ("content_language",)),
    Part("role_type", _l("Role"), ("role_type",)),
    Part("category", _l("Category"), ("category",)),
    Part("tags", _l("Methodologies and certifications"), ("tags",)),
    Part("city", _l("City"), ("city",)),
    Part("region", _l("Region"), ("region",)),
    Part("workplace", _l("Workplace"), ("workplace",)),
    Part("introduction", _l("Introduction"), ("introduction",)),
    Part("responsibilities", _l("Responsibilities"), ("responsibilities",)),
    Part("requirements", _l("Requirements"), ("requirements",)),
    Part("nice_to_haves", _l("Nice to have"), ("nice_to_haves",)),
    Part("experience", _l("Experience (years)"), ("experience_min_years", "experience_max_years")),
    Part("education_levels", _l("Education"), ("education_levels",)),
    Part("languages", _l("Languages"), ("languages",)),
    Part("freelance", _l("Freelance"), ("daily_rate", "daily_rate_currency")),
    Part("permanent", _l("Permanent contract"), ("permanent", "salary_min", "salary_max", "salary_currency")),
    Part("start_date", _l("Start date"), ("start_date",)),
    Part("end_date", _l("End date"), ("end_date",)),
    Part("closes_on", _l("Apply before"), ("closes_on",)),
)


def original_of(carried: str | None, now: Values) -> Values:
    """The version the form was opened with, from its hidden field; when it is missing or unreadable,
    the new version stands in, so everything typed that differs from it counts as the consultant's."""
    try:
        original = json.loads(carried or "")
    except ValueError:
        return now
    if not isinstance(original, dict):
        return now
    # Only values of the form's own shapes: the field comes back from the browser.
    return now | {name: value for name, value in original.items() if type(value) is type(now.get(name))}


def reconcile(original: Values, now: Values, yours: Values) -> Reconciled:
    """`now` with the parts the consultant changed (from `original`) taken from `yours`."""
    merged = dict(now)
    mine, theirs = [], []
    for part in PARTS:
        before, current, typed = (_key(part, values) for values in (original, now, yours))
        if typed != before and typed != current:
            merged |= {name: yours[name] for name in part.fields}
            mine.append(_change(part, now, yours, changed_meanwhile=current != before))
        elif current != before and typed == before:
            theirs.append(_change(part, now, yours, changed_meanwhile=True))
    return Reconciled(merged, mine, theirs)


def _key(part: Part, values: Values) -> str:
    """A part's content, compared without what does not matter (blank lines, spaces, tag order)."""
    shown = []
    for name in part.fields:
        value = values.get(name, "")
        if name in ("tags", "education_levels"):
            value = sorted(value)
        elif isinstance(value, str):
            value = lines(value)
        shown.append(value)
    return json.dumps(shown, sort_keys=True)


def _change(part: Part, now: Values, yours: Values, *, changed_meanwhile: bool) -> Change:
    return Change(str(part.label), _shown(part, now), _shown(part, yours), changed_meanwhile)


def _shown(part: Part, values: Values) -> str:
    """A part as a person reads it, in the page's language (a dash for nothing)."""
    shown = _SHOWN.get(part.name, lambda v: str(v.get(part.name, "")))(values)
    return shown.strip() or "–"


def _languages(values: Values) -> str:
    names = get_locale().languages
    rows = []
    for row in values.get("languages") or []:
        required = f" ({_l('required')})" if row.get("required") else ""
        rows.append(f"{names.get(row['language'], row['language']).capitalize()} {row['level']}{required}")
    return "\n".join(rows)


def _permanent(values: Values) -> str:
    if not values.get("permanent"):
        return ""
    low, high = values.get("salary_min") or "…", values.get("salary_max") or "…"
    return str(
        _l("Yes, %(low)s to %(high)s %(currency)s a year", low=low, high=high, currency=values["salary_currency"])
    )


_SHOWN: dict[str, Callable[[Values], str]] = {
    "role_type": lambda v: str(dict(ROLE_TYPES).get(v["role_type"], v["role_type"])),
    "workplace": lambda v: label(v["workplace"]),
    "content_language": lambda v: get_locale().languages.get(v["content_language"], "").capitalize(),
    "tags": lambda v: ", ".join(v["tags"]),
    "education_levels": lambda v: ", ".join(label(level) for level in v["education_levels"]),
    "experience": lambda v: " – ".join(filter(None, (v["experience_min_years"], v["experience_max_years"]))),
    "languages": _languages,
    "freelance": lambda v: f"{v['daily_rate']} {v['daily_rate_currency']}" if v["daily_rate"] else "",
    "permanent": _permanent,
}
