"""The outbox relay: publishes recorded events to Kafka, then marks them published."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass

from kafka import KafkaProducer
from sqlalchemy import Engine, Table

from recruitment_shared.correlation import correlation_scope
from recruitment_shared.events.envelope import CONTENT_TYPE_HEADER
from recruitment_shared.messaging.outbox import claim_pending, mark_published
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
                log.info("published %s %s to %s", row.event_type, row.event_id, row.topic)
        return len(rows)

    def run(self, stop: threading.Event, poll_seconds: float = 0.5) -> None:
        """Publish until `stop` is set; an empty outbox is polled every `poll_seconds`."""
        while not stop.is_set():
            try:
                published = self.publish_pending()
            except Exception:
                log.exception("publishing failed; the events stay in the outbox and are retried")
                stop.wait(min(poll_seconds * 4, 5.0))
                continue
            if published < self.batch_size:
                stop.wait(poll_seconds)
