"""What-if of `bench/notification_pipeline.py`: the notification service's own email sender
(`notifications.sender.EmailSender`, as `python -m notifications send-emails` runs it), but
looking at the queue every SENDER_POLL_SECONDS (default 0.05) when idle instead of every second.

The service has no setting for this interval; this helper only passes a different `poll_seconds`
to `EmailSender.run`, so that the benchmark can show what a shorter idle poll would change.
"""

from __future__ import annotations

import os

from notifications.app import SERVICE
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.db import make_engine
from recruitment_shared.messaging.process import stop_on_signals


def main() -> None:
    settings = ServiceSettings.from_env(SERVICE)
    configure_logging(f"{SERVICE}-sender")
    stop = stop_on_signals()
    poll_seconds = float(os.environ.get("SENDER_POLL_SECONDS", "0.05"))
    EmailSender(make_engine(settings.database_url), SmtpSettings.from_env()).run(stop, poll_seconds)


if __name__ == "__main__":
    main()
