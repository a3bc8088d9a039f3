"""A service's consumer loop running in a thread for the length of a test."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import Engine, Table

from recruitment_shared.messaging import EventProcessor, Handler, consume
from recruitment_shared.messaging.clients import make_consumer, make_producer


@contextmanager
def running_consumer(
    engine: Engine,
    bootstrap: str,
    topic: str,
    name: str,
    inbox: Table,
    handlers: Mapping[str, Handler],
    group: str | None = None,
) -> Iterator[None]:
    """Consume `topic` with the real processor (inbox, retries, DLQ) until the block ends."""
    stop = threading.Event()
    dead_letters = make_producer(bootstrap, f"{name}-dlq")
    kafka = make_consumer(bootstrap, group or f"{name}-{uuid.uuid4().hex[:8]}", [topic])
    processor = EventProcessor(name, engine, inbox, handlers, dead_letters, stop=stop)
    thread = threading.Thread(target=consume, args=(kafka, processor, stop), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)
        kafka.close(autocommit=False)
        dead_letters.close()
