"""Topic names (logical → physical, with an optional prefix) and their provisioning."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass

from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient
from kafka.errors import TopicAlreadyExistsError

from recruitment_shared.config import ConfigurationError, KafkaSecurity
from recruitment_shared.events.registry import TOPICS
from recruitment_shared.messaging.clients import PLAINTEXT, make_admin

log = logging.getLogger(__name__)

DLQ_SUFFIX = ".dlq"
HOUR_MS = 3_600_000


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


@dataclass(frozen=True)
class TopicRetention:
    """How long the broker keeps messages. Events carry personal data (candidates' names and
    addresses), so every topic gets an explicit, bounded retention; DLQs keep theirs longer, for
    the time it takes to look into a failure."""

    events_hours: float = 168.0
    dead_letters_hours: float = 336.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> TopicRetention:
        """KAFKA_RETENTION_HOURS (168) and KAFKA_DLQ_RETENTION_HOURS (336)."""
        retention = cls(
            events_hours=float(environ.get("KAFKA_RETENTION_HOURS", "168")),
            dead_letters_hours=float(environ.get("KAFKA_DLQ_RETENTION_HOURS", "336")),
        )
        if not (retention.events_hours > 0 and retention.dead_letters_hours > 0):
            raise ConfigurationError("KAFKA_RETENTION_HOURS and KAFKA_DLQ_RETENTION_HOURS must be positive")
        return retention

    def configs(self, physical: str) -> dict[str, str]:
        """The topic settings for `physical` (a topic or a DLQ)."""
        hours = self.dead_letters_hours if physical.endswith(DLQ_SUFFIX) else self.events_hours
        retention_ms = int(hours * HOUR_MS)
        # The broker deletes whole segments only: rolling one at least daily keeps a message from
        # outliving the retention by more than a day (the default roll is a week).
        return {"retention.ms": str(retention_ms), "segment.ms": str(min(retention_ms, 24 * HOUR_MS))}


def provision_topics(
    bootstrap_servers: str,
    names: TopicNames,
    partitions: int = 3,
    security: KafkaSecurity = PLAINTEXT,
    retention: TopicRetention = TopicRetention(),
) -> list[str]:
    """Create the event topics and their DLQs if missing (auto-creation is off on our brokers), and
    bring the retention of every one of them to `retention`; returns the topics created."""
    admin = make_admin(bootstrap_servers, "provisioning", security)
    try:
        wanted = names.all_physical()
        missing = [name for name in wanted if name not in set(admin.list_topics())]
        if missing:
            spec = {
                name: {"num_partitions": partitions, "replication_factor": 1, "configs": retention.configs(name)}
                for name in missing
            }
            # A concurrent provisioning may win the race; the topics exist, which is all we want.
            with suppress(TopicAlreadyExistsError):
                admin.create_topics(spec, wait_for_metadata=True)
        altered = _align_configs(admin, wanted, retention)
        log.info(
            "topics ready: %s (created %s, retention changed on %s)", ", ".join(wanted), missing or "none", altered
        )
        return missing
    finally:
        admin.close()


def _align_configs(admin: KafkaAdminClient, topics: list[str], retention: TopicRetention) -> list[str]:
    """Alter the topics whose settings differ from `retention` (only those keys); returns their names."""
    resources = [ConfigResource(ConfigResourceType.TOPIC, name) for name in topics]
    described = admin.describe_configs(resources).get("topic", {})
    stale: dict[str, dict[str, str]] = {}
    for name in topics:
        current = {key: config.get("value") for key, config in described.get(name, {}).items()}
        wanted = retention.configs(name)
        if any(current.get(key) != value for key, value in wanted.items()):
            stale[name] = wanted
    if stale:
        results = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, n, c) for n, c in stale.items()])
        failed = {name: result for name, result in results.get("topic", {}).items() if result != "OK"}
        if failed:
            raise RuntimeError(f"altering the topics' retention failed: {failed}")
    return sorted(stale)


def main() -> None:
    """`python -m recruitment_shared.messaging.topics`: provision the topics named by the environment."""
    logging.basicConfig(level=logging.INFO)
    try:
        security, retention = KafkaSecurity.from_env(os.environ), TopicRetention.from_env(os.environ)
    except (ConfigurationError, ValueError) as exc:
        raise SystemExit(f"configuration error: {exc}") from exc
    provision_topics(
        os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        TopicNames(os.environ.get("KAFKA_TOPIC_PREFIX", "")),
        security=security,
        retention=retention,
    )


if __name__ == "__main__":
    main()
