"""`python -m applications migrate|relay|consume-vacancies|rebuild-read-model`."""

from applications.bootstrap import MIGRATIONS, SERVICE, Dependencies, build
from applications.db import inbox, outbox
from applications.read_model import CONSUMER, VACANCY_EVENT_HANDLERS, rebuild_read_model
from recruitment_shared.cli import dispatch
from recruitment_shared.correlation import configure_logging
from recruitment_shared.events import VACANCIES
from recruitment_shared.messaging import TopicNames
from recruitment_shared.messaging.process import run_consumer_process, run_relay_process
from recruitment_shared.migrations import upgrade


def _rebuild(dependencies: Dependencies) -> None:
    configure_logging(SERVICE)
    settings = dependencies.settings
    topics = TopicNames(settings.topic_prefix)
    rebuild_read_model(
        dependencies.engine,
        settings.kafka_bootstrap_servers,
        topics.physical(CONSUMER),
        [topics.physical(VACANCIES)],
        settings.kafka_security,
    )


def main() -> None:
    """Run the process named on the command line."""
    dependencies = build()
    settings, engine = dependencies.settings, dependencies.engine
    dispatch(
        "applications",
        {
            "migrate": lambda: upgrade(MIGRATIONS, settings.database_url),
            "relay": lambda: run_relay_process(settings, engine, outbox),
            "consume-vacancies": lambda: run_consumer_process(
                settings, engine, CONSUMER, [VACANCIES], inbox, VACANCY_EVENT_HANDLERS
            ),
            "rebuild-read-model": lambda: _rebuild(dependencies),
        },
    )


if __name__ == "__main__":
    main()
