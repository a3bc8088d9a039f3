"""The application service's web app: `gunicorn 'applications.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from applications import api, bootstrap, consultant_api
from applications.cv_files import MAX_CV_BYTES
from recruitment_shared.config import environment_with
from recruitment_shared.web import create_service_app
from recruitment_shared.web.metrics import outbox_gauges


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the service's bootstrap; `config` may override DATABASE_URL,
    CV_STORAGE_DIR, JWT_SECRET (from which the candidate-link key is derived when it is not set),
    the candidate-link settings and Flask settings. A bad candidate-link setting stops it here."""
    dependencies = bootstrap.build(environment_with(config))
    # A little above the CV limit, so an oversized upload is cut off before it is read whole.
    config = {"MAX_CONTENT_LENGTH": MAX_CV_BYTES + 256 * 1024} | dict(config or {})
    blueprints = [api.blueprint, api.candidate_blueprint, api.vacancy_blueprint, consultant_api.blueprint]
    app = create_service_app(bootstrap.SERVICE, dependencies.engine, blueprints, config, [outbox_gauges])
    app.extensions["cv_storage"] = dependencies.cv_storage
    app.extensions["candidate_links"] = dependencies.candidate_links
    return app
