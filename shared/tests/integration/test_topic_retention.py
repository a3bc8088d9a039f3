"""Provisioning gives every topic and DLQ an explicit retention (events carry personal data), and
brings topics made before, or under another setting, to it when it runs again."""

from __future__ import annotations

import uuid

import pytest
from kafka.admin import ConfigResource, ConfigResourceType

from recruitment_shared.messaging.clients import make_admin
from recruitment_shared.messaging.topics import TopicNames, TopicRetention, provision_topics

pytestmark = pytest.mark.integration
HOUR_MS = 3_600_000


def _retention(bootstrap: str, names: TopicNames) -> dict[str, str | None]:
    """retention.ms as set on each topic (None: the broker's default, i.e. nothing set)."""
    admin = make_admin(bootstrap, "test-describe")
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, t) for t in names.all_physical()])
    finally:
        admin.close()
    return {name: configs.get("retention.ms", {}).get("value") for name, configs in described["topic"].items()}


def test_new_topics_get_the_retention_and_dlqs_keep_longer(kafka_bootstrap):
    names = TopicNames(prefix=f"retention-{uuid.uuid4().hex[:8]}.")

    provision_topics(kafka_bootstrap, names)

    assert _retention(kafka_bootstrap, names) == {
        names.physical("vacancies"): str(168 * HOUR_MS),
        names.physical("applications"): str(168 * HOUR_MS),
        names.physical("vacancies") + ".dlq": str(336 * HOUR_MS),
        names.physical("applications") + ".dlq": str(336 * HOUR_MS),
    }


def test_provisioning_again_brings_existing_topics_to_the_configured_retention(kafka_bootstrap):
    names = TopicNames(prefix=f"retention-{uuid.uuid4().hex[:8]}.")
    admin = make_admin(kafka_bootstrap, "test-old-provisioning")
    try:  # as provisioning made them before: no retention of their own
        admin.create_topics({name: {"num_partitions": 1, "replication_factor": 1} for name in names.all_physical()})
    finally:
        admin.close()
    before = _retention(kafka_bootstrap, names)

    created = provision_topics(kafka_bootstrap, names, retention=TopicRetention(events_hours=24, dead_letters_hours=48))
    again = provision_topics(kafka_bootstrap, names, retention=TopicRetention(events_hours=24, dead_letters_hours=48))

    assert set(before.values()) == {None}
    assert created == again == []
    assert _retention(kafka_bootstrap, names) == {
        name: str((48 if name.endswith(".dlq") else 24) * HOUR_MS) for name in names.all_physical()
    }
