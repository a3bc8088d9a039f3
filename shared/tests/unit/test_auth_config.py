"""The signing secret: never a guessable default in production."""

import pytest

from recruitment_shared.secrets import DEVELOPMENT_SECRET, MissingSecret, jwt_secret


def test_local_runs_fall_back_to_the_development_secret():
    assert jwt_secret({}) == DEVELOPMENT_SECRET


@pytest.mark.parametrize("environ", [{}, {"JWT_SECRET": "too-short"}], ids=["missing", "short"])
def test_production_refuses_to_start_without_a_strong_secret(environ):
    with pytest.raises(MissingSecret):
        jwt_secret(environ | {"RECRUITMENT_ENV": "production"})


def test_production_uses_the_configured_secret():
    secret = "x" * 32
    assert jwt_secret({"RECRUITMENT_ENV": "production", "JWT_SECRET": secret}) == secret


def test_admins_act_for_everyone_and_consultants_for_themselves_only():
    from recruitment_shared.web.auth import Principal

    lisa = Principal("lisa", "Lisa.Geudens@example.com", "Lisa", frozenset({"consultant"}))
    nameless = Principal("x", "", "", frozenset({"consultant"}))
    admin = Principal("office", "office@example.com", "Office", frozenset({"admin"}))

    assert lisa.acts_for("lisa.geudens@example.com") and not lisa.acts_for("tom.peeters@example.com")
    assert not nameless.acts_for("")  # a token without an address owns nothing
    assert admin.acts_for("tom.peeters@example.com") and admin.acts_for("")
