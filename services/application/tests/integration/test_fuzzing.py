"""Whatever a client sends to the application service: never a 500."""

import pytest

from tests.support.fuzzing import assert_no_server_errors

pytestmark = pytest.mark.integration


def test_no_generated_request_makes_the_application_service_fail(app):
    assert assert_no_server_errors(app, {}) >= 3
