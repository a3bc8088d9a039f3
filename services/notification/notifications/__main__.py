"""`python -m notifications migrate|consume|send-emails|send-digests|digests`."""

import os
from datetime import UTC, datetime
from pathlib import Path

from notifications.app import SERVICE
from notifications.db import inbox
from notifications.handlers import event_handlers
from notifications.links import Links
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.cli import dispatch
from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.db import make_engine
from recruitment_shared.events import APPLICATIONS, VACANCIES
from recruitment_shared.messaging.process import run_consumer_process, stop_on_signals
from recruitment_shared.messaging.worker_http import serve_worker_endpoints
from recruitment_shared.migrations import upgrade

CONSUMER = "notification-events"


def send_emails(settings: ServiceSettings) -> None:
    """Main of the email sender process."""
    configure_logging(f"{SERVICE}-sender")
    stop, engine = stop_on_signals(), make_engine(settings.database_url)
    poll_seconds = float(os.environ.get("SENDER_POLL_SECONDS", "0.1"))  # how soon a new email is noticed
    # Ready means the queue is reachable; an SMTP outage is the sender's to retry, not a restart.
    serve_worker_endpoints(engine, None, stop)
    EmailSender(engine, SmtpSettings.from_env()).run(stop, poll_seconds)


def _digests(settings: ServiceSettings, once: bool) -> None:
    from notifications.digests import run_digests, send_digests

    configure_logging(f"{SERVICE}-digests")
    engine, links = make_engine(settings.database_url), Links.from_env()
    if once:
        send_digests(engine, links, datetime.now(UTC).date())
    else:
        stop = stop_on_signals()
        serve_worker_endpoints(engine, None, stop)
        run_digests(engine, links, stop, float(os.environ.get("DIGEST_INTERVAL_SECONDS", "86400")))


def main() -> None:
    """Run the process named on the command line."""
    settings = ServiceSettings.from_env(SERVICE)
    consume = lambda: run_consumer_process(  # noqa: E731
        settings, CONSUMER, [APPLICATIONS, VACANCIES], inbox, event_handlers(Links.from_env())
    )
    dispatch(
        "notifications",
        {
            "migrate": lambda: upgrade(Path(__file__).parent / "migrations", settings.database_url),
            "consume": consume,
            "send-emails": lambda: send_emails(settings),
            "send-digests": lambda: _digests(settings, once=True),
            "digests": lambda: _digests(settings, once=False),
        },
    )


if __name__ == "__main__":
    main()
