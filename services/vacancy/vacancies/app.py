"""The vacancy service's web app: `gunicorn 'vacancies.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from recruitment_shared.web import create_service_app
from recruitment_shared.web.metrics import outbox_gauges
from vacancies import api, consultant_api

SERVICE = "vacancy"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; nothing happens at import time."""
    return create_service_app(SERVICE, [api.blueprint, consultant_api.blueprint], config, [outbox_gauges])
