"""Topic names (logical → physical, with an optional prefix) and their provisioning."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass

from kafka.admin import KafkaAdminClient
from kafka.errors import TopicAlreadyExistsError

from recruitment_shared.events.registry import TOPICS

log = logging.getLogger(__name__)

DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True)
class TopicNames:
    """Maps the logical topic names of the contracts to the names on the broker.

    A prefix lets tests (and shared clusters) keep their topics apart.
    """

    prefix: str = ""

    def physical(self, logical: str) -> str:
        """The broker's name for a logical topic."""
        return f"{self.prefix}{logical}"

    def all_physical(self, logicals: Iterable[str] = TOPICS) -> list[str]:
        """Every topic and its dead-letter topic."""
        names = [self.physical(name) for name in logicals]
        return names + [dead_letter_topic(name) for name in names]


def dead_letter_topic(physical: str) -> str:
    """Where messages of `physical` go after they failed too often."""
    return physical + DLQ_SUFFIX


def provision_topics(bootstrap_servers: str, names: TopicNames, partitions: int = 3) -> list[str]:
    """Create the event topics and their DLQs if missing (auto-creation is off on our brokers)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="provisioning")
    try:
        wanted = names.all_physical()
        missing = [name for name in wanted if name not in set(admin.list_topics())]
        if missing:
            spec = {name: {"num_partitions": partitions, "replication_factor": 1} for name in missing}
            # A concurrent provisioning may win the race; the topics exist, which is all we want.
            with suppress(TopicAlreadyExistsError):
                admin.create_topics(spec, wait_for_metadata=True)
        log.info("topics ready: %s (created %s)", ", ".join(wanted), missing or "none")
        return missing
    finally:
        admin.close()


def main() -> None:
    """`python -m recruitment_shared.messaging.topics`: provision the topics named by the environment."""
    import os

    logging.basicConfig(level=logging.INFO)
    provision_topics(
        os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        TopicNames(os.environ.get("KAFKA_TOPIC_PREFIX", "")),
    )


if __name__ == "__main__":
    main()
