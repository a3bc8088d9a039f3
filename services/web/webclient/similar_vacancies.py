"""The "vacancies that may also interest you" of each vacancy page, kept a few minutes per worker.

Asking the vacancy API for them costs it more than the vacancy itself: it scores every published
vacancy against this one (bench/web_pages.py measured the vacancy page at 0.2 x the API's
throughput while every view asked again). They change only when vacancies are published or
closed, and a list a few minutes old is fine beside the vacancy: one closed meanwhile opens the
site's "no longer online" page. The vacancy itself is always asked for afresh.

Only what the page shows of them is kept (reference, title, city), for a bounded number of
vacancies, the least recently shown forgotten first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from time import monotonic

KEPT_SECONDS = 300.0
MAX_VACANCIES = 2000  # about 1 MB of titles per worker at most
SHOWN_FIELDS = ("reference", "title", "city")

Similar = list[dict[str, str]]


class SimilarVacancies:
    """A bounded, expiring memory of each vacancy's similar vacancies; safe across threads."""

    def __init__(self, kept_seconds: float = KEPT_SECONDS, max_vacancies: int = MAX_VACANCIES) -> None:
        self.kept_seconds, self.max_vacancies = kept_seconds, max_vacancies
        self._kept: OrderedDict[str, tuple[float, Similar]] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, vacancy_id: str, ask: Callable[[], list[dict]]) -> Similar:
        """The similar vacancies of `vacancy_id`: kept ones while fresh, else `ask()`'s (then kept).

        What `ask` raises goes to the caller and nothing is kept, so a failure is asked again next time."""
        now = monotonic()
        with self._lock:
            kept = self._kept.get(vacancy_id)
            if kept and now - kept[0] < self.kept_seconds:
                self._kept.move_to_end(vacancy_id)
                return kept[1]
        similar = [{name: item.get(name) for name in SHOWN_FIELDS} for item in ask()]
        with self._lock:
            self._kept[vacancy_id] = (now, similar)
            self._kept.move_to_end(vacancy_id)
            while len(self._kept) > self.max_vacancies:
                self._kept.popitem(last=False)
        return similar
