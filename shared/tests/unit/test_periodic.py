"""run_periodically: the interval after a success, a short retry after a failure."""

from __future__ import annotations

import threading

from recruitment_shared.periodic import run_periodically


class Clock(threading.Event):
    """A stop event that records each wait instead of sleeping, and stops after `runs` waits."""

    def __init__(self, runs: int) -> None:
        super().__init__()
        self.runs, self.waits = runs, []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        if len(self.waits) >= self.runs:
            self.set()
        return self.is_set()


def test_a_failed_run_is_retried_soon_and_a_good_one_waits_the_interval():
    outcomes = iter([RuntimeError("database restarting"), None, None])
    ran = []

    def job() -> None:
        ran.append(True)
        outcome = next(outcomes)
        if outcome:
            raise outcome

    clock = Clock(runs=3)
    run_periodically(job, clock, interval_seconds=86_400, what="digest run", retry_after_failure=60)

    assert len(ran) == 3
    assert clock.waits == [60, 86_400, 86_400]


def test_an_interval_shorter_than_the_retry_delay_is_kept_after_a_failure():
    clock = Clock(runs=1)
    run_periodically(lambda: 1 / 0, clock, interval_seconds=5, what="expiry pass", retry_after_failure=60)

    assert clock.waits == [5]
