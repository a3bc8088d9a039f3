"""What a candidate sends to apply, what makes two sends the same request, and the answers they get.
Pure Python."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, fields
from functools import cached_property

from applications.domain import Application, Candidate


@dataclass(frozen=True, kw_only=True)
class Submission:
    """An application as it arrives: the candidate's answers, their CV's bytes, the client's retry key."""

    vacancy_id: uuid.UUID
    candidate: Candidate
    motivation: str
    cv: bytes = field(repr=False)  # up to 5 MB: never in a log line
    idempotency_key: str | None = None

    @cached_property
    def fingerprint(self) -> str:
        """What makes two submissions the same request: the same answers, in any order, and the same CV."""
        # The JSON of the form's fields as it was hashed before the fingerprint moved here, consent
        # included (a submission always has it), so that keys stored earlier still know their retries.
        answers = {each.name: getattr(self.candidate, each.name) for each in fields(self.candidate)}
        answers |= {"vacancy_id": self.vacancy_id, "motivation": self.motivation, "consent": True}
        canonical = json.dumps(answers, sort_keys=True, default=str) + hashlib.sha256(self.cv).hexdigest()
        return hashlib.sha256(canonical.encode()).hexdigest()


class DuplicateApplication(Exception):
    """This candidate already applied to this vacancy."""

    def __init__(self, existing_id: uuid.UUID) -> None:
        super().__init__(f"you already applied to this vacancy (application {existing_id})")
        self.existing_id = existing_id


class IdempotencyKeyReused(ValueError):
    """The same Idempotency-Key came with a different request."""


@dataclass(frozen=True, kw_only=True)
class Submitted:
    """The answer to a submission: the application, the candidate's link to it, and whether this
    replays the answer to an earlier request with the same Idempotency-Key."""

    application: Application
    candidate_token: str
    replayed: bool

    def __getattr__(self, name: str):
        # The answer is shown as the application it is about, with the token added.
        return getattr(self.application, name)
