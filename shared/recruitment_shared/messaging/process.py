"""Process mains for relays, consumers and the other workers: signals, logging, clients, clean
shutdown. Each service's bootstrap module builds the engine and hands it in."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta

from sqlalchemy import Engine, Table

from recruitment_shared.config import ServiceSettings
from recruitment_shared.correlation import configure_logging
from recruitment_shared.messaging.clients import connect_with_retry, make_consumer, make_producer
from recruitment_shared.messaging.consumer import EventProcessor, Handler, consume
from recruitment_shared.messaging.relay import OutboxRelay
from recruitment_shared.messaging.topics import TopicNames
from recruitment_shared.messaging.worker_http import kafka_reachable, serve_worker_endpoints

log = logging.getLogger(__name__)


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT, so loops finish the message in hand and exit."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def run_worker_process(name: str, engine: Engine, work: Callable[[threading.Event], object]) -> None:
    """Main of a worker without Kafka (the email sender, scheduled jobs): logging, signals, its
    endpoints (ready when the database answers), then `work(stop)` until a signal sets `stop`."""
    configure_logging(name)
    stop = stop_on_signals()
    serve_worker_endpoints(engine, None, stop)
    try:
        work(stop)
    finally:
        engine.dispose()


def kafka_ready(settings: ServiceSettings, connected: threading.Event) -> Callable[[], bool]:
    """Ready once the process's clients got in (with its credentials: a wrong password must not look
    ready) and, from then on, while a broker answers."""
    reachable = kafka_reachable(settings.kafka_bootstrap_servers, settings.kafka_security)
    return lambda: connected.is_set() and reachable()


def run_relay_process(settings: ServiceSettings, engine: Engine, outbox: Table) -> None:
    """Main of a service's outbox relay process."""
    configure_logging(f"{settings.service}-relay")
    stop, connected = stop_on_signals(), threading.Event()
    # Endpoints first: while Kafka is still down the process is alive (/healthz) but not ready.
    serve_worker_endpoints(engine, kafka_ready(settings, connected), stop)
    bootstrap, security = settings.kafka_bootstrap_servers, settings.kafka_security
    producer = connect_with_retry(
        lambda: make_producer(bootstrap, f"{settings.service}-relay", security), stop, "relay"
    )
    if producer is None:
        return
    connected.set()
    log.info("relay started")
    try:
        retention = timedelta(hours=settings.outbox_retention_hours)
        relay = OutboxRelay(engine, outbox, producer, TopicNames(settings.topic_prefix), retention=retention)
        relay.run(stop, settings.relay_poll_seconds)
    finally:
        producer.close(timeout=10)
        engine.dispose()
        log.info("relay stopped")


def run_consumer_process(
    settings: ServiceSettings,
    engine: Engine,
    name: str,
    logical_topics: Iterable[str],
    inbox: Table,
    handlers: Mapping[str, Handler],
) -> None:
    """Main of a consumer process; `name` is both the inbox key and (prefixed) the consumer group."""
    configure_logging(name)
    stop, connected = stop_on_signals(), threading.Event()
    topics = TopicNames(settings.topic_prefix)
    physical = [topics.physical(topic) for topic in logical_topics]
    bootstrap, security = settings.kafka_bootstrap_servers, settings.kafka_security
    # Endpoints first: while Kafka is still down the process is alive (/healthz) but not ready.
    serve_worker_endpoints(engine, kafka_ready(settings, connected), stop)
    group = topics.physical(name)
    consumer = connect_with_retry(lambda: make_consumer(bootstrap, group, physical, security), stop, name)
    producer = connect_with_retry(lambda: make_producer(bootstrap, f"{name}-dlq", security), stop, name)
    if consumer is None or producer is None:
        return
    connected.set()
    processor = EventProcessor(
        name, engine, inbox, handlers, producer, max_attempts=settings.consumer_max_attempts, stop=stop
    )
    log.info("consumer %s started on %s", name, ", ".join(physical))
    try:
        consume(consumer, processor, stop)
    finally:
        consumer.close(autocommit=False)
        producer.close(timeout=10)
        engine.dispose()
        log.info("consumer %s stopped", name)
