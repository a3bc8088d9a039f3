"""Requests generated from a service's own OpenAPI document (schemathesis): never a 500."""

from __future__ import annotations

import os

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error


def assert_no_server_errors(app: Flask, headers: dict[str, str], examples: int | None = None) -> int:
    """Fuzz every operation of `app`; returns how many operations were exercised.

    FUZZ_EXAMPLES (25 by default) sets the examples per operation: raise it for a deeper hunt.
    """
    examples = examples or int(os.environ.get("FUZZ_EXAMPLES", "25"))
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        no_server_error()
    return len(operations)
