"""RFC 9457 problem details for every error answer, with a field-by-field list for 422."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import marshmallow as ma
from flask import Response, json
from flask_smorest import Api, abort
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException

from recruitment_shared.web.openapi import DEFAULT_ERROR, ErrorResponses

PROBLEM_JSON = "application/problem+json"


class FieldError(ma.Schema):
    location = ma.fields.String(required=True, metadata={"description": "json, query, form, files, headers or path"})
    field = ma.fields.String(required=True, metadata={"description": "dotted path of the offending field"})
    message = ma.fields.String(required=True)


class Problem(ma.Schema):
    """RFC 9457 problem details, the body of every error answer (`application/problem+json`).

    Documents the payload in OpenAPI; errors are built by `problem_response`."""

    class Meta:
        unknown = ma.INCLUDE  # documented as additionalProperties: a problem type may add members (RFC 9457, 3.2)

    type = ma.fields.String(required=True, metadata={"example": "about:blank"})
    title = ma.fields.String(required=True, metadata={"description": "the status's phrase, e.g. Not Found"})
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(metadata={"description": "what went wrong with this request"})
    errors = ma.fields.List(
        ma.fields.Nested(FieldError),
        metadata={"description": "with 422 (and a 400 about a field): one entry per offending field and message"},
    )


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
    """flask-smorest's Api answering every HTTP error as problem+json, and documenting it so."""

    ERROR_SCHEMA = Problem
    # Any request may get 422: refuse_nul_characters (guards.py) checks every query, path and body.
    EVERY_OPERATION_ANSWERS = (HTTPStatus.UNPROCESSABLE_ENTITY,)
    # An operation taking a JSON body answers 400 to one that is not JSON (webargs).
    JSON_BODY_ANSWERS = (HTTPStatus.BAD_REQUEST,)

    def _init_spec(self, *, extra_plugins=None, **options) -> None:
        errors = ErrorResponses(self.EVERY_OPERATION_ANSWERS, self.JSON_BODY_ANSWERS)
        super()._init_spec(extra_plugins=[*(extra_plugins or ()), errors], **options)

    def _register_responses(self) -> None:
        """One shared response per error status (NOT_FOUND, CONFLICT, ...) and `default`, all
        problem+json (flask-smorest's own are application/json)."""
        for status in HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Any other error, as problem details", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response(DEFAULT_ERROR, response, lazy=True)

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
