"""Whatever a client sends to the notification service: never a 500."""

import pytest

import notifications
from notifications.app import create_app
from tests.support.fuzzing import assert_no_server_errors
from tests.support.services import migrated_app

pytestmark = pytest.mark.integration


def test_no_generated_request_makes_the_notification_service_fail(new_database):
    with migrated_app(notifications, create_app, new_database()) as app:
        assert assert_no_server_errors(app, {}) >= 1
