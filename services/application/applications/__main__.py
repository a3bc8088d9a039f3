"""`python -m applications migrate|relay|consume-vacancies|rebuild-read-model`."""

from pathlib import Path

from applications.app import SERVICE
from applications.db import inbox, outbox
from applications.handlers import VACANCY_EVENT_HANDLERS
from applications.read_model import CONSUMER, rebuild_read_model
from recruitment_shared.cli import dispatch
from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.db import make_engine
from recruitment_shared.events import VACANCIES
from recruitment_shared.messaging import TopicNames
from recruitment_shared.messaging.process import run_consumer_process, run_relay_process
from recruitment_shared.migrations import upgrade


def _rebuild(settings: ServiceSettings) -> None:
    configure_logging(SERVICE)
    topics = TopicNames(settings.topic_prefix)
    engine = make_engine(settings.database_url)
    rebuild_read_model(
        engine, settings.kafka_bootstrap_servers, topics.physical(CONSUMER), [topics.physical(VACANCIES)]
    )


def main() -> None:
    """Run the process named on the command line."""
    settings = ServiceSettings.from_env(SERVICE)
    dispatch(
        "applications",
        {
            "migrate": lambda: upgrade(Path(__file__).parent / "migrations", settings.database_url),
            "relay": lambda: run_relay_process(settings, outbox),
            "consume-vacancies": lambda: run_consumer_process(
                settings, CONSUMER, [VACANCIES], inbox, VACANCY_EVENT_HANDLERS
            ),
            "rebuild-read-model": lambda: _rebuild(settings),
        },
    )


if __name__ == "__main__":
    main()
