"""Backward compatibility of event schemas: what a consumer on the released version expects.

`released.json` beside this module describes every event schema as released. A change is
compatible when a consumer built on that description still reads what producers now send:
nothing it knows disappears or changes type, and nothing it requires becomes optional.
Adding fields is always fine (consumers ignore unknown fields).

    python -m recruitment_shared.events.compatibility check     # what CI runs (via the tests)
    python -m recruitment_shared.events.compatibility release   # record the current schemas
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from recruitment_shared.events.registry import CONTRACTS

RELEASED = Path(__file__).with_name("released.json")


def describe(schema: Schema) -> dict[str, Any]:
    """Each field's type and whether it is required, nested schemas included."""
    described = {}
    for name, field in schema.fields.items():
        entry: dict[str, Any] = {"type": type(field).__name__, "required": field.required}
        if isinstance(field, fields.Nested):
            entry["fields"] = describe(field.schema)
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            entry["items"] = describe(field.inner.schema)
        elif isinstance(field, fields.List):
            entry["items"] = type(field.inner).__name__
        described[field.data_key or name] = entry
    return described


def current() -> dict[str, dict[str, Any]]:
    """Every event type and version as the code defines them now."""
    return {
        f"{contract.type}/v{version}": describe(contract.schema(version))
        for contract in CONTRACTS.values()
        for version in sorted(contract.schemas)
    }


def breaking_changes(released: dict, now: dict) -> list[str]:
    """Why consumers of `released` could not read what `now` produces (empty: compatible)."""
    problems = []
    for event, old in released.items():
        if event not in now:
            problems.append(f"{event}: removed (publish a new version beside it instead)")
        else:
            problems += _compare(event, old, now[event])
    return problems


def _compare(path: str, old: dict, new: dict) -> list[str]:
    problems = []
    for name, before in old.items():
        where = f"{path}.{name}"
        after = new.get(name)
        if after is None:
            problems.append(f"{where}: removed")
            continue
        if before["type"] != after["type"]:
            problems.append(f"{where}: type {before['type']} became {after['type']}")
        if before["required"] and not after["required"]:
            problems.append(f"{where}: required before, optional now (old consumers would reject events)")
        for part in ("fields", "items"):
            if isinstance(before.get(part), dict) and isinstance(after.get(part), dict):
                problems += _compare(where, before[part], after[part])
            elif before.get(part) != after.get(part):
                problems.append(f"{where}: {part} changed from {before.get(part)} to {after.get(part)}")
    return problems


_TYPES = {
    "String": fields.String,
    "Email": fields.Email,
    "UUID": fields.UUID,
    "Integer": fields.Integer,
    "Boolean": fields.Boolean,
    "AwareDateTime": fields.AwareDateTime,
    "Date": fields.Date,
}


def released_reader(description: dict) -> Schema:
    """A consumer built on the released description only, ignoring fields it does not know."""
    declared = {}
    for name, entry in description.items():
        options = {"required": entry["required"], "allow_none": not entry["required"]}
        if entry["type"] == "Nested":
            declared[name] = fields.Nested(released_reader(entry["fields"]), **options)
        elif entry["type"] == "List":
            items = entry["items"]
            inner = fields.Nested(released_reader(items)) if isinstance(items, dict) else _TYPES[items]()
            declared[name] = fields.List(inner, **options)
        else:
            declared[name] = _TYPES[entry["type"]](**options)
    return Schema.from_dict(declared)(unknown=EXCLUDE)


def main(argv: list[str]) -> int:
    """`check` (exit 1 on a breaking change) or `release` (record the current schemas)."""
    if argv[1:] == ["release"]:
        RELEASED.write_text(json.dumps(current(), indent=2, sort_keys=True) + "\n")
        return 0
    problems = breaking_changes(json.loads(RELEASED.read_text()), current())
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
