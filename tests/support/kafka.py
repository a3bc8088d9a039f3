"""Reading and writing test topics directly, the way an outside observer would."""

from __future__ import annotations

import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord


def read_topic(bootstrap: str, topic: str, at_least: int = 0, timeout: float = 30.0) -> list[ConsumerRecord]:
    """Every record of `topic` from the beginning, waiting until there are `at_least` of them.

    Reads until the end offsets seen after the wait, so a test can also assert that
    nothing more than expected arrived.
    """
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        if not partitions:
            raise AssertionError(f"topic {topic} does not exist")
        deadline = time.monotonic() + timeout
        while sum(consumer.end_offsets(partitions).values()) < at_least and time.monotonic() < deadline:
            time.sleep(0.1)
        ends = consumer.end_offsets(partitions)
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord] = []
        while any(consumer.position(tp) < ends[tp] for tp in partitions) and time.monotonic() < deadline + 10:
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        consumer.close()


def produce(bootstrap: str, topic: str, key: bytes | None, value: bytes, headers: list | None = None) -> None:
    """Put one raw message on `topic` and wait for the broker's ack."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    try:
        producer.send(topic, key=key, value=value, headers=headers or []).get(timeout=30)
    finally:
        producer.close()
