"""Consent that can be shown: an application names the privacy notice (version) its candidate read,
or nothing is stored; the separate talent-pool consent is recorded and withdrawn on its own; the
self-service page says how long the application is kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from applications.db import consents
from applications.privacy_notice import CURRENT_VERSION

from .conftest import cv_files

pytestmark = pytest.mark.integration


def _consents(app) -> list[tuple[str, str, bool]]:
    """(purpose, notice version, withdrawn) of every consent stored."""
    with app.extensions["engine"].connect() as conn:
        rows = conn.execute(select(consents).order_by(consents.c.id)).mappings()
        return [(row["purpose"], row["notice_version"], row["withdrawn_at"] is not None) for row in rows]


@pytest.mark.parametrize(
    ("version", "message"),
    [(None, "Read the privacy notice"), ("2025-01-01", "not the current privacy notice"), ("", "not the current")],
    ids=["missing", "an earlier one", "empty"],
)
def test_an_application_without_the_current_notice_is_refused_and_nothing_is_kept(app, desk, version, message):
    vacancy_id = desk.publish()

    refused = desk.apply(vacancy_id, privacy_notice_version=version)

    assert (refused.status_code, refused.content_type) == (422, "application/problem+json")
    [error] = refused.json["errors"]
    assert error["field"] == "privacy_notice_version" and message in error["message"]
    assert CURRENT_VERSION in error["message"]  # the client learns which version to show
    assert desk.stored() == (0, 0)
    assert cv_files(app) == [] and _consents(app) == []


def test_the_notice_and_the_consents_given_are_recorded_with_the_application(app, client, desk):
    vacancy_id = desk.publish()

    desk.apply(vacancy_id)
    desk.apply(vacancy_id, email="an.claes@example.com", talent_pool_consent="true")
    jan, an = desk.submitted()

    assert _consents(app) == [
        ("application", CURRENT_VERSION, False),
        ("application", CURRENT_VERSION, False),
        ("talent_pool", CURRENT_VERSION, False),
    ]
    assert client.get(desk.link(jan)).json["talent_pool_consent"] is None
    assert client.get(desk.link(an)).json["talent_pool_consent"]["withdrawn_at"] is None


def test_the_talent_pool_consent_is_withdrawn_on_its_own_and_once(app, client, desk):
    vacancy_id = desk.publish()
    desk.apply(vacancy_id, talent_pool_consent="true")
    [application_id] = desk.submitted()
    link = desk.link(application_id)
    before = client.get(link).json

    withdrawn = client.post(f"{link}/talent-pool/withdraw")
    again = client.post(f"{link}/talent-pool/withdraw")

    assert (before["retention_days"], before["talent_pool_consent"]["withdrawn_at"]) == (1095, None)
    assert withdrawn.status_code == 200
    assert withdrawn.json["talent_pool_consent"]["withdrawn_at"] is not None
    assert (withdrawn.json["status"], withdrawn.json["retention_days"]) == ("submitted", 730)  # the application stays
    assert again.json["talent_pool_consent"] == withdrawn.json["talent_pool_consent"]
    assert _consents(app) == [("application", CURRENT_VERSION, False), ("talent_pool", CURRENT_VERSION, True)]
    assert desk.events()[-1].type == "ApplicationSubmitted"  # nothing to announce: no one else holds this consent


def test_the_self_service_answer_says_how_long_the_application_is_kept(client, desk, submitted):
    _vacancy_id, _application_id, token = submitted

    shown = client.get(f"/candidate/applications/{token}").json

    last_step = datetime.fromisoformat(shown["history"][-1]["at"])
    assert shown["retention_days"] == 730
    assert datetime.fromisoformat(shown["kept_until"]) == last_step + timedelta(days=730)


def test_the_privacy_notice_is_public_in_three_languages_and_each_version_stays_readable(client):
    current = client.get("/privacy-notice")
    same = client.get(f"/privacy-notice/{CURRENT_VERSION}")
    unknown = [client.get(f"/privacy-notice/{version}") for version in ("2020-01-01", "..", "%2e%2e%2fen.md")]

    assert current.status_code == 200 and current.json == same.json
    assert current.json["version"] == CURRENT_VERSION
    texts = current.json["texts"]
    assert set(texts) == {"nl", "fr", "en"}
    assert "730" in texts["en"] and "730" in texts["nl"] and "730" in texts["fr"]  # how long, in every language
    assert "Gegevensbeschermingsautoriteit" in texts["nl"]
    assert [answer.status_code for answer in unknown] == [404, 404, 404]
