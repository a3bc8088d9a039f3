"""The application service's web app: `gunicorn 'applications.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from applications.api import blueprint, vacancy_blueprint
from recruitment_shared.web import create_service_app

SERVICE = "application"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; nothing happens at import time."""
    return create_service_app(SERVICE, [blueprint, vacancy_blueprint], config)
