"""The CloudEvents 1.0 envelope (JSON structured mode) around every integration event."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cloudevents.core.bindings.kafka import KafkaMessage, from_structured_event, to_structured_event
from cloudevents.core.exceptions import BaseCloudEventException
from cloudevents.core.v1.event import CloudEvent
from marshmallow import ValidationError

from recruitment_shared.correlation import current_correlation_id
from recruitment_shared.events.registry import UnknownEventType, UnknownEventVersion, contract_for

CONTENT_TYPE = "application/json"
# Structured mode: the whole envelope is the message value, announced by this header.
CONTENT_TYPE_HEADER = ("content-type", b"application/cloudevents+json")


class InvalidEvent(ValueError):
    """A message that is not a valid event of a known type: it can never be handled."""


@dataclass(frozen=True)
class Event:
    """An integration event: envelope attributes plus schema-checked `data`."""

    type: str
    subject: str
    source: str
    data: dict[str, Any]
    version: int
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    correlation_id: str | None = None

    @property
    def topic(self) -> str:
        """The logical topic this event type travels on."""
        return contract_for(self.type).topic


def new_event(
    event_type: str,
    subject: str,
    data: Mapping[str, Any],
    source: str,
    correlation_id: str | None = None,
) -> Event:
    """Build an event of the current schema version; refuses data that breaks the contract.

    The correlation id defaults to the one of the request or event being handled.
    """
    contract = contract_for(event_type)
    schema = contract.schema()
    payload = schema.dump(data)
    errors = schema.validate(payload)
    if errors:
        raise InvalidEvent(f"{event_type} data breaks its schema: {errors}")
    correlation_id = correlation_id or current_correlation_id()
    return Event(event_type, str(subject), source, payload, contract.version, correlation_id=correlation_id)


def to_message(event: Event) -> KafkaMessage:
    """Serialize `event` as a structured-mode Kafka message keyed by its subject."""
    attributes = {
        "id": event.id,
        "source": event.source,
        "type": event.type,
        "subject": event.subject,
        "time": event.time,
        "datacontenttype": CONTENT_TYPE,
        "schemaversion": event.version,
    }
    if event.correlation_id:
        attributes["correlationid"] = event.correlation_id
    cloud_event = CloudEvent(attributes, data=event.data)
    return to_structured_event(cloud_event, key_mapper=lambda _ce: event.subject)


def from_message(value: bytes, key: bytes | None = None) -> Event:
    """Parse and validate a structured-mode message; raises InvalidEvent for anything unusable."""
    try:
        cloud_event = from_structured_event(KafkaMessage(headers={}, key=key, value=value))
        contract = contract_for(cloud_event.get_type())
        version = int(cloud_event.get_extension("schemaversion") or 1)
        data = contract.schema(version).load(cloud_event.get_data() or {})
    except (BaseCloudEventException, UnknownEventType, UnknownEventVersion) as exc:
        raise InvalidEvent(f"not a known CloudEvent: {exc}") from exc
    except ValidationError as exc:
        raise InvalidEvent(f"data breaks its schema: {exc.messages}") from exc
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InvalidEvent(f"unreadable message: {exc}") from exc
    return Event(
        type=cloud_event.get_type(),
        subject=cloud_event.get_subject() or "",
        source=cloud_event.get_source(),
        data=data,
        version=version,
        id=cloud_event.get_id(),
        time=cloud_event.get_time() or datetime.now(UTC),
        correlation_id=cloud_event.get_extension("correlationid"),
    )
