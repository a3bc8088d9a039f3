"""The web client's one wiring place: where the APIs are and how long to wait for them.

Nothing is created at import time, and nothing here imports Flask. The web client has no
database: it reaches the services only through their public APIs, as a mobile app would.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from recruitment_shared.config import ConfigurationError
from recruitment_shared.secrets import WEB_SESSIONS, MissingSecret, is_development, is_placeholder, signing_key
from recruitment_shared.web.identity_provider import ProviderSettings

SERVICE = "web"
LANGUAGES = ("nl", "fr", "en")  # the first is the default when Accept-Language names none of them


@dataclass(frozen=True)
class ApiSettings:
    """Where each service's API answers, and the patience of every call to it."""

    base_urls: Mapping[str, str]  # vacancy, application, notification -> base URL, no trailing slash
    connect_timeout: float
    read_timeout: float
    retries: int  # extra attempts of an idempotent GET after a refused connection or a 502/503/504


@dataclass(frozen=True)
class SignInSettings:
    """The consultants' OpenID Connect sign-in: the provider, this client's registration with it,
    and which of its tokens the service APIs are given (they verify it with the same provider)."""

    provider: ProviderSettings  # its issuer, and how its role claim maps onto the platform's roles
    client_id: str
    client_secret: str
    scopes: str
    api_token: str  # "id_token" (audience: this client) or "access_token" (a JWT for the APIs' audience)


@dataclass(frozen=True)
class Dependencies:
    """What the web client's app is given."""

    api: ApiSettings
    session_key: str  # signs the session cookie and its CSRF tokens (WEB_SESSIONS_SECRET, or derived)
    secure_cookies: bool  # Secure cookies everywhere but explicit development mode (plain-HTTP loopback)
    sign_in: SignInSettings | None  # None: no provider configured, which only development allows


def build(environ: Mapping[str, str] = os.environ) -> Dependencies:
    """The web client's parts, configured by `environ` (defaults: the services on loopback, as run.sh runs them)."""
    urls = {
        "vacancy": environ.get("VACANCY_API_URL") or "http://127.0.0.1:8001",
        "application": environ.get("APPLICATION_API_URL") or "http://127.0.0.1:8002",
        "notification": environ.get("NOTIFICATION_API_URL") or "http://127.0.0.1:8003",
    }
    return Dependencies(
        api=ApiSettings(
            base_urls={name: url.rstrip("/") for name, url in urls.items()},
            connect_timeout=float(environ.get("API_CONNECT_TIMEOUT_SECONDS") or 2),
            read_timeout=float(environ.get("API_READ_TIMEOUT_SECONDS") or 10),
            retries=int(environ.get("API_RETRIES") or 2),
        ),
        session_key=signing_key(WEB_SESSIONS, environ),
        secure_cookies=not is_development(environ),
        sign_in=sign_in_settings(environ),
    )


def sign_in_settings(environ: Mapping[str, str]) -> SignInSettings | None:
    """OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_SCOPES and OIDC_API_TOKEN, with the
    role settings the services read too (recruitment_shared.web.identity_provider)."""
    client_id = environ.get("OIDC_CLIENT_ID") or ""
    if environ.get("OIDC_ISSUER") and not client_id:
        raise ConfigurationError("OIDC_CLIENT_ID is not set: the web client's registration with the provider")
    # The services check the audience of what we forward; for an ID token that is our client id.
    provider = ProviderSettings.from_env({**environ, "OIDC_AUDIENCE": environ.get("OIDC_AUDIENCE") or client_id})
    if provider is None:
        return None
    secret = environ.get("OIDC_CLIENT_SECRET") or ""
    if not is_development(environ) and (not secret or is_placeholder(secret)):
        # The provider issued it, so no length rule of ours; but never missing, never this repository's example.
        raise MissingSecret("OIDC_CLIENT_SECRET is missing or a placeholder: the web client's secret at the provider")
    api_token = environ.get("OIDC_API_TOKEN") or "id_token"
    if api_token not in ("id_token", "access_token"):
        raise ConfigurationError(f"OIDC_API_TOKEN is {api_token!r}: id_token or access_token")
    return SignInSettings(
        provider=provider,
        client_id=client_id,
        client_secret=secret or "development",  # oidc-provider-mock takes any secret
        scopes=environ.get("OIDC_SCOPES") or "openid email profile",
        api_token=api_token,
    )
