"""Consultants signed in with the agency's OpenID Connect provider reach the consultant API with its
tokens: a REAL provider (deploy/local/oidc-provider.sh) issues them, the service verifies them
against its JWKS. What it did not sign for us, or outside its roles, is refused."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

import vacancies
from recruitment_shared.config import ConfigurationError
from recruitment_shared.web.auth import issue_token
from tests.support.auth import TEST_SECRET, bearer
from tests.support.identity import CLIENT_ID, provider_bearer, provider_settings, provider_token
from tests.support.network import free_port
from tests.support.services import migrated_app
from vacancies.app import create_app

LISA = "lisa.geudens@example.com"


@pytest.fixture
def trusting(new_database, identity_provider):
    """The vacancy service trusting the session's provider."""
    with migrated_app(vacancies, create_app, new_database(), **provider_settings(identity_provider)) as app:
        yield app.test_client()


def test_a_consultant_signed_in_with_the_provider_lists_their_vacancies(trusting, identity_provider):
    answer = trusting.get("/consultant/vacancies", headers=provider_bearer(identity_provider, LISA))
    assert answer.status_code == 200, answer.get_json()


def test_the_provider_role_claim_decides_access(trusting, identity_provider):
    visitor = trusting.get("/consultant/vacancies", headers=provider_bearer(identity_provider, "visitor@example.com"))
    assert visitor.status_code == 403  # signed in at the provider, but no platform role


def test_a_token_issued_to_another_client_is_refused(trusting, identity_provider):
    token = provider_token(identity_provider, LISA, client_id="some-other-app")
    answer = trusting.get("/consultant/vacancies", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401
    assert "audience" in answer.get_json()["detail"].lower()


def test_a_token_signed_with_a_key_not_the_providers_is_refused(trusting, identity_provider):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    claims = {"sub": LISA, "email": LISA, "roles": ["consultant"], "iss": identity_provider, "aud": CLIENT_ID}
    forged = jwt.encode(claims | {"iat": now, "exp": now + 600}, stranger, algorithm="RS256")
    answer = trusting.get("/consultant/vacancies", headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401


def test_development_tokens_are_refused_outside_development(new_database, identity_provider, monkeypatch):
    monkeypatch.setenv("RECRUITMENT_ENV", "production")
    strict = provider_settings(identity_provider) | {"JWT_SECRET": "x" * 40, "RECRUITMENT_ENV": "production"}
    with migrated_app(vacancies, create_app, new_database(), **strict) as app:
        client = app.test_client()
        token = issue_token("x" * 40, LISA, "Lisa", ["consultant"], timedelta(hours=1), issuer="recruitment")
        refused = client.get("/consultant/vacancies", headers={"Authorization": f"Bearer {token}"})
        accepted = client.get("/consultant/vacancies", headers=provider_bearer(identity_provider, LISA))
    assert refused.status_code == 401
    assert "development" in refused.get_json()["detail"]
    assert accepted.status_code == 200


def test_in_development_both_kinds_are_accepted(trusting, identity_provider):
    assert trusting.get("/consultant/vacancies", headers=bearer(LISA, secret=TEST_SECRET)).status_code == 200
    assert trusting.get("/consultant/vacancies", headers=provider_bearer(identity_provider, LISA)).status_code == 200


def test_an_unreachable_provider_is_a_503_not_a_401(new_database, identity_provider):
    token = provider_token(identity_provider, LISA)
    elsewhere = provider_settings(identity_provider) | {"OIDC_JWKS_URL": f"http://127.0.0.1:{free_port()}/jwks"}
    with migrated_app(vacancies, create_app, new_database(), **elsewhere) as app:
        answer = app.test_client().get("/consultant/vacancies", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 503


def test_outside_development_a_service_without_a_provider_does_not_start(new_database, monkeypatch):
    monkeypatch.setenv("RECRUITMENT_ENV", "production")
    with (
        pytest.raises(ConfigurationError, match="OIDC_ISSUER"),
        migrated_app(vacancies, create_app, new_database(), JWT_SECRET="x" * 40, RECRUITMENT_ENV="production"),
    ):
        pass
