"""`python -m applications migrate|relay|consume-vacancies`."""

from pathlib import Path

from applications.app import SERVICE
from applications.db import inbox, outbox
from applications.handlers import VACANCY_EVENT_HANDLERS
from recruitment_shared.cli import dispatch
from recruitment_shared.config import ServiceSettings
from recruitment_shared.events import VACANCIES
from recruitment_shared.messaging.process import run_consumer_process, run_relay_process
from recruitment_shared.migrations import upgrade


def main() -> None:
    """Run the process named on the command line."""
    settings = ServiceSettings.from_env(SERVICE)
    dispatch(
        "applications",
        {
            "migrate": lambda: upgrade(Path(__file__).parent / "migrations", settings.database_url),
            "relay": lambda: run_relay_process(settings, outbox),
            "consume-vacancies": lambda: run_consumer_process(
                settings, "application-vacancies", [VACANCIES], inbox, VACANCY_EVENT_HANDLERS
            ),
        },
    )


if __name__ == "__main__":
    main()
