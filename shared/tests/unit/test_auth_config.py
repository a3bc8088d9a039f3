"""The signing secret: never a guessable default in production."""

import pytest

from recruitment_shared.web.auth import DEVELOPMENT_SECRET, MissingSecret, jwt_secret


def test_local_runs_fall_back_to_the_development_secret():
    assert jwt_secret({}) == DEVELOPMENT_SECRET


@pytest.mark.parametrize("environ", [{}, {"JWT_SECRET": "too-short"}], ids=["missing", "short"])
def test_production_refuses_to_start_without_a_strong_secret(environ):
    with pytest.raises(MissingSecret):
        jwt_secret(environ | {"RECRUITMENT_ENV": "production"})


def test_production_uses_the_configured_secret():
    secret = "x" * 32
    assert jwt_secret({"RECRUITMENT_ENV": "production", "JWT_SECRET": secret}) == secret
