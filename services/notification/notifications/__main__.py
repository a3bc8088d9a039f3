"""`python -m notifications migrate|consume-applications|send-emails`."""

from pathlib import Path

from notifications.app import SERVICE
from notifications.db import inbox
from notifications.handlers import APPLICATION_EVENT_HANDLERS
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.cli import dispatch
from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.db import make_engine
from recruitment_shared.events import APPLICATIONS
from recruitment_shared.messaging.process import run_consumer_process, stop_on_signals
from recruitment_shared.migrations import upgrade


def send_emails(settings: ServiceSettings) -> None:
    """Main of the email sender process."""
    configure_logging(f"{SERVICE}-sender")
    stop = stop_on_signals()
    EmailSender(make_engine(settings.database_url), SmtpSettings.from_env()).run(stop)


def main() -> None:
    """Run the process named on the command line."""
    settings = ServiceSettings.from_env(SERVICE)
    dispatch(
        "notifications",
        {
            "migrate": lambda: upgrade(Path(__file__).parent / "migrations", settings.database_url),
            "consume-applications": lambda: run_consumer_process(
                settings, "notification-applications", [APPLICATIONS], inbox, APPLICATION_EVENT_HANDLERS
            ),
            "send-emails": lambda: send_emails(settings),
        },
    )


if __name__ == "__main__":
    main()
