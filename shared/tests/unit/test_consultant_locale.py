"""A consultant's preferred language comes from their token's `locale` claim (the development tokens
carry one too): one of the agency's languages, or none."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from flask import Flask
from flask_smorest import Blueprint

from recruitment_shared import devtoken
from recruitment_shared.languages import working_language
from recruitment_shared.web.auth import current_principal, issue_token, require_roles
from recruitment_shared.web.problems import ProblemApi

SECRET = "a-secret-only-these-locale-tests-use-0123456789"
ISSUER = "https://login.example.com"


@pytest.mark.parametrize(
    ("locale", "language"),
    [("nl-BE", "nl"), ("fr_BE", "fr"), ("EN", "en"), ("de-DE", None), ("", None), (None, None), (["nl"], None)],
)
def test_the_locale_names_one_of_the_agencys_languages_or_none(locale, language):
    assert working_language(locale) == language


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setenv("RECRUITMENT_ENV", "development")
    app = Flask("toy")
    app.config.update(API_TITLE="toy", API_VERSION="1", OPENAPI_VERSION="3.0.3", JWT_SECRET=SECRET, JWT_ISSUER=ISSUER)
    api = ProblemApi(app)
    me = Blueprint("me", __name__, url_prefix="/me")

    @me.get("")
    @require_roles("consultant")
    def read():
        return {"language": current_principal().language}

    api.register_blueprint(me)
    return app.test_client()


@pytest.mark.parametrize(("locale", "language"), [("nl-BE", "nl"), ("fr-BE", "fr"), (None, None), ("pt-BR", None)])
def test_the_caller_speaks_the_language_of_their_tokens_locale(client, locale, language):
    token = issue_token(SECRET, "lisa.geudens@example.com", "Lisa", ["consultant"], timedelta(hours=1), ISSUER, locale)

    answer = client.get("/me", headers={"Authorization": f"Bearer {token}"})

    assert answer.status_code == 200 and answer.json == {"language": language}
    assert ("locale" in jwt.decode(token, options={"verify_signature": False})) is (locale is not None)


def test_devtoken_gives_lisa_her_flemish_locale_unless_told_otherwise(monkeypatch, capsys):
    monkeypatch.setenv("RECRUITMENT_ENV", "development")
    monkeypatch.delenv("JWT_ISSUER", raising=False)
    monkeypatch.delenv("JWT_MAX_LIFETIME_HOURS", raising=False)
    tokens = []
    for arguments in ([], ["--locale", "fr-BE"]):
        devtoken.main(arguments)
        tokens.append(jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False}))

    assert [claims["locale"] for claims in tokens] == ["nl-BE", "fr-BE"]
