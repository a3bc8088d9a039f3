"""The notification service's web app: `gunicorn 'notifications.app:create_app()'`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from notifications import alerts_api, ops_api
from notifications.links import Links
from notifications.metrics import email_gauges
from recruitment_shared.web import create_service_app

SERVICE = "notification"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; nothing happens at import time. Alert links are signed with JWT_SECRET."""
    app = create_service_app(SERVICE, [ops_api.blueprint, alerts_api.blueprint], config, [email_gauges])
    app.extensions["links"] = Links.from_env(os.environ | {"JWT_SECRET": app.config["JWT_SECRET"]})
    return app
