"""Reading and writing test topics directly, the way an outside observer would."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from tests.support.infrastructure import LOCAL
from tests.support.network import free_port


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


@dataclass(frozen=True)
class SecureBroker:
    """A broker with a SASL_SSL listener: what a client must set to reach it, and the broker's log."""

    client_env: dict[str, str]
    log: Path

    @property
    def bootstrap(self) -> str:
        """Its bootstrap address."""
        return self.client_env["KAFKA_BOOTSTRAP_SERVERS"]


@contextmanager
def secure_broker(directory: Path) -> Iterator[SecureBroker]:
    """deploy/local/kafka.sh with KAFKA_LISTENER_SECURITY=SASL_SSL on free loopback ports, its CA,
    credentials and data in `directory`; stopped afterwards."""
    env = os.environ | {
        "KAFKA_PORT": str(free_port()),
        "KAFKA_CONTROLLER_PORT": str(free_port()),
        "RECRUITMENT_VAR": str(directory),
        "KAFKA_LISTENER_SECURITY": "SASL_SSL",
    }

    def kafka(command: str) -> str:
        done = subprocess.run(
            ["bash", str(LOCAL / "kafka.sh"), command], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"kafka.sh {command}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    kafka("start")
    try:
        settings = dict(line.split("=", 1) for line in kafka("client-env").splitlines() if "=" in line)
        yield SecureBroker(settings, directory / "kafka" / "kafka.log")
    finally:
        kafka("stop")
