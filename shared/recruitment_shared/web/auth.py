"""Bearer JWTs for consultant endpoints: who is calling and in which roles.

Two kinds of token are accepted:

- the agency's OpenID Connect provider's (RS256 and kin), verified against its keys, issuer and
  audience (`recruitment_shared.web.identity_provider`): what the web client forwards for a
  signed-in consultant, and the only kind outside development;
- with RECRUITMENT_ENV=development only, the HS256 development tokens of `devtoken` and the tests,
  signed with JWT_SECRET, audience "recruitment", issuer JWT_ISSUER.

Either must carry `iat` and `exp` no further apart than JWT_MAX_LIFETIME_HOURS (12): a stolen
token is worth at most that long. Its `locale` claim (OpenID Connect's, e.g. `nl-BE`), when it names
one of the agency's languages, is the consultant's preferred language: their emails are written in it.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

import jwt
from flask import current_app, g, request
from flask_smorest import abort

from recruitment_shared.config import environment_with
from recruitment_shared.languages import working_language
from recruitment_shared.secrets import is_development
from recruitment_shared.web.identity_provider import IdentityProvider, ProviderSettings, ProviderUnreachable
from recruitment_shared.web.openapi import documents_errors

log = logging.getLogger(__name__)

AUDIENCE = "recruitment"
ALGORITHM = "HS256"
CONSULTANT, ADMIN = "consultant", "admin"
STAFF = (CONSULTANT, ADMIN)  # who may use consultant endpoints at all
BEARER_SECURITY = [{"bearerAuth": []}]
ISSUER, DEVELOPMENT_ISSUER = "recruitment", "recruitment-local"  # JWT_ISSUER's defaults
DEFAULT_MAX_LIFETIME_HOURS = 12.0


@dataclass(frozen=True)
class TokenPolicy:
    """Which issuer a token must name, and the longest life (`exp - iat`) it may claim."""

    issuer: str
    max_lifetime: timedelta

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> TokenPolicy:
        """JWT_ISSUER (`recruitment`; `recruitment-local` in development, so that a development
        token names where it comes from) and JWT_MAX_LIFETIME_HOURS (12)."""
        environ = os.environ if environ is None else environ
        issuer = environ.get("JWT_ISSUER") or (DEVELOPMENT_ISSUER if is_development(environ) else ISSUER)
        hours = float(environ.get("JWT_MAX_LIFETIME_HOURS") or DEFAULT_MAX_LIFETIME_HOURS)
        if not (math.isfinite(hours) and hours > 0):
            raise ValueError(f"JWT_MAX_LIFETIME_HOURS must be a positive number of hours, not {hours}")
        return cls(issuer, timedelta(hours=hours))


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    subject: str
    email: str
    name: str
    roles: frozenset[str]
    language: str | None = None  # nl, fr or en, from the token's `locale`; None when it names none of them

    def has_any_role(self, *roles: str) -> bool:
        """Whether the caller holds at least one of `roles`."""
        return bool(self.roles & set(roles))

    def acts_for(self, consultant_email: str) -> bool:
        """Admins act for everyone; a consultant for their own vacancies and what belongs to them."""
        mine = bool(consultant_email) and self.email.lower() == consultant_email.lower()
        return ADMIN in self.roles or mine


def issue_token(
    secret: str,
    email: str,
    name: str,
    roles: list[str],
    ttl: timedelta = timedelta(hours=8),
    issuer: str | None = None,
    locale: str | None = None,
) -> str:
    """A signed token for `email` (used by the development token command and the tests); the
    issuer is JWT_ISSUER's unless given; `locale` (e.g. "nl-BE") is left out unless given."""
    now = datetime.now(UTC)
    iss = issuer or TokenPolicy.from_env().issuer
    claims = {"sub": email, "email": email, "name": name, "roles": roles, "aud": AUDIENCE, "iss": iss, "iat": now}
    claims |= {"locale": locale} if locale else {}
    return jwt.encode(claims | {"exp": now + ttl}, secret, algorithm=ALGORITHM)


