"""Requests generated from a service's own OpenAPI document (schemathesis), and whether the
answers are what that document promises: never a 500, and only the documented status codes,
content types and bodies."""

from __future__ import annotations

import copy
import os
from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from recruitment_shared.web.problems import PROBLEM_JSON
from recruitment_shared.web.rate_limits import DEFAULT_LIMITS

CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def openapi_document(app: Flask) -> dict[str, Any]:
    """The document the service serves at /openapi.json."""
    response = app.test_client().get("/openapi.json")
    assert response.status_code == 200, response.status
    return response.get_json()


def contract_of(app: Flask) -> schemathesis.schemas.BaseSchema:
    """The service's document as schemathesis checks answers against it, without the `default`
    responses: with one, any status code conforms, so each status an operation answers must be
    documented for itself (`default` stays in the document for errors nobody plans, like a 500)."""
    document = copy.deepcopy(openapi_document(app))
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict):
                operation.get("responses", {}).pop("default", None)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = app  # calls go to the app in-process, as from_wsgi does
    return schema


def assert_conforms_to_openapi(app: Flask, headers: dict[str, str], examples: int | None = None) -> int:
    """Fuzz every operation of `app` with valid requests and with invalid ones, and check every
    answer against its OpenAPI document: not a server error, a documented status code, a
    documented content type, a body matching the documented schema. Returns how many operations
    were exercised.

    FUZZ_EXAMPLES (25 by default) sets the examples per operation and mode: raise it for a deeper hunt.
    """
    examples = examples or int(os.environ.get("FUZZ_EXAMPLES", "25"))
    # Hundreds of requests from one address: far over the public write limits, raised for the hunt.
    app.config.update(dict.fromkeys(DEFAULT_LIMITS, "100000/minute"))
    operations = [result.ok() for result in contract_of(app).get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def conforms(case) -> None:
                case.call_and_validate(headers=headers, checks=CONFORMANCE)

            try:
                conforms()
            except Unsatisfiable:
                if mode is GenerationMode.POSITIVE:
                    raise
                # Nothing to get wrong: no invalid request exists (a free-text path segment only).
    return len(operations)


def assert_answer_conforms(app: Flask, method: str, path: str, headers: dict[str, str] | None = None, **case: Any):
    """Send one request to the operation `method path` (a path template of the document, the
    request's values in `case`: path_parameters, query, body, ...), check the answer as the fuzzer
    does and return it."""
    operation = contract_of(app)[path][method.upper()]
    return operation.Case(**case).call_and_validate(headers=headers or {}, checks=CONFORMANCE)


def errors_not_documented_as_problems(document: dict[str, Any]) -> list[str]:
    """Each 4xx and `default` response of each operation whose content is anything but
    problem+json with the Problem schema, as "METHOD /path status: content types"."""
    components = document.get("components", {}).get("responses", {})
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    wrong = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, response in operation["responses"].items():
                if not (status == "default" or status.startswith("4")):
                    continue
                if "$ref" in response:
                    response = components[response["$ref"].rsplit("/", 1)[-1]]
                content = response.get("content", {})
                if content != {PROBLEM_JSON: problem}:
                    wrong.append(f"{method.upper()} {path} {status}: {', '.join(content) or 'no content'}")
    return wrong
