"""API tokens name their issuer and live at most JWT_MAX_LIFETIME_HOURS; devtoken is development only."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from flask import Flask
from flask_smorest import Blueprint

from recruitment_shared import devtoken
from recruitment_shared.web.auth import AUDIENCE, issue_token, require_roles
from recruitment_shared.web.problems import PROBLEM_JSON, ProblemApi

SECRET = "a-secret-for-this-test-of-32-bytes-at-least"
ISSUER = "https://login.example.com"


@pytest.fixture
def client():
    app = Flask("toy")
    app.config.update(API_TITLE="toy", API_VERSION="1", OPENAPI_VERSION="3.0.3", JWT_SECRET=SECRET, JWT_ISSUER=ISSUER)
    api = ProblemApi(app)
    things = Blueprint("things", __name__, url_prefix="/things")

    @things.get("")
    @require_roles("consultant")
    def read():
        return {"ok": True}

    api.register_blueprint(things)
    return app.test_client()


def _token(lifetime: timedelta = timedelta(hours=1), **changes) -> str:
    now = datetime.now(UTC)
    claims = {"sub": "lisa", "roles": ["consultant"], "aud": AUDIENCE, "iss": ISSUER, "iat": now, "exp": now + lifetime}
    claims |= changes
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, SECRET, algorithm="HS256")


def _get(client, token: str):
    return client.get("/things", headers={"Authorization": f"Bearer {token}"})


def test_a_token_of_the_configured_issuer_within_the_lifetime_cap_is_accepted(client):
    assert _get(client, _token(timedelta(hours=12))).status_code == 200
    assert (
        _get(client, issue_token(SECRET, "lisa@example.com", "Lisa", ["consultant"], issuer=ISSUER)).status_code == 200
    )


@pytest.mark.parametrize(
    ("token", "why"),
    [
        (_token(iss="recruitment-local"), "Invalid issuer"),
        (_token(iss=None), 'missing the "iss" claim'),
        (_token(iat=None), 'missing the "iat" claim'),
        (_token(timedelta(days=400)), "longer than 12 hours"),
        (_token(timedelta(hours=12, seconds=1)), "longer than 12 hours"),
    ],
    ids=["other-issuer", "no-issuer", "no-iat", "400-days", "just-over-12-hours"],
)
def test_a_token_of_another_issuer_or_too_long_a_life_is_401_problem(client, token, why):
    answer = _get(client, token)
    assert (answer.status_code, answer.mimetype) == (401, PROBLEM_JSON)
    assert why in answer.json["detail"]
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_lifetime_cap_is_configurable(client):
    client.application.config["JWT_MAX_LIFETIME_HOURS"] = "1"
    assert _get(client, _token(timedelta(hours=2))).status_code == 401
    assert _get(client, _token(timedelta(minutes=59))).status_code == 200


def _devtoken(monkeypatch, capsys, *args: str, **environ: str) -> tuple[object, str]:
    """Run devtoken in this process with `environ`: (its exit code, what it printed)."""
    for key in ("RECRUITMENT_ENV", "JWT_SECRET", "JWT_ISSUER", "JWT_MAX_LIFETIME_HOURS"):
        monkeypatch.delenv(key, raising=False)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    try:
        devtoken.main(list(args))
        code = 0
    except SystemExit as stopped:
        code = stopped.code
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("mode", [None, "production", "prod", "Production"])
def test_devtoken_refuses_to_run_outside_development(monkeypatch, capsys, mode):
    code, said = _devtoken(monkeypatch, capsys, **({"RECRUITMENT_ENV": mode} if mode else {}), JWT_SECRET="x" * 40)
    assert code not in (0, None)
    assert "devtoken runs only with RECRUITMENT_ENV=development" in str(code) + said
    assert "eyJ" not in said  # no token


def test_devtoken_exits_non_zero_from_the_command_line():
    env = {k: v for k, v in os.environ.items() if k != "RECRUITMENT_ENV"} | {"JWT_SECRET": "x" * 40}
    command = [sys.executable, "-m", "recruitment_shared.devtoken"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and done.stdout == ""
    assert "devtoken runs only with RECRUITMENT_ENV=development (it is unset)" in done.stderr


def test_devtoken_in_development_makes_a_token_no_longer_lived_than_the_services_accept(monkeypatch, capsys):
    code, printed = _devtoken(monkeypatch, capsys, RECRUITMENT_ENV="development")
    claims = jwt.decode(printed.strip().splitlines()[-1], options={"verify_signature": False})
    assert code == 0 and claims["iss"] == "recruitment-local"
    assert claims["exp"] - claims["iat"] <= 12 * 3600
    assert _devtoken(monkeypatch, capsys, "--hours", "13", RECRUITMENT_ENV="development")[0] == 2
