"""The real OpenID Connect provider for tests (deploy/local/oidc-provider.sh: oidc-provider-mock),
and the two ways a test signs someone in with it: as the web client does for a browser (the
authorization code flow with PKCE, answered on the provider's form), and for an API call (an ID
token got through the same flow)."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.support.infrastructure import LOCAL, REPO
from tests.support.network import free_port, http_status
from tests.support.waiting import wait_until

CLIENT_ID = "recruitment-web"  # any client id works with the mock; the services check this audience
CALLBACK = "http://127.0.0.1/auth/callback"  # where the mock would send the code: never followed


@contextmanager
def running_identity_provider() -> Iterator[str]:
    """The provider of deploy/local, on a free loopback port, until the block ends; yields its issuer."""
    port = free_port()
    env = os.environ | {
        "OIDC_PORT": str(port),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    # Its log goes to a file: a pipe nobody reads fills up after some hundred sign-ins, and then the
    # provider blocks on its next log line and answers nothing more.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            ["bash", str(LOCAL / "oidc-provider.sh")], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        issuer = f"http://127.0.0.1:{port}"
        try:
            wait_until(
                lambda: process.poll() is None and http_status(f"{issuer}/.well-known/openid-configuration") == 200,
                timeout=60,
                what=f"the OpenID Connect provider (exit {process.poll()})",
            )
            yield issuer
        finally:
            process.terminate()
            process.wait(timeout=10)


def provider_settings(issuer: str) -> dict[str, str]:
    """The configuration under which an app trusts `issuer`'s tokens (services) or signs in with it (web)."""
    return {"OIDC_ISSUER": issuer, "OIDC_AUDIENCE": CLIENT_ID, "OIDC_CLIENT_ID": CLIENT_ID}


def provider_token(issuer: str, subject: str, client_id: str = CLIENT_ID) -> str:
    """An ID token the provider issues for `subject` (one of deploy/local/oidc-users.json, or any
    name: then without roles), got through the authorization code flow with PKCE."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": CALLBACK,
        "scope": "openid email profile",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    answer = authorize(f"{issuer}/oauth2/authorize?{urlencode(query)}", subject)
    code = parse_qs(urlparse(answer).query)["code"][0]
    tokens = requests.post(
        f"{issuer}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier},
        auth=(client_id, "any-secret"),
        timeout=10,
    )
    tokens.raise_for_status()
    return tokens.json()["id_token"]


def authorize(authorization_url: str, subject: str) -> str:
    """Answer the provider's sign-in form for `subject`, as a person would; the redirect back (with the code)."""
    answer = requests.post(authorization_url, data={"sub": subject}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, (
        f"the provider did not sign {subject} in: {answer.status_code} {answer.text[:300]}"
    )
    return answer.headers["Location"]


def provider_bearer(issuer: str, subject: str) -> dict[str, str]:
    """An Authorization header with the provider's ID token for `subject`."""
    return {"Authorization": f"Bearer {provider_token(issuer, subject)}"}


def sign_in(client: FlaskClient, subject: str, lang: str = "en", next_path: str | None = None) -> TestResponse:
    """Sign `subject` in to the web client behind Flask test `client`, through the provider's form;
    the web client's last answer (the redirect to where the consultant was going)."""
    start = client.get(f"/{lang}/consultant/sign-in", query_string={"next": next_path} if next_path else None)
    assert start.status_code == 302, start.get_data(as_text=True)[:300]
    back = urlparse(authorize(start.headers["Location"], subject))
    return client.get(f"{back.path}?{back.query}")
