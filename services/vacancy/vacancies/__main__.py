"""`python -m vacancies migrate|relay|expire|load-demo`."""

import os
from pathlib import Path

from recruitment_shared.cli import dispatch
from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.db import make_engine
from recruitment_shared.messaging.process import run_relay_process, stop_on_signals
from recruitment_shared.messaging.worker_http import serve_worker_endpoints
from recruitment_shared.migrations import upgrade
from vacancies.app import SERVICE
from vacancies.db import outbox


def _expire(settings: ServiceSettings) -> None:
    from vacancies.scheduler import run_expiry

    configure_logging(f"{SERVICE}-expiry")
    interval = float(os.environ.get("EXPIRY_INTERVAL_SECONDS", "3600"))
    engine, stop = make_engine(settings.database_url), stop_on_signals()
    serve_worker_endpoints(engine, None, stop)
    run_expiry(engine, stop, interval)


def _load_demo(settings: ServiceSettings) -> None:
    from vacancies.demo import load_demo_vacancies

    configure_logging(SERVICE)
    load_demo_vacancies(make_engine(settings.database_url))


def main() -> None:
    """Run the process named on the command line."""
    settings = ServiceSettings.from_env(SERVICE)
    dispatch(
        "vacancies",
        {
            "migrate": lambda: upgrade(Path(__file__).parent / "migrations", settings.database_url),
            "relay": lambda: run_relay_process(settings, outbox),
            "expire": lambda: _expire(settings),
            "load-demo": lambda: _load_demo(settings),
        },
    )


if __name__ == "__main__":
    main()
