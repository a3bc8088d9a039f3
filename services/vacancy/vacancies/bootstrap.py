"""The vacancy service's one wiring place: its web app and each of its processes are built from
`build()`. Nothing is created at import time, and nothing here imports Flask."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from recruitment_shared.config import ServiceSettings
from recruitment_shared.db import make_engine

SERVICE = "vacancy"
MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Dependencies:
    """What the vacancy service's use cases, web app and processes are given."""

    settings: ServiceSettings
    engine: Engine
    expiry_interval_seconds: float


def build(environ: Mapping[str, str] = os.environ) -> Dependencies:
    """The service's parts, configured by `environ` (safe local defaults: SQLite under var/)."""
    settings = ServiceSettings.from_env(SERVICE, environ)
    return Dependencies(
        settings=settings,
        engine=make_engine(settings.database_url),
        expiry_interval_seconds=float(environ.get("EXPIRY_INTERVAL_SECONDS", "3600")),
    )
