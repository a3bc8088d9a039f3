"""The vacancy service's web app: `gunicorn 'vacancies.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.db import make_engine
from recruitment_shared.web import create_service_app

from vacancies.api import blueprint

SERVICE = "vacancy"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; `config` may set DATABASE_URL (otherwise the environment decides)."""
    config = dict(config or {})
    settings = ServiceSettings.from_env(SERVICE)
    configure_logging(SERVICE)
    engine = make_engine(config.pop("DATABASE_URL", settings.database_url))
    return create_service_app(SERVICE, engine, [blueprint], config)
