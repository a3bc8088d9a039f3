"""Screening an application against the hard requirements of its vacancy. Pure Python.

A screening fails only on hard requirements (reasons); everything a consultant should weigh but
that must not reject a candidate on its own is reported as a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

CEFR_ORDER = ("A1", "A2", "B1", "B2", "C1", "C2")
LANGUAGE_NAMES = {"nl": "Dutch", "fr": "French", "en": "English", "de": "German"}  # fall back to the code

_FREELANCE = "freelance"
_PERMANENT = "permanent"
_EITHER = "either"

# Education levels from lowest to highest, as vacancies and candidates name them.
EDUCATION_ORDER = ("secondary", "bachelor", "master", "doctorate")
_EDUCATION_WORDS = {
    "secondary": "secondary education",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}
# "As soon as possible" leaves room for a notice period or a project to finish: a candidate free
# within a month is available; later, the consultant should weigh it.
ASAP_GRACE = timedelta(days=30)


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
    education_level: str | None = None  # the highest, one of EDUCATION_ORDER; None: not stated
    available_from: date | None = None  # None: available now


@dataclass(frozen=True)
class VacancyRequirements:
    """What the vacancy asks for and offers."""

    languages: tuple[RequiredLanguage, ...]
    experience_min_years: int
    offers_freelance: bool
    offers_permanent: bool
    daily_rate: int | None = None  # the vacancy's freelance rate, if any
    experience_max_years: int | None = None
    education_levels: tuple[str, ...] = ()  # the degrees it asks for (any one will do); () asks for none
    start_date: date | None = None  # None: as soon as possible


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


def screen(candidate: CandidateProfile, vacancy: VacancyRequirements, today: date | None = None) -> Screening:
    """Screen a candidate against a vacancy: every unmet hard requirement is listed as a reason; the
    rest to weigh (soft languages, rate, seniority, education, availability) as notes. `today`, when
    given, is what "as soon as possible" is measured from."""
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
    notes.extend(_seniority_notes(candidate, vacancy))
    notes.extend(_education_notes(candidate, vacancy))
    notes.extend(_availability_notes(candidate, vacancy, today))
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


def _seniority_notes(candidate: CandidateProfile, vacancy: VacancyRequirements) -> list[str]:
    # More experience than asked is no failing (the client may still prefer them), but it tells of a
    # rate or an ambition the role may not meet: for the consultant to weigh.
    maximum, actual = vacancy.experience_max_years, candidate.years_of_experience
    if maximum is None or actual <= maximum:
        return []
    asked = f"{vacancy.experience_min_years} to {maximum}" if vacancy.experience_min_years else f"at most {maximum}"
    return [f"The vacancy asks for {asked} years of experience; the candidate has {actual}."]


def _education_notes(candidate: CandidateProfile, vacancy: VacancyRequirements) -> list[str]:
    # Experience often stands in for a degree in this trade, so a lower one is a note, never a reason;
    # a candidate who did not say is not judged on it (the CV tells).
    asked = [level for level in EDUCATION_ORDER if level in vacancy.education_levels]
    stated = candidate.education_level
    if not asked or stated not in EDUCATION_ORDER or EDUCATION_ORDER.index(stated) >= EDUCATION_ORDER.index(asked[0]):
        return []
    wanted = " or ".join(_EDUCATION_WORDS[level] for level in asked)
    return [f"The vacancy asks for {wanted}; the candidate states {_EDUCATION_WORDS[stated]}."]


def _availability_notes(candidate: CandidateProfile, vacancy: VacancyRequirements, today: date | None) -> list[str]:
    available = candidate.available_from
    if available is None:
        return []
    if vacancy.start_date is not None:
        if available <= vacancy.start_date:
            return []
        return [
            f"The vacancy starts on {vacancy.start_date.isoformat()}; the candidate is available from "
            f"{available.isoformat()}."
        ]
    if today is None or available <= today + ASAP_GRACE:
        return []
    return [f"The vacancy starts as soon as possible; the candidate is available from {available.isoformat()}."]
