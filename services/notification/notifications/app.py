"""The notification service's web app: `gunicorn 'notifications.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from notifications import alerts_api, bootstrap, candidate_api, ops_api
from notifications.metrics import email_gauges
from recruitment_shared.config import environment_with
from recruitment_shared.web import create_service_app


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the service's bootstrap; `config` may override DATABASE_URL, JWT_SECRET
    (from which the link keys and the candidate key are derived when they are not set) and Flask settings."""
    dependencies = bootstrap.build(environment_with(config))
    blueprints = [ops_api.blueprint, alerts_api.blueprint, candidate_api.blueprint]
    app = create_service_app(bootstrap.SERVICE, dependencies.engine, blueprints, config, [email_gauges])
    app.extensions["links"] = dependencies.links
    app.extensions["email_cooldown"] = dependencies.email_cooldown
    app.extensions["privacy"] = dependencies.privacy  # the key of subscribers' addresses
    app.extensions["personal_links"] = dependencies.personal_links  # checks candidates' links (export)
    return app
