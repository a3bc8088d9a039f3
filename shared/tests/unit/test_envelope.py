"""The CloudEvents envelope: what goes on the wire comes back the same, and bad input is refused."""

import json
import uuid
from datetime import UTC, datetime

import pytest

from recruitment_shared.correlation import correlation_scope
from recruitment_shared.events import InvalidEvent, from_message, new_event, to_message


def _closed(**overrides):
    data = {"vacancy_id": uuid.uuid4(), "reference": "92742", "reason": "filled", "closed_at": datetime.now(UTC)}
    return new_event("VacancyClosed", data["vacancy_id"], data | overrides, "vacancy")


def test_an_event_survives_the_wire_with_its_envelope_and_typed_data():
    with correlation_scope("req-42"):
        event = _closed()
    message = to_message(event)
    envelope = json.loads(message.value)

    received = from_message(message.value, message.key)

    assert envelope["specversion"] == "1.0"
    assert envelope["type"] == "VacancyClosed" and envelope["schemaversion"] == 1
    assert message.key == event.subject
    assert (received.id, received.type, received.subject) == (event.id, "VacancyClosed", event.subject)
    assert received.correlation_id == "req-42"
    assert received.data["reference"] == "92742"
    assert isinstance(received.data["vacancy_id"], uuid.UUID)


def test_a_producer_cannot_build_an_event_that_breaks_its_schema():
    with pytest.raises(InvalidEvent, match="reason"):
        _closed(reason="bored")


def test_consumers_ignore_fields_added_by_newer_producers():
    envelope = json.loads(to_message(_closed()).value)
    envelope["data"]["added_in_a_later_release"] = "anything"

    received = from_message(json.dumps(envelope).encode())

    assert "added_in_a_later_release" not in received.data


@pytest.mark.parametrize(
    "value",
    [
        b"not json at all",
        json.dumps({"specversion": "1.0", "id": "1", "source": "x", "type": "NoSuchEvent", "data": {}}).encode(),
        json.dumps({"specversion": "1.0", "id": "1", "source": "x", "type": "VacancyClosed", "data": {}}).encode(),
        json.dumps(
            {"specversion": "1.0", "id": "1", "source": "x", "type": "VacancyClosed", "schemaversion": 9, "data": {}}
        ).encode(),
    ],
    ids=["garbage", "unknown-type", "missing-data-fields", "unknown-version"],
)
def test_unusable_messages_are_refused_as_invalid_events(value):
    with pytest.raises(InvalidEvent):
        from_message(value)
