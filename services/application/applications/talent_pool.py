"""The talent pool: candidates who gave the separate talent-pool consent, searchable by staff across
vacancies. Pure Python.

A person is their address, whatever its case: they appear once, described by their newest
application that still holds a valid (not withdrawn) talent-pool consent, with every application
of theirs that holds one. Applications without that consent never show in the pool.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from applications.domain import Candidate
from applications.screening import CEFR_ORDER, LanguageSkill

# A contract preference a filter asks for is met by the candidates who want it or either.
CONTRACT_FILTERS = ("freelance", "permanent")
EXCERPT_CHARS = 200
_SEARCH_OPERATORS = {"or", "and"}  # websearch syntax, not words to show
_QUOTED = r'"([^"]*)(?:"|$)'  # a phrase; an unclosed quote runs to the end, as PostgreSQL reads it


@dataclass(frozen=True, kw_only=True)  # seven optional filters: named, never positional
class PoolFilters:
    """What a consultant looks for in the pool; every filter is optional."""

    text: str | None = None  # full text over the motivation and the CV's text
    languages: tuple[LanguageSkill, ...] = ()  # each spoken at this level or better
    min_years: int | None = None
    contract: str | None = None  # "freelance" or "permanent": candidates who want it, or either
    max_daily_rate: int | None = None  # candidates asking at most this (or stating no rate)
    available_by: date | None = None  # candidates available on that date (or stating no date)
    city: str | None = None
    page: int = 1
    page_size: int = 20


@dataclass(frozen=True, kw_only=True)
class PoolApplication:
    """One of a pool candidate's applications, as a consultant sees it in the pool."""

    id: uuid.UUID
    vacancy_id: uuid.UUID
    vacancy_reference: str | None
    vacancy_title: str | None
    vacancy_consultant: str | None  # the vacancy's consultant's name: whom to ask about it
    vacancy_consultant_email: str | None
    status: str
    source: str
    submitted_at: datetime


@dataclass(frozen=True, kw_only=True)
class PoolCandidate:
    """One person of the pool: their newest pooled answers, and all their pooled applications."""

    candidate: Candidate
    application_id: uuid.UUID  # the application whose answers describe them
    submitted_at: datetime
    applications: tuple[PoolApplication, ...]
    excerpt: str | None = None  # where the searched words occur (PostgreSQL only)


@dataclass(frozen=True)
class PoolPage:
    """One page of pool candidates, and how many match over all pages."""

    items: list[PoolCandidate]
    total: int
    page: int
    page_size: int


def levels_at_least(level: str) -> tuple[str, ...]:
    """The CEFR levels that meet `level` (C1: C1 and C2); none for an unknown level."""
    wanted = level.strip().upper()
    return CEFR_ORDER[CEFR_ORDER.index(wanted) :] if wanted in CEFR_ORDER else ()


def excerpt_of(text: str, search: str) -> str | None:
    """Where the searched words first occur in `text`: about EXCERPT_CHARS characters around them,
    each found word or "quoted phrase" between « and », cut at word boundaries (… where cut); None
    when none occurs."""
    terms = _search_terms(search)
    if not terms:
        return None
    found = re.compile(rf"(?<!\w)({'|'.join(sorted(terms, key=len, reverse=True))})(?!\w)", re.IGNORECASE)
    flat = " ".join(text.split())
    first = found.search(flat)
    if first is None:
        return None
    start = max(0, first.start() - EXCERPT_CHARS // 3)
    end = min(len(flat), start + EXCERPT_CHARS)
    start = flat.rfind(" ", 0, start) + 1 if start else 0  # whole words only
    end = end if end == len(flat) else max(flat.rfind(" ", first.end(), end), first.end())
    shown = found.sub(lambda match: f"«{match.group(0)}»", flat[start:end].strip())
    return ("…" if start else "") + shown + ("…" if end < len(flat) else "")


def _search_terms(search: str) -> list[str]:
    """The searched phrases and words as patterns; not the words searched without (-word), nor `or`."""
    phrases = [re.findall(r"\w+", phrase) for phrase in re.findall(_QUOTED, search)]
    terms = [r"\s+".join(map(re.escape, words)) for words in phrases if words]
    for token in re.sub(_QUOTED, " ", search).split():
        if not token.startswith("-"):
            terms += [re.escape(word) for word in re.findall(r"\w+", token) if word.lower() not in _SEARCH_OPERATORS]
    return terms
