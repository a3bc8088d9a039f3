"""`python -m vacancies migrate|relay|expire|load-demo`."""

import threading

from recruitment_shared.cli import dispatch
from recruitment_shared.correlation import configure_logging
from recruitment_shared.messaging.process import run_relay_process, run_worker_process
from recruitment_shared.migrations import upgrade
from vacancies.bootstrap import MIGRATIONS, SERVICE, Dependencies, build
from vacancies.db import outbox


def _expire(dependencies: Dependencies) -> None:
    from vacancies.scheduler import run_expiry

    def expire(stop: threading.Event) -> None:
        run_expiry(dependencies.engine, stop, dependencies.expiry_interval_seconds)

    run_worker_process(f"{SERVICE}-expiry", dependencies.engine, expire)


def _load_demo(dependencies: Dependencies) -> None:
    from vacancies.demo import load_demo_vacancies

    configure_logging(SERVICE)
    load_demo_vacancies(dependencies.engine)


def main() -> None:
    """Run the process named on the command line."""
    dependencies = build()
    dispatch(
        "vacancies",
        {
            "migrate": lambda: upgrade(MIGRATIONS, dependencies.settings.database_url),
            "relay": lambda: run_relay_process(dependencies.settings, dependencies.engine, outbox),
            "expire": lambda: _expire(dependencies),
            "load-demo": lambda: _load_demo(dependencies),
        },
    )


if __name__ == "__main__":
    main()
