"""The scheduled job that closes vacancies whose end or closing date has passed."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from sqlalchemy import Engine

from recruitment_shared.periodic import run_periodically
from vacancies.handlers import expire_vacancies

log = logging.getLogger(__name__)


def expire_due(engine: Engine) -> int:
    """One pass: close what is due, in one transaction; returns how many were closed."""
    with engine.begin() as conn:
        expired = expire_vacancies(conn, datetime.now(UTC))
    for vacancy in expired:
        log.info("vacancy %s expired", vacancy.reference)
    return len(expired)


def run_expiry(engine: Engine, stop: threading.Event, interval_seconds: float) -> None:
    """Run a pass now and then every `interval_seconds` until `stop` is set."""
    run_periodically(lambda: expire_due(engine), stop, interval_seconds, "expiry pass")
