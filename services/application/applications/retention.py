"""The retention job: erases applications kept as long as their retention allows
(`retention_policy.py`), the same way a candidate's erasure does (CandidateErased per application,
without the address's keyed hash: the candidate's job alerts are a consent of their own and stay).

Each pass also removes what an erasure could not: events of erased applications that were still
waiting for the relay at the time, and CV files no application refers to (a crash between an
erasure's commit and the file's deletion). `python -m applications retention` runs it every
RETENTION_INTERVAL_SECONDS; `--now` runs one pass as if it were that moment.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from applications import erasure_store
from applications.cv_files import CvStorage
from applications.erasure import RETENTION, delete_cv_files, erase_applications
from applications.retention_policy import RetentionPolicy
from recruitment_shared.periodic import run_periodically

log = logging.getLogger(__name__)

BATCH = 200  # applications per transaction: locks stay short, a large backlog goes in steps
ORPHAN_AGE = timedelta(hours=1)  # far longer than a submission takes between storing its file and its row


@dataclass(frozen=True)
class RetentionPass:
    """What one pass did."""

    applications_erased: int
    events_removed: int
    orphan_cvs_removed: int


def run_retention_pass(
    engine: Engine, storage: CvStorage, policy: RetentionPolicy, broker_lifetime: timedelta, now: datetime
) -> RetentionPass:
    """Erase what is due at `now`, then clean up after earlier erasures."""
    erased = 0
    while True:
        with engine.begin() as conn:
            due = erasure_store.due_for_erasure(conn, policy.cutoffs(now), BATCH)
            erasure = erase_applications(conn, due, RETENTION, None, now, broker_lifetime)
        delete_cv_files(storage, erasure.cv_keys)
        erased += len(due)
        if len(due) < BATCH:
            break
    with engine.begin() as conn:
        events_removed = erasure_store.delete_published_events_of_erased(conn)
    done = RetentionPass(erased, events_removed, _remove_orphan_cvs(engine, storage, now - ORPHAN_AGE))
    log.info("retention pass: %s", done)
    return done


def _remove_orphan_cvs(engine: Engine, storage: CvStorage, stored_before: datetime) -> int:
    # Files first, then the references: a file stored after the listing is not in it, whatever happens.
    stored = storage.keys(stored_before)
    with engine.connect() as conn:
        orphans = set(stored) - erasure_store.referenced_cv_keys(conn)
    delete_cv_files(storage, sorted(orphans))
    return len(orphans)


def run_retention(
    engine: Engine,
    storage: CvStorage,
    policy: RetentionPolicy,
    broker_lifetime: timedelta,
    stop: threading.Event,
    interval_seconds: float,
) -> None:
    """Run a pass now and then every `interval_seconds` until `stop` is set."""

    def one_pass() -> RetentionPass:
        return run_retention_pass(engine, storage, policy, broker_lifetime, datetime.now(UTC))

    run_periodically(one_pass, stop, interval_seconds, "retention pass")
