"""The consultants' sign-in with the agency's OpenID Connect provider (authorization code with PKCE).

The provider (Microsoft Entra ID, Google Workspace, Keycloak; locally oidc-provider-mock) checks
who they are; Authlib runs the flow: state and nonce against forgery and replay, PKCE (S256)
against a stolen code, and the ID token's signature, issuer, audience and expiry. The token goes
into the encrypted session cookie (consultant_session.py) and with every API call; the services
verify it again. Staff without a platform role in the token are told so and not signed in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient.bootstrap import SignInSettings
from webclient.consultant_session import Consultant, current_consultant, forget, remember
from webclient.pages import pages, root

log = logging.getLogger(__name__)
PROVIDER_TIMEOUT_SECONDS = 10
RETURN = "sign_in_return"  # the session key of where to go back to after the provider


def install_sign_in(app: Flask, settings: SignInSettings | None) -> None:
    """Register the provider with Authlib for `app` (its metadata is fetched at the first sign-in)."""
    app.extensions["sign_in"] = settings
    if settings is None:
        return
    oauth = OAuth(app)
    oauth.register(
        "provider",
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        server_metadata_url=f"{settings.provider.issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.scopes,
            "code_challenge_method": "S256",
            "default_timeout": PROVIDER_TIMEOUT_SECONDS,
        },
    )


def consultant_required(view: Callable) -> Callable:
    """Decorator: the view runs for a signed-in consultant; anyone else is sent to sign in first."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_consultant() is None:
            return redirect(url_for("pages.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return guarded


def bearer() -> str:
    """The signed-in consultant's token, for the API calls of a guarded view."""
    consultant = current_consultant()
    if consultant is None:  # pragma: no cover  (guarded views only)
        abort(401)
    return consultant.token


@pages.get("/consultant/sign-in")
def sign_in() -> Response:
    """Off to the provider; back at /auth/callback, then on to `next` (a path of this site only)."""
    settings = _settings()
    session[RETURN] = {"next": _local_path(request.args.get("next")), "lang": g.lang}
    try:
        return _client().authorize_redirect(url_for("root.signed_in", _external=True), ui_locales=g.lang)
    except requests.RequestException as error:
        return _provider_unreachable(settings, error)


@root.get("/auth/callback")
def signed_in() -> Response | tuple[str, int]:
    """The provider's answer: a code, exchanged (with the PKCE verifier) for tokens, checked by Authlib."""
    settings = _settings()
    back = session.pop(RETURN, None) or {}
    g.lang = back.get("lang") or g.get("lang")
    try:
        tokens = _client().authorize_access_token()
    except OAuthError as error:  # denied at the provider, a replayed or forged answer, a bad token
        log.info("sign-in refused: %s", error.error)
        message = _("Signing in did not complete. Please try again.")
        return render_template("error.html", title=_("Not signed in"), message=message), 400
    except requests.RequestException as error:
        return _provider_unreachable(settings, error)
    claims = tokens.get("userinfo") or {}
    roles = settings.provider.roles_of(claims)
    if not roles:
        log.info("sign-in without a platform role refused")
        message = _("Your account has no access to the consultants' workspace. Ask an administrator for it.")
        return render_template("error.html", title=_("No access"), message=message), 403
    consultant = _consultant(settings, tokens, claims, roles)
    response = redirect(back.get("next") or url_for("pages.consultant_home"))
    remember(response, consultant)
    return response


@pages.post("/consultant/sign-out")
def sign_out() -> Response:
    """Forget the session here, then end it at the provider too (RP-initiated logout), when it can."""
    consultant = current_consultant()
    home = url_for("pages.home", _external=True)
    response = redirect(home)
    settings = current_app.extensions.get("sign_in")
    if consultant and settings:
        try:
            if _client().load_server_metadata().get("end_session_endpoint"):
                response = _client().logout_redirect(post_logout_redirect_uri=home, id_token_hint=consultant.id_token)
        except requests.RequestException:  # the provider is down: signed out here all the same
            log.warning("identity provider unreachable at sign-out")
    forget(response)
    return response


@pages.get("/consultant/signed-out")
def signed_out() -> str:
    """Where the provider may send the browser back after ending its session."""
    return render_template("error.html", title=_("Signed out"), message=_("You are signed out."))


def _consultant(settings: SignInSettings, tokens: dict, claims: dict, roles: frozenset[str]) -> Consultant:
    email, name = claims.get(settings.provider.email_claim), claims.get(settings.provider.name_claim)
    return Consultant(
        email=email if isinstance(email, str) else "",
        name=name if isinstance(name, str) else "",
        roles=tuple(sorted(roles)),
        token=str(tokens[settings.api_token]),
        id_token=str(tokens.get("id_token", "")),
        expires_at=int(claims.get("exp") or time.time() + 3600),
    )


def _local_path(candidate: str | None) -> str | None:
    """`candidate` if it is a path of this site: never a redirect elsewhere (`//evil`, `https://evil`)."""
    if candidate and candidate.startswith("/") and not candidate.startswith(("//", "/\\")):
        return candidate
    return None


def _settings() -> SignInSettings:
    settings = current_app.extensions.get("sign_in")
    if settings is None:
        abort(404)  # development without a provider: there is no sign-in
    return settings


def _client() -> Any:
    return current_app.extensions["authlib.integrations.flask_client"].provider


def _provider_unreachable(settings: SignInSettings, error: Exception) -> tuple[str, int, dict[str, str]]:
    log.warning("identity provider %s unreachable: %s", settings.provider.issuer, type(error).__name__)
    message = _("Signing in is briefly unavailable; try again in a minute.")
    return render_template("error.html", title=_("Briefly unavailable"), message=message), 503, {"Retry-After": "60"}
