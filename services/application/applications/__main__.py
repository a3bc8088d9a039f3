"""`python -m applications migrate|relay|consume-vacancies|rebuild-read-model|retention [--now ISO]`."""

import argparse
import sys
import threading
from collections.abc import Sequence
from datetime import datetime

from applications.bootstrap import MIGRATIONS, SERVICE, Dependencies, build
from applications.db import inbox, outbox
from applications.read_model import CONSUMER, VACANCY_EVENT_HANDLERS, rebuild_read_model
from recruitment_shared.cli import dispatch
from recruitment_shared.correlation import configure_logging
from recruitment_shared.events import VACANCIES
from recruitment_shared.messaging import TopicNames
from recruitment_shared.messaging.process import run_consumer_process, run_relay_process, run_worker_process
from recruitment_shared.migrations import upgrade

RETENTION = "retention"


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


def _retention(dependencies: Dependencies, options: Sequence[str]) -> None:
    from applications.retention import run_retention, run_retention_pass

    parser = argparse.ArgumentParser(prog=f"python -m applications {RETENTION}")
    parser.add_argument("--now", type=_aware, help="run one pass as if it were this moment (ISO 8601), then stop")
    now = parser.parse_args(options).now
    engine, storage = dependencies.engine, dependencies.cv_storage
    policy, lifetime = dependencies.retention, dependencies.broker_copies_lifetime
    if now is not None:
        configure_logging(f"{SERVICE}-retention")
        run_retention_pass(engine, storage, policy, lifetime, now)
        return

    def erase_due(stop: threading.Event) -> None:
        run_retention(engine, storage, policy, lifetime, stop, dependencies.retention_interval_seconds)

    run_worker_process(f"{SERVICE}-retention", engine, erase_due)


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2029-01-01T00:00:00+00:00")
    return moment


def main() -> None:
    """Run the process named on the command line."""
    dependencies = build()
    settings, engine = dependencies.settings, dependencies.engine
    # Only the retention job takes options; every other command is its name alone.
    argv = sys.argv[1:]
    options = argv[1:] if argv[:1] == [RETENTION] else []
    dispatch(
        "applications",
        {
            "migrate": lambda: upgrade(MIGRATIONS, settings.database_url),
            "relay": lambda: run_relay_process(settings, engine, outbox),
            "consume-vacancies": lambda: run_consumer_process(
                settings, engine, CONSUMER, [VACANCIES], inbox, VACANCY_EVENT_HANDLERS
            ),
            "rebuild-read-model": lambda: _rebuild(dependencies),
            "retention": lambda: _retention(dependencies, options),
        },
        argv[:1] if options else argv,
    )


if __name__ == "__main__":
    main()
