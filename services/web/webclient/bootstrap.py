"""The web client's one wiring place: where the APIs are and how long to wait for them.

Nothing is created at import time, and nothing here imports Flask. The web client has no
database: it reaches the services only through their public APIs, as a mobile app would.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from recruitment_shared.secrets import WEB_SESSIONS, is_development, signing_key

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
class Dependencies:
    """What the web client's app is given."""

    api: ApiSettings
    session_key: str  # signs the session cookie and its CSRF tokens (WEB_SESSIONS_SECRET, or derived)
    secure_cookies: bool  # Secure cookies everywhere but explicit development mode (plain-HTTP loopback)


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
    )
