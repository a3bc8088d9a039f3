"""The vacancy service's web app: `gunicorn 'vacancies.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from recruitment_shared.config import environment_with
from recruitment_shared.web import create_service_app
from recruitment_shared.web.metrics import outbox_gauges
from vacancies import api, bootstrap, consultant_api


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the service's bootstrap; `config` may override DATABASE_URL and Flask settings."""
    dependencies = bootstrap.build(environment_with(config))
    blueprints = [api.blueprint, consultant_api.blueprint]
    return create_service_app(bootstrap.SERVICE, dependencies.engine, blueprints, config, [outbox_gauges])
