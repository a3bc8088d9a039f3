"""The signing keys of every service, read without the web stack (workers sign links too).

They fail closed: only `RECRUITMENT_ENV=development`, set explicitly, lets a process run on the
public development secret. Anything else (unset, `production`, `prod`, a typo) demands a real
JWT_SECRET and refuses short or published values at start-up.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Mapping

log = logging.getLogger(__name__)

DEVELOPMENT = "development"
DEVELOPMENT_SECRET = "local-development-secret-not-for-production"
MIN_SECRET_BYTES = 32  # HS256 wants a key of at least 256 bits (RFC 7518, section 3.2)
# Published values: in this repository, so known to anyone. A deployment that kept one would
# sign with a key an attacker already has. The markers catch this repository's example values
# (deploy/k8s/base marks every one FAKE; tests/ops/test_k8s_secrets.py checks they are refused).
PLACEHOLDERS = frozenset({DEVELOPMENT_SECRET, "FAKE-local-only-jwt-secret-not-for-production-0000"})
PLACEHOLDER_MARKERS = ("FAKE-", "not-for-production", "replace-me")

CANDIDATE_LINKS, ALERT_LINKS = "candidate-links", "alert-links"
WEB_SESSIONS = "web-sessions"  # the web client's session cookie and CSRF tokens: WEB_SESSIONS_SECRET
# Keyed hashes of candidates' addresses (recruitment_shared.privacy): how CandidateErased names a
# candidate without their address. Application (emits) and notification (matches) need the same key.
CANDIDATE_KEYS = "candidate-keys"
PURPOSES = (CANDIDATE_LINKS, ALERT_LINKS, WEB_SESSIONS, CANDIDATE_KEYS)


class MissingSecret(RuntimeError):
    """A signing key that is missing, too short or published, outside explicit development mode."""


def is_development(environ: Mapping[str, str] | None = None) -> bool:
    """Whether RECRUITMENT_ENV is exactly `development`: the only mode with public defaults."""
    environ = os.environ if environ is None else environ
    return environ.get("RECRUITMENT_ENV") == DEVELOPMENT


def jwt_secret(environ: Mapping[str, str] | None = None) -> str:
    """The key of API tokens: JWT_SECRET; the development secret only in development mode."""
    environ = os.environ if environ is None else environ
    secret = environ.get("JWT_SECRET")
    if is_development(environ):
        if secret:
            return secret
        log.warning("JWT_SECRET not set: using the public development secret (RECRUITMENT_ENV=development)")
        return DEVELOPMENT_SECRET
    return _checked("JWT_SECRET", secret, environ)


def secret_variable(purpose: str) -> str:
    """The variable that configures the key of `purpose`: CANDIDATE_LINKS_SECRET, ALERT_LINKS_SECRET."""
    return f"{purpose.upper().replace('-', '_')}_SECRET"


def signing_key(purpose: str, environ: Mapping[str, str] | None = None) -> str:
    """The key that signs links of one `purpose` (CANDIDATE_LINKS, ALERT_LINKS).

    `<PURPOSE>_SECRET` (CANDIDATE_LINKS_SECRET, ALERT_LINKS_SECRET) when configured, held to the
    rules of JWT_SECRET outside development; otherwise derived from JWT_SECRET with HMAC-SHA256 and
    the purpose as label, so a leaked link key neither signs API tokens nor links of another purpose.
    """
    environ = os.environ if environ is None else environ
    name = secret_variable(purpose)
    configured = environ.get(name)
    if configured:
        if is_development(environ):
            return configured
        if configured == environ.get("JWT_SECRET"):
            raise MissingSecret(f"{name} equals JWT_SECRET: give it a random value of its own, or unset it")
        return _checked(name, configured, environ)
    return hmac.new(jwt_secret(environ).encode(), purpose.encode(), hashlib.sha256).hexdigest()


def _checked(name: str, value: str | None, environ: Mapping[str, str]) -> str:
    mode = environ.get("RECRUITMENT_ENV")
    why = f"RECRUITMENT_ENV is {mode!r}" if mode else "RECRUITMENT_ENV is not set"
    fix = (
        f"set {name} to a random value of at least {MIN_SECRET_BYTES} bytes (`openssl rand -hex 32`), "
        f"or RECRUITMENT_ENV={DEVELOPMENT} for a local run on the public development secret"
    )
    if not value:
        raise MissingSecret(f"{name} is not set and {why}: {fix}")
    if len(value.encode()) < MIN_SECRET_BYTES:
        raise MissingSecret(f"{name} is {len(value.encode())} bytes, fewer than {MIN_SECRET_BYTES}: {fix}")
    if is_placeholder(value):
        raise MissingSecret(f"{name} is a placeholder published in this repository: {fix}")
    return value


def is_placeholder(value: str) -> bool:
    """Whether `value` is, or is marked like, an example value of this repository."""
    return value in PLACEHOLDERS or any(marker in value for marker in PLACEHOLDER_MARKERS)
