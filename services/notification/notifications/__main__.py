"""`python -m notifications migrate|consume|send-emails|send-digests|digests`."""

import threading
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


def _consume(dependencies: Dependencies) -> None:
    handlers = event_handlers(dependencies.links, dependencies.email_cooldown)
    topics = [APPLICATIONS, VACANCIES]
    run_consumer_process(dependencies.settings, dependencies.engine, CONSUMER, topics, inbox, handlers)


def main() -> None:
    """Run the process named on the command line."""
    dependencies = build()
    dispatch(
        "notifications",
        {
            "migrate": lambda: upgrade(MIGRATIONS, dependencies.settings.database_url),
            "consume": lambda: _consume(dependencies),
            "send-emails": lambda: _send_emails(dependencies),
            "send-digests": lambda: _digests(dependencies, once=True),
            "digests": lambda: _digests(dependencies, once=False),
        },
    )


if __name__ == "__main__":
    main()
