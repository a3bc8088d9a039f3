"""Suggesting pool candidates for a vacancy: what it asks, weighed criterion by criterion, and in
words why each candidate ranks where they do. Pure Python.

Hard requirements are the languages the vacancy requires at a level; everything else weighs less
than any one of them: the languages it prefers, its tags found in the candidate's CV or motivation,
experience within its range, a daily rate within its rate, availability by its start, and a
contract preference it offers. A candidate meeting every hard requirement always ranks above one
who misses any; the database orders by `weight` (pool_store), these words explain the order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from applications.domain import Candidate
from applications.screening import LANGUAGE_NAMES, VacancyRequirements
from applications.talent_pool import PoolCandidate

HARD_WEIGHT = 100  # more than every soft criterion together
MAX_TAGS = 10


@dataclass(frozen=True)
class SoftRequirements:
    """What a vacancy would like beyond its screening requirements (from its events)."""

    tags: tuple[str, ...] = ()
    experience_max_years: int | None = None
    start_date: date | None = None  # None: as soon as possible

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, for the read model."""
        start = self.start_date.isoformat() if self.start_date else None
        return {"tags": list(self.tags), "experience_max_years": self.experience_max_years, "start_date": start}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SoftRequirements:
        """Inverse of to_dict."""
        start = data.get("start_date")
        start_date = date.fromisoformat(start) if start else None
        return cls(tuple(data.get("tags") or ()), data.get("experience_max_years"), start_date)

    @classmethod
    def of_vacancy(cls, data: Mapping[str, Any]) -> SoftRequirements:
        """From a VacancyPublished/VacancyUpdated payload (each tag once, whatever its case)."""
        tags: dict[str, str] = {}
        for tag in data.get("tags") or ():
            tags.setdefault(tag.strip().lower(), tag.strip())
        tags.pop("", None)
        return cls(tuple(tags.values()), data.get("experience_max_years"), data.get("start_date"))


@dataclass(frozen=True)
class Criterion:
    """One thing the vacancy asks, met or not by each candidate. `kind` says which; `wanted` what."""

    kind: str  # language | tag | experience | daily_rate | availability | contract
    hard: bool
    wanted: Mapping[str, Any] = field(hash=False)

    @property
    def weight(self) -> int:
        """What meeting it adds to a candidate's score."""
        return HARD_WEIGHT if self.hard else 1


@dataclass(frozen=True)
class Reason:
    """A criterion as a consultant reads it about one candidate: met or not, in words (English,
    for API clients; `kind` and `details` let a client say it in its own language)."""

    kind: str
    hard: bool
    met: bool
    text: str
    details: dict[str, Any]


@dataclass(frozen=True)
class Suggestion:
    """A pool candidate for a vacancy, their score and why."""

    pool_candidate: PoolCandidate
    score: int
    reasons: tuple[Reason, ...]

    @property
    def meets_hard_requirements(self) -> bool:
        """Whether every hard requirement is met."""
        return all(reason.met for reason in self.reasons if reason.hard)


def criteria(requirements: VacancyRequirements | None, soft: SoftRequirements | None, today: date) -> list[Criterion]:
    """Everything the vacancy asks that a pool candidate can be weighed on, hard requirements first."""
    found: list[Criterion] = []
    if requirements:
        for required in requirements.languages:
            wanted = {"language": required.language, "level": required.level.upper()}
            found.append(Criterion("language", required.hard_requirement, wanted))
    soft = soft or SoftRequirements()
    found += [Criterion("tag", False, {"tag": tag}) for tag in soft.tags[:MAX_TAGS]]
    if requirements:
        span = {"min": requirements.experience_min_years, "max": soft.experience_max_years}
        found.append(Criterion("experience", False, span))
        if requirements.daily_rate is not None and requirements.offers_freelance:
            found.append(Criterion("daily_rate", False, {"daily_rate": requirements.daily_rate}))
        offers = {"freelance": requirements.offers_freelance, "permanent": requirements.offers_permanent}
        found.append(Criterion("contract", False, offers))
    # A vacancy without a start date starts as soon as possible: available today, then.
    found.append(Criterion("availability", False, {"start_date": soft.start_date, "by": soft.start_date or today}))
    return sorted(found, key=lambda each: not each.hard)  # stable: the vacancy's order within each


def suggestion(pool_candidate: PoolCandidate, weighed: list[tuple[Criterion, bool]]) -> Suggestion:
    """A candidate's suggestion from how they fared on each criterion."""
    score = sum(criterion.weight for criterion, met in weighed if met)
    reasons = tuple(_reason(criterion, met, pool_candidate.candidate) for criterion, met in weighed)
    return Suggestion(pool_candidate, score, reasons)


def _reason(criterion: Criterion, met: bool, candidate: Candidate) -> Reason:
    words, facts = _WORDING[criterion.kind]
    details = dict(criterion.wanted) | facts(candidate, criterion)
    details = {key: value.isoformat() if isinstance(value, date) else value for key, value in details.items()}
    return Reason(criterion.kind, criterion.hard, met, words(criterion, met, details), details)


def _language_details(candidate: Candidate, criterion: Criterion) -> dict[str, Any]:
    levels = [s.level for s in candidate.languages if s.language.lower() == criterion.wanted["language"].lower()]
    return {"declared": max(levels) if levels else None}  # CEFR codes sort in their order


def _language_text(criterion: Criterion, met: bool, d: dict[str, Any]) -> str:
    name = LANGUAGE_NAMES.get(d["language"], d["language"])
    asked = "required" if criterion.hard else "preferred"
    has = f"declares {d['declared']}" if d["declared"] else f"declares no {name}"
    return f"{name} at {d['level']} or better ({asked}): the candidate {has}."


def _tag_text(criterion: Criterion, met: bool, d: dict[str, Any]) -> str:
    return f"{d['tag']} {'appears' if met else 'does not appear'} in the CV or motivation."


def _experience_text(criterion: Criterion, met: bool, d: dict[str, Any]) -> str:
    span = f"{d['min']} to {d['max']}" if d["max"] is not None else f"at least {d['min']}"
    return f"{d['years']} years of experience; the vacancy asks {span}."


def _rate_text(criterion: Criterion, met: bool, d: dict[str, Any]) -> str:
    expected = f"expects {d['expected_daily_rate']}/day" if d["expected_daily_rate"] else "states no daily rate"
    return f"The candidate {expected}; the vacancy pays {d['daily_rate']}/day."


def _availability_text(criterion: Criterion, met: bool, d: dict[str, Any]) -> str:
    since = f"from {d['available_from']}" if d["available_from"] else "now (no date given)"
    starts = d["start_date"] or "as soon as possible"
    return f"Available {since}; the vacancy starts {starts}."


def _contract_text(criterion: Criterion, met: bool, d: dict[str, Any]) -> str:
    offered = " or ".join(kind for kind in ("freelance", "permanent") if d[kind]) or "no contract terms"
    return f"The candidate wants {d['preference']}; the vacancy offers {offered}."


_WORDING = {
    "language": (_language_text, _language_details),
    "tag": (_tag_text, lambda candidate, criterion: {}),
    "experience": (_experience_text, lambda candidate, criterion: {"years": candidate.years_of_experience}),
    "daily_rate": (_rate_text, lambda candidate, criterion: {"expected_daily_rate": candidate.expected_daily_rate}),
    "availability": (_availability_text, lambda candidate, criterion: {"available_from": candidate.available_from}),
    "contract": (_contract_text, lambda candidate, criterion: {"preference": candidate.contract_preference}),
}
