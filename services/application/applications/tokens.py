"""The signed link a candidate receives: it opens their own application, and no other."""

from __future__ import annotations

import uuid

from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "candidate-application"  # keeps these tokens apart from anything else signed with the secret
MAX_AGE_SECONDS = 400 * 24 * 3600  # an application's whole life, with room to spare


class InvalidCandidateToken(ValueError):
    """Tampered with, expired, or not a candidate token at all."""


def candidate_token(secret: str, application_id: uuid.UUID) -> str:
    """The token for one application."""
    return URLSafeTimedSerializer(secret, salt=SALT).dumps(str(application_id))


def application_of(secret: str, token: str) -> uuid.UUID:
    """The application a token opens, or InvalidCandidateToken."""
    try:
        return uuid.UUID(URLSafeTimedSerializer(secret, salt=SALT).loads(token, max_age=MAX_AGE_SECONDS))
    except (BadSignature, ValueError, TypeError) as exc:
        raise InvalidCandidateToken("this link is not valid (or no longer valid)") from exc
