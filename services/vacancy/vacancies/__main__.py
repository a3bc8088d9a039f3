"""`python -m vacancies migrate|relay`."""

from pathlib import Path

from recruitment_shared.cli import dispatch
from recruitment_shared.config import ServiceSettings
from recruitment_shared.messaging.process import run_relay_process
from recruitment_shared.migrations import upgrade
from vacancies.app import SERVICE
from vacancies.db import outbox


def main() -> None:
    """Run the process named on the command line."""
    settings = ServiceSettings.from_env(SERVICE)
    dispatch(
        "vacancies",
        {
            "migrate": lambda: upgrade(Path(__file__).parent / "migrations", settings.database_url),
            "relay": lambda: run_relay_process(settings, outbox),
        },
    )


if __name__ == "__main__":
    main()
