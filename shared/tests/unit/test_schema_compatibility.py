"""Event schemas evolve without breaking consumers that have not been upgraded."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime

import pytest

from recruitment_shared.events import from_message, new_event, to_message
from recruitment_shared.events.compatibility import RELEASED, breaking_changes, current, released_reader

RELEASED_SCHEMAS = json.loads(RELEASED.read_text())


def test_every_released_event_schema_is_still_readable_by_its_old_consumers():
    assert breaking_changes(RELEASED_SCHEMAS, current()) == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda s: s["VacancyClosed/v1"].pop("reason"), "VacancyClosed/v1.reason: removed"),
        (lambda s: s["VacancyClosed/v1"]["reference"].update(type="Integer"), "type String became Integer"),
        (lambda s: s["VacancyClosed/v1"]["closed_at"].update(required=False), "required before, optional now"),
        (lambda s: s.pop("VacancyClosed/v1"), "VacancyClosed/v1: removed"),
        (lambda s: s["ApplicationSubmitted/v1"]["candidate"]["fields"].pop("email"), "candidate.email: removed"),
    ],
    ids=["field removed", "type changed", "required made optional", "event removed", "nested field removed"],
)
def test_the_check_names_each_breaking_change(change, complaint):
    now = copy.deepcopy(RELEASED_SCHEMAS)
    change(now)
    assert any(complaint in problem for problem in breaking_changes(RELEASED_SCHEMAS, now))


def test_adding_an_optional_field_is_compatible():
    now = copy.deepcopy(RELEASED_SCHEMAS)
    now["VacancyClosed/v1"]["note"] = {"type": "String", "required": False}
    assert breaking_changes(RELEASED_SCHEMAS, now) == []


def test_an_old_consumer_reads_an_event_a_new_producer_sends():
    data = {
        "vacancy_id": uuid.uuid4(),
        "reference": "92742",
        "reason": "filled",
        "closed_at": datetime.now(UTC),
    }
    message = to_message(new_event("VacancyClosed", data["vacancy_id"], data, "vacancy"))
    wire = json.loads(message.value)
    wire["data"]["added_by_a_newer_producer"] = {"anything": [1, 2, 3]}  # an additive change

    read = released_reader(RELEASED_SCHEMAS["VacancyClosed/v1"]).load(wire["data"])

    assert read["reference"] == "92742" and "added_by_a_newer_producer" not in read
    assert from_message(json.dumps(wire).encode()).data["reason"] == "filled"
