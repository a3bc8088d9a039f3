"""The signing secret of every service, read without the web stack (workers sign links too)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

log = logging.getLogger(__name__)

DEVELOPMENT_SECRET = "local-development-secret-not-for-production"


class MissingSecret(RuntimeError):
    """Production mode without JWT_SECRET: refusing to run with a guessable key."""


def jwt_secret(environ: Mapping[str, str] = os.environ) -> str:
    """The signing secret; the development default only outside production."""
    secret = environ.get("JWT_SECRET")
    production = environ.get("RECRUITMENT_ENV", "development") == "production"
    if secret and (len(secret.encode()) >= 32 or not production):
        return secret
    if production:  # HS256 wants a key of at least 256 bits (RFC 7518, section 3.2)
        raise MissingSecret("JWT_SECRET of at least 32 bytes must be set when RECRUITMENT_ENV=production")
    log.warning("JWT_SECRET not set: using the development secret (never do this in production)")
    return DEVELOPMENT_SECRET
