"""Whatever a client sends to the vacancy service: never a 500."""

import pytest

from tests.support.auth import bearer
from tests.support.fuzzing import assert_no_server_errors

pytestmark = pytest.mark.integration


def test_no_generated_request_makes_the_vacancy_service_fail(app, lisa):
    lisa.published_id()  # something real to find, read, edit and close
    assert assert_no_server_errors(app, bearer()) >= 9
