"""The application service's web app: `gunicorn 'applications.app:create_app()'`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from applications import api, consultant_api
from applications.cv_files import MAX_CV_BYTES, LocalCvStorage
from recruitment_shared.config import var_dir
from recruitment_shared.web import create_service_app
from recruitment_shared.web.metrics import outbox_gauges

SERVICE = "application"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; nothing happens at import time. CV_STORAGE_DIR chooses the CV folder."""
    config = dict(config or {})
    cv_dir = Path(config.pop("CV_STORAGE_DIR", None) or os.environ.get("CV_STORAGE_DIR") or var_dir() / "cvs")
    # A little above the CV limit, so an oversized upload is cut off before it is read whole.
    config.setdefault("MAX_CONTENT_LENGTH", MAX_CV_BYTES + 256 * 1024)
    blueprints = [api.blueprint, api.candidate_blueprint, api.vacancy_blueprint, consultant_api.blueprint]
    app = create_service_app(SERVICE, blueprints, config, [outbox_gauges])
    app.extensions["cv_storage"] = LocalCvStorage(cv_dir)
    return app
