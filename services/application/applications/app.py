"""The application service's web app: `gunicorn 'applications.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from applications import (
    api,
    bootstrap,
    consultant_api,
    interviews_api,
    notes_api,
    pool_api,
    privacy_api,
    scorecards_api,
)
from applications.cv_files import MAX_CV_BYTES
from recruitment_shared.config import environment_with
from recruitment_shared.web import create_service_app
from recruitment_shared.web.metrics import outbox_gauges


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the service's bootstrap; `config` may override DATABASE_URL,
    CV_STORAGE_DIR, JWT_SECRET (from which the candidate-link and candidate-key keys are derived when
    they are not set), the candidate-link and retention settings and Flask settings. A bad one stops it here."""
    dependencies = bootstrap.build(environment_with(config))
    # A little above the CV limit, so an oversized upload is cut off before it is read whole.
    config = {"MAX_CONTENT_LENGTH": MAX_CV_BYTES + 256 * 1024} | dict(config or {})
    blueprints = [api.blueprint, api.candidate_blueprint, api.vacancy_blueprint, consultant_api.blueprint]
    blueprints += [privacy_api.notice_blueprint, privacy_api.candidate_blueprint, privacy_api.admin_blueprint]
    blueprints += [interviews_api.blueprint, scorecards_api.blueprint, notes_api.blueprint]
    blueprints += [pool_api.blueprint, pool_api.reports]
    app = create_service_app(bootstrap.SERVICE, dependencies.engine, blueprints, config, [outbox_gauges])
    app.extensions["cv_storage"] = dependencies.cv_storage
    app.extensions["candidate_links"] = dependencies.candidate_links
    app.extensions["retention"] = dependencies.retention
    app.extensions["candidate_keys"] = dependencies.candidate_keys
    app.extensions["broker_copies_lifetime"] = dependencies.broker_copies_lifetime
    app.extensions["rejection_reasons"] = dependencies.rejection_reasons
    return app
