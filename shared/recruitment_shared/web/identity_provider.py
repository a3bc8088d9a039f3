"""The agency's OpenID Connect provider, whose tokens the services accept from signed-in staff.

Consultants keep their existing accounts (Microsoft Entra ID, Google Workspace, Keycloak; locally
and in the tests `oidc-provider-mock`). The web client signs them in and forwards the provider's
token; each service verifies it here: an asymmetric signature (RS256 and kin) by a key of the
provider's JWKS, the issuer, the audience and the expiry, then maps the provider's role claim onto
the platform's roles. Nothing of the provider's is trusted that its signature does not cover.

Configuration (a web app refuses to start outside explicit development mode without the first two):

- OIDC_ISSUER: the `iss` of the provider's tokens; its discovery document is at
  `<issuer>/.well-known/openid-configuration`.
- OIDC_AUDIENCE: the `aud` the tokens must name (the web client's client id, or the API's application id URI).
- OIDC_JWKS_URL: where the signing keys are; by default the discovery document's `jwks_uri`.
- OIDC_ROLES_CLAIM: the claim holding the roles (`roles`), a dotted path for nested ones
  (`realm_access.roles` on Keycloak).
- OIDC_ROLE_MAP: provider role to platform role, `Recruitment.Consultant=consultant,Recruitment.Admin=admin`;
  unset, the provider's `consultant` and `admin` are taken as they are.
- OIDC_EMAIL_CLAIM (`email`; `preferred_username` on Entra ID) and OIDC_NAME_CLAIM (`name`).
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jwt

from recruitment_shared.config import ConfigurationError
from recruitment_shared.secrets import is_development, is_placeholder

ASYMMETRIC_ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "PS256")  # never HS*: the key is public
DISCOVERY_TIMEOUT_SECONDS = 5
PLATFORM_ROLES = ("consultant", "admin")


class ProviderUnreachable(RuntimeError):
    """The provider's discovery document or keys could not be fetched: the token cannot be judged."""


@dataclass(frozen=True)
class ProviderSettings:
    """Which provider's tokens are accepted, and how their claims map onto the platform's."""

    issuer: str
    audience: str
    jwks_url: str | None = None
    roles_claim: str = "roles"
    role_map: Mapping[str, str] = field(default_factory=dict)
    email_claim: str = "email"
    name_claim: str = "name"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ProviderSettings | None:
        """The OIDC_* settings; None when no provider is configured, which only development allows."""
        issuer = (environ.get("OIDC_ISSUER") or "").rstrip("/")
        audience = environ.get("OIDC_AUDIENCE") or ""
        if not issuer:
            if is_development(environ):
                return None  # development: the HS256 development tokens only
            raise ConfigurationError(
                "OIDC_ISSUER is not set: outside RECRUITMENT_ENV=development the services accept only the "
                "identity provider's tokens; set OIDC_ISSUER and OIDC_AUDIENCE (see docs/security.md)"
            )
        if not audience:
            raise ConfigurationError("OIDC_AUDIENCE is not set: the audience the provider's tokens must name")
        if not is_development(environ) and (is_placeholder(issuer) or is_placeholder(audience)):
            raise ConfigurationError("OIDC_ISSUER or OIDC_AUDIENCE is an example value of this repository")
        return cls(
            issuer=issuer,
            audience=audience,
            jwks_url=environ.get("OIDC_JWKS_URL") or None,
            roles_claim=environ.get("OIDC_ROLES_CLAIM") or "roles",
            role_map=parse_role_map(environ.get("OIDC_ROLE_MAP") or ""),
            email_claim=environ.get("OIDC_EMAIL_CLAIM") or "email",
            name_claim=environ.get("OIDC_NAME_CLAIM") or "name",
        )

    def roles_of(self, claims: Mapping[str, Any]) -> frozenset[str]:
        """The platform roles the claims grant: the role claim's values, mapped; others ignored."""
        value: Any = claims
        for step in self.roles_claim.split("."):
            value = value.get(step) if isinstance(value, Mapping) else None
        granted = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        mapping = self.role_map or {role: role for role in PLATFORM_ROLES}
        return frozenset(mapping[role] for role in map(str, granted) if role in mapping)


def parse_role_map(text: str) -> dict[str, str]:
    """`Provider.Role=consultant,Other=admin` as a dict; a target that is no platform role is refused."""
    mapping = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        source, separator, target = pair.partition("=")
        if not separator or not source.strip() or target.strip() not in PLATFORM_ROLES:
            raise ConfigurationError(
                f"OIDC_ROLE_MAP entry {pair!r}: write provider-role=platform-role, the platform roles being "
                f"{', '.join(PLATFORM_ROLES)}"
            )
        mapping[source.strip()] = target.strip()
    return mapping


class IdentityProvider:
    """Verifies the provider's tokens; its keys are fetched on first use and cached, and fetched
    again when a token names a key not seen yet (the provider rotated its keys)."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings
        self._keys: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, if the provider signed it for our audience and it has not expired.

        Raises jwt.PyJWTError for a token that is not valid, ProviderUnreachable when the keys
        cannot be fetched."""
        key = self._signing_key(token)
        return jwt.decode(
            token,
            key.key,
            algorithms=list(ASYMMETRIC_ALGORITHMS),
            audience=self.settings.audience,
            issuer=self.settings.issuer,
            options={"require": ["exp", "iat", "iss", "sub", "aud"]},
            leeway=30,  # the provider's clock and ours may differ by a few seconds
        )

    def _signing_key(self, token: str) -> jwt.PyJWK:
        kid = jwt.get_unverified_header(token).get("kid")
        keys = self._key_client()
        try:
            if kid:
                return keys.get_signing_key(kid)
            # No `kid` (allowed by RFC 7515): only a provider with a single signing key can be understood.
            signing = keys.get_signing_keys()
            if len(signing) != 1:
                raise jwt.InvalidTokenError("the token names no key (kid) and the provider has several")
            return signing[0]
        except jwt.PyJWKClientConnectionError as error:
            raise ProviderUnreachable(str(error)) from error

    def _key_client(self) -> jwt.PyJWKClient:
        with self._lock:
            if self._keys is None:
                url = self.settings.jwks_url or _discovered_jwks_url(self.settings.issuer)
                self._keys = jwt.PyJWKClient(url, lifespan=300, timeout=DISCOVERY_TIMEOUT_SECONDS)
            return self._keys


def _discovered_jwks_url(issuer: str) -> str:
    """The `jwks_uri` of the provider's discovery document."""
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        with urllib.request.urlopen(url, timeout=DISCOVERY_TIMEOUT_SECONDS) as answer:
            document = json.load(answer)
    except (OSError, ValueError) as error:
        raise ProviderUnreachable(f"{url}: {error}") from error
    if document.get("issuer", "").rstrip("/") != issuer:  # OpenID Connect Discovery 1.0, section 4.3
        raise ProviderUnreachable(f"{url} names issuer {document.get('issuer')!r}, not {issuer!r}")
    return str(document["jwks_uri"])
