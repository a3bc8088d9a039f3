"""The outbox relay: publishes recorded events to Kafka, then marks them published."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kafka import KafkaProducer
from sqlalchemy import Engine, Table

from recruitment_shared.correlation import correlation_scope
from recruitment_shared.events.envelope import CONTENT_TYPE_HEADER
from recruitment_shared.messaging.outbox import claim_pending, mark_published, prune_published
from recruitment_shared.messaging.topics import TopicNames
from recruitment_shared.messaging.worker_http import PUBLISHED

log = logging.getLogger(__name__)


def _correlation_id(payload: bytes) -> str | None:
    try:
        return json.loads(bytes(payload)).get("correlationid")
    except ValueError:
        return None


@dataclass
class OutboxRelay:
    """Moves outbox rows to Kafka. A crash between send and mark only causes a re-send,
    which consumers absorb through their inbox: nothing is ever lost."""

    engine: Engine
    outbox: Table
    producer: KafkaProducer
    topics: TopicNames
    batch_size: int = 200
    send_timeout_seconds: float = 30.0
    # Published rows are kept this long (for tracing what went out), then deleted: as long as
    # Kafka's default retention, after which the topic no longer holds them either.
    retention: timedelta = timedelta(days=7)
    prune_every_seconds: float = 600.0
    _last_prune: float = field(default=float("-inf"), init=False, repr=False)

    def publish_pending(self) -> int:
        """Publish one batch of pending events; returns how many were published."""
        with self.engine.begin() as conn:
            rows = claim_pending(conn, self.outbox, self.batch_size)
            if not rows:
                return 0
            sends = [
                self.producer.send(
                    self.topics.physical(row.topic),
                    key=row.message_key.encode(),
                    value=bytes(row.payload),
                    headers=[CONTENT_TYPE_HEADER],
                )
                for row in rows
            ]
            self.producer.flush(timeout=self.send_timeout_seconds)
            for sent in sends:
                sent.get(timeout=self.send_timeout_seconds)  # raises: the rows stay pending
            mark_published(conn, self.outbox, [row.id for row in rows])
        PUBLISHED.labels(self.outbox.name).inc(len(rows))
        for row in rows:  # one line per event, under the correlation id it carries
            with correlation_scope(_correlation_id(row.payload)):
                log.info("published %s %s about %s to %s", row.event_type, row.event_id, row.message_key, row.topic)
        return len(rows)

    def prune(self) -> int:
        """Delete published rows older than the retention; returns how many."""
        pruned = 0
        cutoff = datetime.now(UTC) - self.retention
        while True:
            with self.engine.begin() as conn:
                deleted = prune_published(conn, self.outbox, cutoff)
            pruned += deleted
            if deleted == 0:
                break
        if pruned:
            log.info("pruned %d published event(s) older than %s", pruned, cutoff.isoformat())
        return pruned

    def run(self, stop: threading.Event, poll_seconds: float = 0.5) -> None:
        """Publish until `stop` is set; an empty outbox is polled every `poll_seconds`."""
        while not stop.is_set():
            self._prune_now_and_then()
            try:
                published = self.publish_pending()
            except Exception:
                log.exception("publishing failed; the events stay in the outbox and are retried")
                stop.wait(min(poll_seconds * 4, 5.0))
                continue
            if published < self.batch_size:
                stop.wait(poll_seconds)

    def _prune_now_and_then(self) -> None:
        if time.monotonic() - self._last_prune < self.prune_every_seconds:
            return
        self._last_prune = time.monotonic()
        try:
            self.prune()
        except Exception:  # pruning is housekeeping: publishing must go on regardless
            log.exception("pruning the outbox failed; trying again later")