def current_principal() -> Principal | None:
    """The caller of this request if it sent a valid bearer token; 401 if it sent a bad one."""
    if "principal" not in g:
        g.principal = _principal_from_header(request.headers.get("Authorization"))
    return g.principal


def require_roles(*roles: str) -> Callable:
    """Decorator: 401 without a valid bearer token, 403 without one of `roles`.

    Also documents both answers in the OpenAPI document; place it under the route decorator."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if principal is None:
                _unauthorized("This endpoint needs a bearer token.")
            if not principal.has_any_role(*roles):
                abort(403, message=f"This endpoint needs one of the roles: {', '.join(roles)}.")
            return view(*args, **kwargs)

        return documents_errors(guarded, 401, 403)

    return decorator


def install_identity_provider(app: Any, environ: Mapping[str, str]) -> None:
    """Accept the OIDC provider's tokens in `app` (OIDC_*); outside development it must be configured."""
    settings = ProviderSettings.from_env(environ)
    app.extensions["identity_provider"] = IdentityProvider(settings) if settings else None


def _principal_from_header(header: str | None) -> Principal | None:
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        _unauthorized("Use 'Authorization: Bearer <token>'.")
    environ = environment_with(current_app.config)  # the app's config wins, as for JWT_SECRET
    policy = TokenPolicy.from_env(environ)
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm == ALGORITHM:
            principal, claims = _development_principal(token, policy, environ)
        else:
            principal, claims = _provider_principal(token)
    except jwt.PyJWTError as exc:
        _unauthorized(f"The bearer token is not valid: {exc}.")
    except ProviderUnreachable:
        log.warning("identity provider unreachable: bearer token not judged")
        abort(503, message="The identity provider cannot be reached to check your token; try again shortly.")
    if int(claims["exp"]) - int(claims["iat"]) > policy.max_lifetime.total_seconds():  # both int()-checked by PyJWT
        hours = policy.max_lifetime.total_seconds() / 3600
        _unauthorized(f"The bearer token is not valid: it claims a life longer than {hours:g} hours.")
    return principal


def _development_principal(token: str, policy: TokenPolicy, environ: Mapping[str, str]) -> tuple[Principal, dict]:
    """A `devtoken` token: HS256 with JWT_SECRET, accepted in explicit development mode only."""
    if not is_development(environ):
        _unauthorized("HS256 development tokens are accepted only in development mode; use the identity provider's.")
    claims = jwt.decode(
        token,
        current_app.config["JWT_SECRET"],
        algorithms=[ALGORITHM],
        audience=AUDIENCE,
        issuer=policy.issuer,
        options={"require": ["exp", "iat", "iss", "sub"]},
    )
    roles = claims.get("roles") if isinstance(claims.get("roles"), list) else []
    principal = Principal(
        claims["sub"],
        claims.get("email", ""),
        claims.get("name", ""),
        frozenset(map(str, roles)),
        working_language(claims.get("locale")),
    )
    return principal, claims


def _provider_principal(token: str) -> tuple[Principal, dict]:
    """A token of the OIDC provider, verified against its keys; its roles mapped onto ours."""
    provider: IdentityProvider | None = current_app.extensions.get("identity_provider")
    if provider is None:
        _unauthorized("No identity provider is configured (OIDC_ISSUER); only development tokens are accepted.")
    claims = provider.verify(token)
    settings = provider.settings
    email, name = claims.get(settings.email_claim), claims.get(settings.name_claim)
    principal = Principal(
        str(claims["sub"]),
        email if isinstance(email, str) else "",
        name if isinstance(name, str) else "",
        settings.roles_of(claims),
        working_language(claims.get("locale")),
    )
    return principal, claims


def _unauthorized(detail: str) -> None:
    abort(401, message=detail, headers={"WWW-Authenticate": f'Bearer realm="{AUDIENCE}"'})
