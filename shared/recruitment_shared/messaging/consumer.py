"""The consumer loop: inbox-deduplicated handlers, offsets committed after the transaction,
retries, and a dead-letter topic for what keeps failing."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError, KafkaError
from kafka.structs import OffsetAndMetadata, TopicPartition
from sqlalchemy import Connection, Engine, Table
from sqlalchemy.exc import InterfaceError, OperationalError

from recruitment_shared.correlation import correlation_scope
from recruitment_shared.events.envelope import Event, InvalidEvent, from_message
from recruitment_shared.messaging.inbox import claim_event
from recruitment_shared.messaging.topics import dead_letter_topic
from recruitment_shared.messaging.worker_http import EVENTS, LAG

log = logging.getLogger(__name__)

MAX_PAUSE_SECONDS = 10.0  # the longest wait between two tries while Kafka or the database is away

Handler = Callable[[Connection, Event], None]


class Outcome(Enum):
    """What became of one message."""

    HANDLED = "handled"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"  # a valid event this consumer has no interest in
    DEAD_LETTERED = "dead-lettered"
    INTERRUPTED = "interrupted"  # asked to stop while retrying: not committed, comes again


@dataclass
class EventProcessor:
    """Handles one message at a time: the handler's effects and the inbox row commit together."""

    name: str
    engine: Engine
    inbox: Table
    handlers: Mapping[str, Handler]
    dead_letters: KafkaProducer
    max_attempts: int = 3
    retry_backoff_seconds: float = 0.2
    stop: threading.Event | None = None

    def process(self, record: ConsumerRecord) -> Outcome:
        """Handle `record`, retrying failures; after `max_attempts` it goes to the DLQ."""
        try:
            event = from_message(record.value, record.key)
        except InvalidEvent as exc:
            return self._dead_letter(record, exc, attempts=1)
        handler = self.handlers.get(event.type)
        if handler is None:
            return Outcome.IGNORED
        with correlation_scope(event.correlation_id):
            outcome = self._handle_with_retries(record, event, handler)
            # The subject (a vacancy or application id) lets ops find every line about one of them.
            log.info("%s %s about %s %s by %s", event.type, event.id, event.subject, outcome.value, self.name)
            return outcome

    def _handle_with_retries(self, record: ConsumerRecord, event: Event, handler: Handler) -> Outcome:
        stop = self.stop or threading.Event()  # without one, the waits are plain sleeps
        attempt, pause = 0, self.retry_backoff_seconds
        while True:
            try:
                return self._handle_once(event, handler)
            except (OperationalError, InterfaceError) as exc:
                # The database is away (restarting, failing over, or not migrated yet): that says
                # nothing about the event, so it is waited out and never counts as an attempt.
                log.warning("%s %s waits for the database: %s", event.type, event.id, exc.orig or exc)
                pause = min(pause * 2, MAX_PAUSE_SECONDS)
                wait = pause
            except Exception as exc:  # any handler failure rolls back and is retried
                attempt += 1
                log.warning("%s %s failed (attempt %d/%d): %s", event.type, event.id, attempt, self.max_attempts, exc)
                if attempt >= self.max_attempts:
                    return self._dead_letter(record, exc, attempts=attempt)
                wait = self.retry_backoff_seconds * attempt
            if stop.wait(wait):
                return Outcome.INTERRUPTED

    def _handle_once(self, event: Event, handler: Handler) -> Outcome:
        with self.engine.begin() as conn:
            if not claim_event(conn, self.inbox, self.name, event):
                return Outcome.DUPLICATE
            handler(conn, event)
        return Outcome.HANDLED

    def _dead_letter(self, record: ConsumerRecord, error: Exception, attempts: int) -> Outcome:
        headers = [
            *(record.headers or []),
            ("dlq.error", str(error)[:2000].encode()),
            ("dlq.error_type", type(error).__name__.encode()),
            ("dlq.attempts", str(attempts).encode()),
            ("dlq.consumer", self.name.encode()),
            ("dlq.original_topic", record.topic.encode()),
            ("dlq.original_partition", str(record.partition).encode()),
            ("dlq.original_offset", str(record.offset).encode()),
        ]
        topic = dead_letter_topic(record.topic)
        # Wait for the broker's ack: the offset is committed next, so this copy must exist first.
        self.dead_letters.send(topic, key=record.key, value=record.value, headers=headers).get(timeout=30)
        log.error("message %s/%d@%d sent to %s: %s", record.topic, record.partition, record.offset, topic, error)
        return Outcome.DEAD_LETTERED


def consume(consumer: KafkaConsumer, processor: EventProcessor, stop: threading.Event) -> None:
    """Poll and process until `stop` is set, committing each offset after its message is done.

    Kafka going away (a broker restart, a network cut) is waited out: the messages not done yet
    are fetched again when it is back, and the inbox absorbs those done but not yet committed.
    """
    pause = 0.5
    while not stop.is_set():
        try:
            if not _poll_and_process(consumer, processor, stop):
                return
            pause = 0.5
        except KafkaError as exc:
            if not (exc.retriable or isinstance(exc, CommitFailedError)):
                raise
            log.warning("%s: Kafka unavailable (%s); trying again in %.1fs", processor.name, exc, pause)
            stop.wait(pause)
            pause = min(pause * 2, MAX_PAUSE_SECONDS)


def _poll_and_process(consumer: KafkaConsumer, processor: EventProcessor, stop: threading.Event) -> bool:
    """Process one poll's messages; False when asked to stop part-way."""
    batches = consumer.poll(timeout_ms=500)
    # Where each partition must resume if Kafka fails part-way: poll has moved past the batch.
    resume = {partition: records[0].offset for partition, records in batches.items()}
    try:
        _measure_lag(consumer, processor.name, resume)  # a batch waiting (say, for the database) is lag
        for partition, records in batches.items():
            for record in records:
                outcome = processor.process(record)
                if outcome is Outcome.INTERRUPTED:
                    return False
                resume[partition] = record.offset + 1
                EVENTS.labels(processor.name, outcome.value).inc()
                _commit(consumer, partition, record.offset + 1)
                _report_lag(consumer, processor.name, partition, resume[partition])
                if stop.is_set():
                    return False
        _measure_lag(consumer, processor.name, resume)
    except KafkaError:
        assigned = consumer.assignment()
        for partition, offset in resume.items():
            if partition in assigned:
                consumer.seek(partition, offset)
        raise
    return True


def _measure_lag(consumer: KafkaConsumer, name: str, resume: Mapping[TopicPartition, int]) -> None:
    """Messages behind the end of each assigned partition, counted from the next one to handle."""
    for partition in consumer.assignment():
        _report_lag(consumer, name, partition, resume.get(partition))


def _report_lag(consumer: KafkaConsumer, name: str, partition: TopicPartition, next_offset: int | None) -> None:
    end = consumer.highwater(partition)
    if end is None:  # known once a fetch for the partition has come back
        return
    if next_offset is None:
        next_offset = consumer.position(partition)
    LAG.labels(name, partition.topic, str(partition.partition)).set(max(end - next_offset, 0))


def _commit(consumer: KafkaConsumer, partition: TopicPartition, next_offset: int) -> None:
    consumer.commit({partition: OffsetAndMetadata(next_offset, "", -1)})
