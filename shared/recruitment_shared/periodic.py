"""Running a job now and then at an interval, as the expiry and digest processes do."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

RETRY_AFTER_FAILURE_SECONDS = 60.0


def run_periodically(
    job: Callable[[], object],
    stop: threading.Event,
    interval_seconds: float,
    what: str,
    retry_after_failure: float = RETRY_AFTER_FAILURE_SECONDS,
) -> None:
    """Run `job` now and then every `interval_seconds` until `stop` is set.

    A failed run (the database restarting, say) is tried again after `retry_after_failure`
    seconds rather than a whole interval later: a day, for the digests. The jobs are
    idempotent, so an extra run does no harm.
    """
    while not stop.is_set():
        try:
            job()
        except Exception:
            wait = min(interval_seconds, retry_after_failure)
            log.exception("%s failed; trying again in %.0f s", what, wait)
        else:
            wait = interval_seconds
        stop.wait(wait)
