"""Kafka producers and consumers, configured for the delivery guarantees of docs/architecture.md.

Only relays and consumers create these, each in its own process: web workers never do.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaConnectionError, KafkaTimeoutError
from kafka.structs import OffsetAndMetadata

log = logging.getLogger(__name__)
T = TypeVar("T")


def make_producer(bootstrap_servers: str, client_id: str) -> KafkaProducer:
    """An idempotent producer that waits for all in-sync replicas: no loss, no duplicates from retries."""
    return KafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        max_block_ms=30_000,
    )


def make_consumer(bootstrap_servers: str, group_id: str, topics: list[str]) -> KafkaConsumer:
    """A group consumer that commits offsets only when told to, after the handler's transaction."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=group_id,
        client_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",  # a new group (a new read model) starts from the first event
        max_poll_records=50,
        # A consumer that dies hands its partitions over within ~10 s instead of the default 45 s.
        session_timeout_ms=10_000,
        heartbeat_interval_ms=3_000,
    )
    # Learn the topics' partitions before joining the group: a group leader without that
    # metadata assigns nothing and the consumer would sit idle until the next rebalance.
    for topic in topics:
        consumer.partitions_for_topic(topic)
    consumer.subscribe(topics)
    return consumer


def connect_with_retry(factory: Callable[[], T], stop: threading.Event, what: str) -> T | None:
    """Build a Kafka client, waiting for the broker to come up; None if asked to stop first."""
    delay = 0.5
    while not stop.is_set():
        try:
            return factory()
        except (KafkaTimeoutError, KafkaConnectionError) as exc:
            log.warning("%s: Kafka not reachable (%s); retrying in %.1fs", what, exc, delay)
            stop.wait(delay)
            delay = min(delay * 2, 10.0)
    return None


def rewind_consumer_group(bootstrap_servers: str, group_id: str, topics: list[str]) -> None:
    """Move a (stopped) consumer group back to the first message of each partition of `topics`."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap_servers, group_id=group_id, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or [])]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        consumer.commit({tp: OffsetAndMetadata(consumer.position(tp), "", -1) for tp in partitions})
    finally:
        consumer.close(autocommit=False)
