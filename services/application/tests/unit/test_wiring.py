"""The candidate-link settings are wired by the service's bootstrap: the web app gets them at
start-up (a bad one stops it there), and the processes that never check a link need no key."""

from __future__ import annotations

from datetime import timedelta

import pytest

from applications.app import create_app
from applications.bootstrap import build
from recruitment_shared.secrets import CANDIDATE_LINKS, MissingSecret, signing_key
from tests.support.auth import TEST_SECRET


@pytest.fixture
def config(tmp_path) -> dict[str, str]:
    return {"DATABASE_URL": "sqlite://", "CV_STORAGE_DIR": str(tmp_path / "cvs"), "JWT_SECRET": TEST_SECRET}


def test_the_web_app_checks_links_with_the_settings_it_was_built_with(config):
    app = create_app(config | {"CANDIDATE_LINK_MAX_AGE_DAYS": "90"})

    links = app.extensions["candidate_links"]
    environ = {"RECRUITMENT_ENV": "development", "JWT_SECRET": TEST_SECRET}
    assert (links.max_age, links.key) == (timedelta(days=90), signing_key(CANDIDATE_LINKS, environ))


@pytest.mark.parametrize("setting", ["CANDIDATE_LINK_MAX_AGE_DAYS", "CANDIDATE_LINK_GRACE_DAYS"])
def test_a_bad_link_setting_stops_the_web_app_at_start(config, setting):
    with pytest.raises(ValueError, match=setting):
        create_app(config | {setting: "forever"})


def test_the_relay_and_consumer_start_without_the_candidate_link_key():
    dependencies = build({"DATABASE_URL": "sqlite://"})  # strict, as in production: no key, no RECRUITMENT_ENV

    assert dependencies.engine is not None
    with pytest.raises(MissingSecret, match="JWT_SECRET"):
        dependencies.candidate_links  # noqa: B018 (asked for by the web app alone)


def test_the_retention_job_starts_without_any_key_and_refuses_a_bad_period():
    strict = {"DATABASE_URL": "sqlite://"}  # as in production: no key, no RECRUITMENT_ENV

    dependencies = build(strict)

    assert dependencies.retention.application_days == 730
    assert dependencies.broker_copies_lifetime == timedelta(days=15)
    with pytest.raises(MissingSecret, match="JWT_SECRET"):
        dependencies.candidate_keys  # noqa: B018 (only erasure on request names the address, in the web app)
    with pytest.raises(ValueError, match="HIRED_RETENTION_DAYS"):
        build(strict | {"HIRED_RETENTION_DAYS": "forever"}).retention  # noqa: B018


def test_the_web_app_keys_addresses_with_the_candidate_keys_secret(config):
    app = create_app(config | {"CANDIDATE_KEYS_SECRET": "k" * 40})

    assert app.extensions["candidate_keys"] == "k" * 40
