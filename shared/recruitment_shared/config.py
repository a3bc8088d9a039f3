"""Configuration read from environment variables, with safe local defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def environment_with(config: Mapping[str, Any] | None, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment as a web app built with `config` sees it: text settings in `config` that
    name an environment variable (tests pass DATABASE_URL, JWT_SECRET, CV_STORAGE_DIR) win."""
    overrides = {key: value for key, value in (config or {}).items() if isinstance(value, str) and key.isupper()}
    return {**environ, **overrides}


def var_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where local runs keep their state (SQLite files, mail, Kafka data)."""
    return Path(environ.get("RECRUITMENT_VAR", "var")).resolve()


@dataclass(frozen=True)
class ServiceSettings:
    """What every process of a service needs to find its database and Kafka."""

    service: str
    database_url: str
    kafka_bootstrap_servers: str
    topic_prefix: str = ""
    relay_poll_seconds: float = 0.5
    consumer_max_attempts: int = 3
    outbox_retention_hours: float = 168.0

    @classmethod
    def from_env(cls, service: str, environ: Mapping[str, str] = os.environ) -> ServiceSettings:
        """Read the settings of `service`; SQLite under var/ and Kafka on loopback by default."""
        default_db = f"sqlite:///{var_dir(environ) / f'{service}.sqlite3'}"
        return cls(
            service=service,
            database_url=environ.get("DATABASE_URL", default_db),
            kafka_bootstrap_servers=environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
            topic_prefix=environ.get("KAFKA_TOPIC_PREFIX", ""),
            relay_poll_seconds=float(environ.get("RELAY_POLL_SECONDS", "0.5")),
            consumer_max_attempts=int(environ.get("CONSUMER_MAX_ATTEMPTS", "3")),
            outbox_retention_hours=float(environ.get("OUTBOX_RETENTION_HOURS", "168")),
        )
