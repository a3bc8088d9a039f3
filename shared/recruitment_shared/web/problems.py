"""RFC 9457 problem details for every error answer, with a field-by-field list for 422."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import marshmallow as ma
from flask import Response, json
from flask_smorest import Api, abort
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"


class FieldError(ma.Schema):
    location = ma.fields.String(metadata={"description": "json, query, headers or path"})
    field = ma.fields.String(metadata={"description": "dotted path of the offending field"})
    message = ma.fields.String()


class Problem(ma.Schema):
    """Documents the error payload in OpenAPI; errors are built by `problem_response`."""

    type = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String()
    errors = ma.fields.List(ma.fields.Nested(FieldError))


def field_errors(messages: Mapping[str, Any], location: str | None = None, prefix: str = "") -> list[dict]:
    """Flatten webargs/marshmallow's nested messages into one entry per field and message."""
    flat: list[dict] = []
    for key, value in messages.items():
        if location is None:  # the first level names where the field came from (json, query, ...)
            flat += field_errors(value if isinstance(value, Mapping) else {"": value}, str(key))
            continue
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat += field_errors(value, location, path)
        else:
            for message in value if isinstance(value, list) else [value]:
                flat.append({"location": location, "field": path, "message": str(message)})
    return flat


def problem_response(
    status: int, title: str, detail: str | None = None, errors: list | None = None, extensions: dict | None = None
) -> Response:
    """A problem+json response; `extensions` adds members of the problem type (RFC 9457, 3.2)."""
    body: dict[str, Any] = (extensions or {}) | {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)


class ProblemApi(Api):
    """flask-smorest's Api answering every HTTP error as problem+json."""

    ERROR_SCHEMA = Problem

    def handle_http_exception(self, error: HTTPException) -> Response:
        data = getattr(error, "data", None) or {}
        messages = data.get("errors") or data.get("messages")
        errors = field_errors(messages) if isinstance(messages, Mapping) else None
        if "message" in data:
            detail = data["message"]
        elif errors:
            detail = errors[0]["message"] if len(errors) == 1 else "The request has invalid fields; see errors."
        else:
            detail = error.description
        response = problem_response(error.code or 500, error.name, detail, errors, data.get("extensions"))
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        return response


def reject(
    status: int, detail: str, field: str | None = None, location: str = "json", extensions: dict | None = None
) -> None:
    """Stop the request with a problem answer; `field` names the request field at fault."""
    errors = {location: {field: [detail]}} if field else None
    abort(status, message=detail, errors=errors, extensions=extensions or {})
