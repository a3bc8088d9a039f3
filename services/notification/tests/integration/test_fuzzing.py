"""Whatever a client sends to the notification service: never a 500, and only the answers its
OpenAPI document promises (status codes, content types, bodies); every error as problem+json."""

import pytest

import notifications
from notifications.app import create_app
from recruitment_shared.web import PROBLEM_JSON
from tests.support.auth import bearer
from tests.support.fuzzing import (
    assert_answer_conforms,
    assert_conforms_to_openapi,
    errors_not_documented_as_problems,
    openapi_document,
)
from tests.support.services import migrated_app

pytestmark = pytest.mark.integration


@pytest.fixture
def app(new_database):
    with migrated_app(notifications, create_app, new_database()) as app:
        yield app


def test_every_generated_request_gets_an_answer_the_notification_document_promises(app):
    assert assert_conforms_to_openapi(app, bearer()) == 9  # a consultant's token: past the 401


def test_the_notification_document_declares_every_error_as_problem_json(app):
    document = openapi_document(app)

    assert errors_not_documented_as_problems(document) == []
    retry = document["paths"]["/emails/{email_id}/retry"]["post"]["responses"]
    assert {"401", "403", "404", "409"} <= set(retry)


def test_a_real_404_and_422_are_problem_json_as_documented(app):
    missing = assert_answer_conforms(app, "GET", "/alerts/confirm/{token}", path_parameters={"token": "not-a-link"})
    invalid = assert_answer_conforms(app, "POST", "/alerts/subscriptions", body={"email": "nobody"})

    assert (missing.status_code, missing.headers["content-type"]) == (404, [PROBLEM_JSON])
    assert (invalid.status_code, invalid.headers["content-type"]) == (422, [PROBLEM_JSON])
    assert invalid.json()["errors"][0]["field"] == "email"


def test_an_email_id_beyond_the_database_range_is_not_found(app):
    answer = app.test_client().get("/emails/9223372036854775808", headers=bearer())

    assert (answer.status_code, answer.content_type) == (404, PROBLEM_JSON)
