"""Every input of every service is bounded: each string a client sends has a maximum length (or
is one of an enum, or a format that fixes its size), each list a maximum number of items, each
integer a range; and every write anyone may make without an account is rate limited. Read from
the OpenAPI documents the services serve, so that a new unbounded field or unlimited public
endpoint fails here rather than letting one client store megabytes or send floods of email."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from flask import Flask

from applications.app import create_app as application_app
from notifications.app import create_app as notification_app
from tests.support.auth import TEST_SECRET
from tests.support.fuzzing import openapi_document
from vacancies.app import create_app as vacancy_app

SERVICES: dict[str, Callable[..., Flask]] = {
    "vacancy": vacancy_app,
    "application": application_app,
    "notification": notification_app,
}
# Formats whose values have a fixed or small size, checked by the schema's field.
SIZED_FORMATS = frozenset({"uuid", "date", "date-time"})
Document = dict[str, Any]


def unbounded_inputs(document: Document) -> list[str]:
    """Each string, array or integer a request may carry without a bound, as "METHOD /path where"."""
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            where = f"{method.upper()} {path}"
            for parameter in map(partial(_resolved, document, "parameters"), operation.get("parameters", [])):
                # Path segments and headers are bounded by the server (gunicorn: 4094-byte request
                # line, 8190-byte header fields); the query, forms and bodies only by the schema.
                if parameter.get("in") not in ("path", "header"):
                    found += _unbounded(document, parameter["schema"], f"{where} {parameter['name']}")
            for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
                found += _unbounded(document, content["schema"], f"{where} {media_type}")
    return found


def binary_inputs(document: Document) -> list[str]:
    """The uploads (`format: binary`): bounded by the app's MAX_CONTENT_LENGTH, not by the schema."""
    return [where for where, schema in _walk_requests(document) if schema.get("format") == "binary"]


def _unbounded(document: Document, schema: dict, where: str) -> list[str]:
    return [f"{place}: {problem}" for place, problem in _problems(document, schema, where)]


def _problems(document: Document, schema: dict, where: str) -> Iterator[tuple[str, str]]:
    for place, node in _walk(document, schema, where):
        kind = node.get("type")
        if kind == "string" and not _bounded_string(node):
            yield place, "string without maxLength"
        elif kind == "array" and "maxItems" not in node:
            yield place, "array without maxItems"
        elif kind == "integer" and not {"minimum", "maximum"} <= set(node) and "enum" not in node:
            yield place, "integer without a range"


def _bounded_string(node: dict) -> bool:
    return "maxLength" in node or "enum" in node or node.get("format") in SIZED_FORMATS | {"binary"}


def _walk_requests(document: Document) -> Iterator[tuple[str, dict]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if isinstance(operation, dict):
                for content in operation.get("requestBody", {}).get("content", {}).values():
                    yield from _walk(document, content["schema"], f"{method.upper()} {path}")


def _resolved(document: Document, kind: str, node: dict) -> dict:
    """`node`, or the component (`schemas`, `parameters`) it refers to."""
    return document["components"][kind][node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node


def _walk(document: Document, schema: dict, where: str) -> Iterator[tuple[str, dict]]:
    """Every schema node under `schema` (references followed), with a dotted place name."""
    schema = _resolved(document, "schemas", schema)
    yield where, schema
    for name, prop in schema.get("properties", {}).items():
        if not prop.get("readOnly"):
            yield from _walk(document, prop, f"{where}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from _walk(document, schema["items"], f"{where}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _walk(document, schema["additionalProperties"], f"{where}.*")
    for combined in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(combined, []):
            yield from _walk(document, part, where)


@pytest.fixture(params=list(SERVICES))
def app(request, tmp_path) -> Flask:
    config = {"DATABASE_URL": "sqlite://", "JWT_SECRET": TEST_SECRET, "CV_STORAGE_DIR": str(tmp_path / "cvs")}
    return SERVICES[request.param](config)


def test_every_input_of_every_service_is_bounded(app):
    document = openapi_document(app)

    assert unbounded_inputs(document) == []
    if binary_inputs(document):
        assert app.config.get("MAX_CONTENT_LENGTH"), "an upload without MAX_CONTENT_LENGTH is unbounded"


def test_every_anonymous_write_is_rate_limited(app):
    document = openapi_document(app)
    unlimited = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method in ("post", "put", "patch", "delete")
        and "security" not in operation  # no bearer token needed
        and "429" not in operation["responses"]  # documented by @limit_public_writes
    ]

    assert unlimited == [], "add @limit_public_writes(...) below their route lines"


def test_the_check_finds_an_unbounded_string_list_and_integer():
    components = {"Free": {"type": "object", "properties": {"note": {"type": "string"}}}}
    body = {
        "type": "object",
        "properties": {
            "tags": {"type": "array", "maxItems": 5, "items": {"type": "string"}},
            "ids": {"type": "array", "items": {"type": "string", "format": "uuid"}},
            "free": {"$ref": "#/components/schemas/Free"},
            "count": {"type": "integer", "minimum": 0},
            "id": {"type": "integer", "readOnly": True},
        },
    }
    operation = {
        "parameters": [{"in": "query", "name": "q", "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/json": {"schema": body}}},
    }
    document = {"paths": {"/things": {"post": operation}}, "components": {"schemas": components}}

    assert unbounded_inputs(document) == [
        "POST /things q: string without maxLength",
        "POST /things application/json.tags[]: string without maxLength",
        "POST /things application/json.ids: array without maxItems",
        "POST /things application/json.free.note: string without maxLength",
        "POST /things application/json.count: integer without a range",
    ]
