"""Whatever a client sends to the application service: never a 500, and only the answers its
OpenAPI document promises (status codes, content types, bodies); every error as problem+json."""

import uuid

import pytest

from recruitment_shared.web import PROBLEM_JSON
from tests.support.auth import bearer
from tests.support.fuzzing import (
    assert_answer_conforms,
    assert_conforms_to_openapi,
    errors_not_documented_as_problems,
    openapi_document,
)

pytestmark = pytest.mark.integration


def test_every_generated_request_gets_an_answer_the_application_document_promises(app):
    assert assert_conforms_to_openapi(app, bearer()) == 34  # a consultant's token: past the 401


def test_the_application_document_declares_every_error_as_problem_json(app):
    document = openapi_document(app)

    assert errors_not_documented_as_problems(document) == []
    submit = document["paths"]["/applications"]["post"]["responses"]
    assert {"400", "409", "413", "422"} <= set(submit)
    cv = document["paths"]["/consultant/applications/{application_id}/cv"]["get"]["responses"]
    assert {"401", "403", "404"} <= set(cv)


def test_a_real_404_and_422_are_problem_json_as_documented(app):
    unknown = {"vacancy_id": str(uuid.uuid4())}
    missing = assert_answer_conforms(app, "GET", "/vacancies/{vacancy_id}", path_parameters=unknown)
    invalid = assert_answer_conforms(
        app, "POST", "/candidate/applications/{token}/withdraw", path_parameters={"token": "t"}, body={"reason": 7}
    )

    assert (missing.status_code, missing.headers["content-type"]) == (404, [PROBLEM_JSON])
    assert (invalid.status_code, invalid.headers["content-type"]) == (422, [PROBLEM_JSON])
    assert invalid.json()["errors"][0]["field"] == "reason"
