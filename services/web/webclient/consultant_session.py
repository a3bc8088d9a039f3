"""Who is signed in: the consultant's identity and provider token, kept encrypted in a cookie.

The web client has no database, and any of its workers or replicas must serve a consultant's next
page, so the session travels with the browser: one cookie, HttpOnly (no script reads it),
SameSite=Lax, Secure outside development, encrypted and authenticated with Fernet under a key
derived from the session secret. The browser holds only ciphertext: the provider's token never
reaches browser JavaScript, nor the page, nor a URL. The cookie dies with the token's expiry.

Signing out deletes the cookie. A copy taken before (malware on the consultant's machine) stays
usable until the token expires (the provider's token lifetime, an hour by default): the price of
keeping no server-side session store, and said in docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import asdict, dataclass

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, g, request
from werkzeug.wrappers import Response

COOKIE = "consultant"
LABEL = b"consultant-session"  # derives this cookie's key from the session secret: one key per purpose


@dataclass(frozen=True)
class Consultant:
    """A signed-in member of staff: who, in which roles, and the token the APIs are called with."""

    email: str
    name: str
    roles: tuple[str, ...]
    token: str  # forwarded to the service APIs as the bearer token
    id_token: str  # the provider's ID token, for its sign-out (often the same as `token`)
    expires_at: int  # seconds since the epoch: the token's `exp`

    @property
    def is_admin(self) -> bool:
        """Whether they act for every consultant (the delivery log of all vacancies, for instance)."""
        return "admin" in self.roles


def current_consultant() -> Consultant | None:
    """The consultant of this request, if its cookie is ours, intact, and the token not expired."""
    if "consultant" not in g:
        g.consultant = _read(request.cookies.get(COOKIE))
    return g.consultant


def remember(response: Response, consultant: Consultant) -> None:
    """Set the session cookie for `consultant` on `response`."""
    sealed = _fernet().encrypt(json.dumps(asdict(consultant)).encode()).decode()
    response.set_cookie(
        COOKIE,
        sealed,
        max_age=max(0, consultant.expires_at - int(time.time())),
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        path="/",
    )


def forget(response: Response) -> None:
    """Delete the session cookie: signed out."""
    response.delete_cookie(
        COOKIE, httponly=True, samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"], path="/"
    )


def _read(sealed: str | None) -> Consultant | None:
    if not sealed:
        return None
    try:
        data = json.loads(_fernet().decrypt(sealed.encode()))
        consultant = Consultant(**{**data, "roles": tuple(data["roles"])})
    except (InvalidToken, ValueError, TypeError, KeyError):  # not ours, tampered with, or an old format
        return None
    return consultant if consultant.expires_at > time.time() else None


def _fernet() -> Fernet:
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), LABEL, hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(digest))
