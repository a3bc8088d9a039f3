"""What a candidate sends to apply, what makes two sends the same request, and what it came to.
Pure Python."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property

from applications.domain import Candidate, Source
from applications.privacy_notice import CURRENT_VERSION


@dataclass(frozen=True, kw_only=True)
class Submission:
    """An application as it arrives: the candidate's answers, their CV's bytes, the client's retry key."""

    vacancy_id: uuid.UUID
    candidate: Candidate
    motivation: str
    cv: bytes = field(repr=False)  # up to 5 MB: never in a log line
    idempotency_key: str | None = None
    notice_version: str = CURRENT_VERSION  # the privacy notice the candidate accepted
    talent_pool: bool = False  # the separate consent to be kept for future vacancies
    source: Source = Source.CAREER_SITE  # where the application came from (for the pipeline reports)

    @cached_property
    def fingerprint(self) -> str:
        """What makes two submissions the same request: the same answers, in any order, and the same CV."""
        # The JSON of the form's fields as it was hashed before the fingerprint moved here, consent
        # included (a submission always has it), so that keys stored earlier still know their retries.
        answers = {each.name: getattr(self.candidate, each.name) for each in fields(self.candidate)}
        for added_later in ("city", "education_level"):  # a submission without them hashes as before
            if answers[added_later] is None:
                del answers[added_later]
        answers |= {"vacancy_id": self.vacancy_id, "motivation": self.motivation, "consent": True}
        if self.talent_pool:  # only when given, so a submission without it hashes as before
            answers["talent_pool_consent"] = True
        if self.source is not Source.CAREER_SITE:  # likewise
            answers["source"] = str(self.source)
        canonical = json.dumps(answers, sort_keys=True, default=str) + hashlib.sha256(self.cv).hexdigest()
        return hashlib.sha256(canonical.encode()).hexdigest()


class IdempotencyKeyReused(ValueError):
    """The same Idempotency-Key came with a different request."""


class Outcome(StrEnum):
    """What a submission came to. The answer is the same for each: only the email differs."""

    SUBMITTED = "submitted"  # a new application
    REPEATED = "repeated"  # this address had applied to this vacancy: its owner is emailed their link
    REPLAYED = "replayed"  # a retry with the same Idempotency-Key: nothing new happens


@dataclass(frozen=True, kw_only=True)
class Received:
    """What became of a submission. Only `vacancy_id` (and whether it was a retry) reach the answer:
    the application's id and the outcome are for the logs."""

    vacancy_id: uuid.UUID
    application_id: uuid.UUID  # the new application, or the one this address already had
    outcome: Outcome

    @property
    def replayed(self) -> bool:
        """Whether this answers a retry of an earlier request (Idempotent-Replayed)."""
        return self.outcome is Outcome.REPLAYED
