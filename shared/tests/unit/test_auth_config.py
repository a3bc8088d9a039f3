"""The signing keys fail closed: only an explicit RECRUITMENT_ENV=development runs on a public key."""

import pytest

from recruitment_shared.secrets import (
    ALERT_LINKS,
    CANDIDATE_LINKS,
    DEVELOPMENT_SECRET,
    MissingSecret,
    jwt_secret,
    signing_key,
)

REAL = "3f1b0c9e5a7d4e2f8b6a1c0d9e8f7a6b"  # 32 bytes, as from `openssl rand -hex 16`
OTHER = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
STRICT = ["unset", "production", "prod", "Production", "staging", "Development"]


def _mode(name: str) -> dict[str, str]:
    return {} if name == "unset" else {"RECRUITMENT_ENV": name}


def test_development_mode_falls_back_to_the_development_secret_only_when_named_exactly():
    assert jwt_secret({"RECRUITMENT_ENV": "development"}) == DEVELOPMENT_SECRET
    assert jwt_secret({"RECRUITMENT_ENV": "development", "JWT_SECRET": "short-is-fine-here"}) == "short-is-fine-here"


@pytest.mark.parametrize("mode", STRICT)
def test_every_other_mode_refuses_to_start_without_a_secret_and_says_what_to_do(mode):
    with pytest.raises(
        MissingSecret, match=r"JWT_SECRET is not set .*openssl rand -hex 32.*RECRUITMENT_ENV=development"
    ):
        jwt_secret(_mode(mode))


@pytest.mark.parametrize("mode", STRICT)
def test_every_other_mode_refuses_a_secret_shorter_than_32_bytes(mode):
    with pytest.raises(MissingSecret, match="JWT_SECRET is 31 bytes, fewer than 32"):
        jwt_secret(_mode(mode) | {"JWT_SECRET": REAL[:31]})


@pytest.mark.parametrize(
    "placeholder",
    [
        DEVELOPMENT_SECRET,
        "FAKE-local-only-jwt-secret-not-for-production-0000",  # the Kubernetes example before issue 11
        "FAKE-local-only-jwt-secret-not-for-production-0001",  # an example value, edited a little
        "replace-me-with-a-random-value-of-32-bytes-or-more",
    ],
)
def test_published_placeholders_are_refused(placeholder):
    with pytest.raises(MissingSecret, match="JWT_SECRET is a placeholder published in this repository"):
        jwt_secret({"RECRUITMENT_ENV": "production", "JWT_SECRET": placeholder})


@pytest.mark.parametrize("mode", STRICT)
def test_a_real_secret_is_used(mode):
    assert jwt_secret(_mode(mode) | {"JWT_SECRET": REAL}) == REAL


def test_link_keys_are_derived_per_purpose_and_differ_from_the_api_key():
    environ = {"RECRUITMENT_ENV": "production", "JWT_SECRET": REAL}
    keys = {signing_key(CANDIDATE_LINKS, environ), signing_key(ALERT_LINKS, environ), REAL}
    assert len(keys) == 3
    assert signing_key(ALERT_LINKS, environ) == signing_key(ALERT_LINKS, dict(environ))  # stable across processes


def test_a_configured_link_key_is_used_without_the_api_key():
    environ = {"RECRUITMENT_ENV": "production", "ALERT_LINKS_SECRET": OTHER}
    assert signing_key(ALERT_LINKS, environ) == OTHER
    with pytest.raises(MissingSecret, match="JWT_SECRET is not set"):
        signing_key(CANDIDATE_LINKS, environ)  # neither its own key nor one to derive it from


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (OTHER[:20], "CANDIDATE_LINKS_SECRET is 20 bytes"),
        ("FAKE-local-only-candidate-links-secret-not-for-production", "CANDIDATE_LINKS_SECRET is a placeholder"),
        (REAL, "CANDIDATE_LINKS_SECRET equals JWT_SECRET"),
    ],
    ids=["short", "placeholder", "same-as-api-key"],
)
def test_a_configured_link_key_follows_the_rules_of_the_api_key(value, why):
    environ = {"JWT_SECRET": REAL, "CANDIDATE_LINKS_SECRET": value}  # RECRUITMENT_ENV unset: strict
    with pytest.raises(MissingSecret, match=why):
        signing_key(CANDIDATE_LINKS, environ)


def test_admins_act_for_everyone_and_consultants_for_themselves_only():
    from recruitment_shared.web.auth import Principal

    lisa = Principal("lisa", "Lisa.Geudens@example.com", "Lisa", frozenset({"consultant"}))
    nameless = Principal("x", "", "", frozenset({"consultant"}))
    admin = Principal("office", "office@example.com", "Office", frozenset({"admin"}))

    assert lisa.acts_for("lisa.geudens@example.com") and not lisa.acts_for("tom.peeters@example.com")
    assert not nameless.acts_for("")  # a token without an address owns nothing
    assert admin.acts_for("tom.peeters@example.com") and admin.acts_for("")
