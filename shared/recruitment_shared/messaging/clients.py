"""Kafka producers and consumers, configured for the delivery guarantees of docs/architecture.md.

Only relays and consumers create these, each in its own process: web workers never do. Every
client gets the same `KafkaSecurity` (TLS and SASL settings, read once by `ServiceSettings`).
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaConnectionError, KafkaTimeoutError
from kafka.structs import OffsetAndMetadata

from recruitment_shared.config import KafkaSecurity

log = logging.getLogger(__name__)
T = TypeVar("T")
PLAINTEXT = KafkaSecurity()


def _not_admin_configuration(record: logging.LogRecord) -> bool:
    # kafka-python logs an admin client's whole configuration at DEBUG, SASL password included.
    return not str(record.msg).startswith("Starting KafkaAdminClient with configuration")


logging.getLogger("kafka.admin.client").addFilter(_not_admin_configuration)


def tls_context(security: KafkaSecurity) -> ssl.SSLContext:
    """TLS that verifies the broker's certificate chain and its name (the bootstrap host), against
    KAFKA_SSL_CAFILE when set, else the system's CAs; with a client certificate when configured."""
    context = ssl.create_default_context(cafile=security.ssl_cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if security.ssl_certfile:
        context.load_cert_chain(security.ssl_certfile, security.ssl_keyfile)
    return context


def security_options(security: KafkaSecurity) -> dict[str, Any]:
    """The kafka-python options that carry `security`, the same for producers, consumers and admins."""
    options: dict[str, Any] = {"security_protocol": security.protocol}
    if security.uses_tls:
        # Our own context rather than kafka-python's ssl_* options: one place decides the checks.
        options["ssl_context"] = tls_context(security)
    if security.uses_sasl:
        options["sasl_mechanism"] = security.sasl_mechanism
        options["sasl_plain_username"] = security.sasl_username  # used by SCRAM too
        options["sasl_plain_password"] = security.sasl_password
    return options


def make_producer(bootstrap_servers: str, client_id: str, security: KafkaSecurity = PLAINTEXT) -> KafkaProducer:
    """An idempotent producer that waits for all in-sync replicas: no loss, no duplicates from retries."""
    return KafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        **security_options(security),
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        max_block_ms=30_000,
    )


def make_admin(bootstrap_servers: str, client_id: str, security: KafkaSecurity = PLAINTEXT) -> KafkaAdminClient:
    """An admin client (topics and their configuration)."""
    return KafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id=client_id, **security_options(security))


def make_consumer(
    bootstrap_servers: str, group_id: str, topics: list[str], security: KafkaSecurity = PLAINTEXT
) -> KafkaConsumer:
    """A group consumer that commits offsets only when told to, after the handler's transaction."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=group_id,
        client_id=group_id,
        **security_options(security),
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


def rewind_consumer_group(
    bootstrap_servers: str, group_id: str, topics: list[str], security: KafkaSecurity = PLAINTEXT
) -> None:
    """Move a (stopped) consumer group back to the first message of each partition of `topics`."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers, group_id=group_id, enable_auto_commit=False, **security_options(security)
    )
    try:
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or [])]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        consumer.commit({tp: OffsetAndMetadata(consumer.position(tp), "", -1) for tp in partitions})
    finally:
        consumer.close(autocommit=False)
