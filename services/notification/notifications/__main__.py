"""`python -m notifications migrate|consume|send-emails|send-digests|digests|retention [--now ISO]`."""

import argparse
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime

from notifications.bootstrap import CONSUMER, MIGRATIONS, SERVICE, Dependencies, build
from notifications.db import inbox
from notifications.handlers import event_handlers
from notifications.sender import EmailSender
from recruitment_shared.cli import dispatch
from recruitment_shared.correlation import configure_logging
from recruitment_shared.events import APPLICATIONS, VACANCIES
from recruitment_shared.messaging.process import run_consumer_process, run_worker_process
from recruitment_shared.migrations import upgrade

RETENTION = "retention"


def _send_emails(dependencies: Dependencies) -> None:
    def deliver(stop: threading.Event) -> None:
        sender = EmailSender(dependencies.engine, dependencies.smtp, dependencies.personal_links)
        sender.run(stop, dependencies.sender_poll_seconds)

    # Ready means the queue is reachable; an SMTP outage is the sender's to retry, not a restart.
    run_worker_process(f"{SERVICE}-sender", dependencies.engine, deliver)


def _digests(dependencies: Dependencies, once: bool) -> None:
    from notifications.digests import run_digests, send_digests

    engine = dependencies.engine
    if once:
        configure_logging(f"{SERVICE}-digests")
        send_digests(engine, datetime.now(UTC).date())
        return

    def send_daily(stop: threading.Event) -> None:
        run_digests(engine, stop, dependencies.digest_interval_seconds)

    run_worker_process(f"{SERVICE}-digests", engine, send_daily)


def _retention(dependencies: Dependencies, options: Sequence[str]) -> None:
    from notifications.retention import run_retention, run_retention_pass

    parser = argparse.ArgumentParser(prog=f"python -m notifications {RETENTION}")
    parser.add_argument("--now", type=_aware, help="run one pass as if it were this moment (ISO 8601), then stop")
    now = parser.parse_args(options).now
    engine, policy = dependencies.engine, dependencies.privacy
    if now is not None:  # tests move the clock this way
        configure_logging(f"{SERVICE}-retention")
        run_retention_pass(engine, policy, now)
        return

    def remove_due(stop: threading.Event) -> None:
        run_retention(engine, policy, stop, dependencies.retention_interval_seconds)

    run_worker_process(f"{SERVICE}-retention", engine, remove_due)


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2029-01-01T00:00:00+00:00")
    return moment


def _consume(dependencies: Dependencies) -> None:
    handlers = event_handlers(
        dependencies.links, dependencies.email_cooldown, dependencies.privacy, dependencies.consultant_language
    )
    topics = [APPLICATIONS, VACANCIES]
    run_consumer_process(dependencies.settings, dependencies.engine, CONSUMER, topics, inbox, handlers)


def main() -> None:
    """Run the process named on the command line."""
    dependencies = build()
    # Only the retention job takes options; every other command is its name alone.
    argv = sys.argv[1:]
    options = argv[1:] if argv[:1] == [RETENTION] else []
    dispatch(
        "notifications",
        {
            "migrate": lambda: upgrade(MIGRATIONS, dependencies.settings.database_url),
            "consume": lambda: _consume(dependencies),
            "send-emails": lambda: _send_emails(dependencies),
            "send-digests": lambda: _digests(dependencies, once=True),
            "digests": lambda: _digests(dependencies, once=False),
            "retention": lambda: _retention(dependencies, options),
        },
        argv[:1] if options else argv,
    )


if __name__ == "__main__":
    main()
