"""Screening an application against the hard requirements of its vacancy. Pure Python.

A screening fails only on hard requirements (reasons); everything a consultant should weigh but
that must not reject a candidate on its own is reported as a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CEFR_ORDER = ("A1", "A2", "B1", "B2", "C1", "C2")
LANGUAGE_NAMES = {"nl": "Dutch", "fr": "French", "en": "English", "de": "German"}  # fall back to the code

_FREELANCE = "freelance"
_PERMANENT = "permanent"
_EITHER = "either"


@dataclass(frozen=True)
class LanguageSkill:
    """A language a candidate declares: ISO 639-1 code and CEFR level."""

    language: str
    level: str


@dataclass(frozen=True)
class RequiredLanguage:
    """A language a vacancy asks for; only a hard requirement can fail the screening."""

    language: str
    level: str
    hard_requirement: bool


@dataclass(frozen=True)
class CandidateProfile:
    """What the candidate tells us that the screening looks at."""

    languages: tuple[LanguageSkill, ...]
    years_of_experience: int
    contract_preference: str  # "freelance" | "permanent" | "either"
    expected_daily_rate: int | None = None


@dataclass(frozen=True)
class VacancyRequirements:
    """What the vacancy asks for and offers."""

    languages: tuple[RequiredLanguage, ...]
    experience_min_years: int
    offers_freelance: bool
    offers_permanent: bool
    daily_rate: int | None = None  # the vacancy's freelance rate, if any


@dataclass(frozen=True)
class Screening:
    """The verdict: passed, one reason per unmet hard requirement, and soft notes."""

    passed: bool
    reasons: tuple[str, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, for storage and events."""
        return {"passed": self.passed, "reasons": list(self.reasons), "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Screening:
        """Inverse of to_dict."""
        return cls(passed=bool(data["passed"]), reasons=tuple(data["reasons"]), notes=tuple(data["notes"]))


def screen(candidate: CandidateProfile, vacancy: VacancyRequirements) -> Screening:
    """Screen a candidate against a vacancy: every unmet hard requirement is listed as a reason."""
    reasons: list[str] = []
    notes: list[str] = []
    for required in vacancy.languages:
        shortfall = _language_shortfall(candidate.languages, required)
        if shortfall is None:
            continue
        (reasons if required.hard_requirement else notes).append(shortfall)
    reasons.extend(_experience_reasons(candidate, vacancy))
    reasons.extend(_contract_reasons(candidate, vacancy))
    notes.extend(_rate_notes(candidate, vacancy))
    return Screening(passed=not reasons, reasons=tuple(reasons), notes=tuple(notes))


def _language_name(code: str) -> str:
    """The English name of a language, or its code when we have no name for it."""
    return LANGUAGE_NAMES.get(code.lower(), code)


def _rank(level: str) -> int:
    # An unknown level ranks below A1, so it never meets a requirement by accident.
    normalised = level.strip().upper()
    return CEFR_ORDER.index(normalised) if normalised in CEFR_ORDER else -1


def _best_level(skills: Iterable[LanguageSkill], language: str) -> str | None:
    # A candidate may list a language twice (e.g. spoken and written); the best level counts.
    levels = [skill.level for skill in skills if skill.language.lower() == language.lower()]
    return max(levels, key=_rank) if levels else None


def _language_shortfall(skills: Iterable[LanguageSkill], required: RequiredLanguage) -> str | None:
    declared = _best_level(skills, required.language)
    if declared is not None and _rank(declared) >= _rank(required.level):
        return None
    verb = "required" if required.hard_requirement else "preferred"
    name = _language_name(required.language)
    has = declared.strip().upper() if declared is not None else f"no {name}"
    return f"{name} at {required.level.upper()} is {verb}; the candidate declares {has}."


def _experience_reasons(candidate: CandidateProfile, vacancy: VacancyRequirements) -> list[str]:
    minimum, actual = vacancy.experience_min_years, candidate.years_of_experience
    if actual >= minimum:
        return []
    years = "1 year of experience is" if minimum == 1 else f"{minimum} years of experience are"
    return [f"At least {years} required; the candidate has {actual}."]


def _contract_reasons(candidate: CandidateProfile, vacancy: VacancyRequirements) -> list[str]:
    wanted = candidate.contract_preference
    if wanted == _FREELANCE and not vacancy.offers_freelance:
        return [f"The vacancy offers {_offer(vacancy)}; the candidate wants freelance."]
    if wanted == _PERMANENT and not vacancy.offers_permanent:
        return [f"The vacancy offers {_offer(vacancy)}; the candidate wants permanent employment."]
    return []


def _offer(vacancy: VacancyRequirements) -> str:
    if vacancy.offers_freelance and vacancy.offers_permanent:
        return "freelance or permanent employment"
    if vacancy.offers_freelance:
        return "freelance work only"
    if vacancy.offers_permanent:
        return "permanent employment only"
    return "no contract terms"


def _rate_notes(candidate: CandidateProfile, vacancy: VacancyRequirements) -> list[str]:
    # A higher rate is negotiable, so it is for the consultant to weigh, never a rejection.
    if candidate.contract_preference not in (_FREELANCE, _EITHER):
        return []
    expected, offered = candidate.expected_daily_rate, vacancy.daily_rate
    if expected is None or offered is None or expected <= offered:
        return []
    return [f"The candidate expects {expected}/day; the vacancy offers {offered}/day."]
