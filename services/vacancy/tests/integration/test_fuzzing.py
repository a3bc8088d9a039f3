"""Whatever a client sends, generated from the OpenAPI document: never a 500."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.support.auth import bearer

pytestmark = pytest.mark.integration


def test_no_generated_request_makes_the_vacancy_service_fail(app, lisa):
    lisa.published_id()  # something real to find, read, edit and close
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case) -> None:
            case.call_and_validate(headers=bearer(), checks=[not_a_server_error])

        no_server_error()
