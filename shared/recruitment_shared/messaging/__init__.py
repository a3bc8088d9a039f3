"""Reliable messaging: transactional outbox, relay, inbox-deduplicated consumer, DLQ."""

from recruitment_shared.messaging.consumer import EventProcessor, Handler, Outcome, consume
from recruitment_shared.messaging.outbox import record_event
from recruitment_shared.messaging.relay import OutboxRelay
from recruitment_shared.messaging.tables import inbox_table, outbox_table
from recruitment_shared.messaging.topics import TopicNames, dead_letter_topic, provision_topics

__all__ = [
    "EventProcessor",
    "Handler",
    "OutboxRelay",
    "Outcome",
    "TopicNames",
    "consume",
    "dead_letter_topic",
    "inbox_table",
    "outbox_table",
    "provision_topics",
    "record_event",
]
