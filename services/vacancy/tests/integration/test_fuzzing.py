"""Whatever a client sends to the vacancy service: never a 500, and only the answers its OpenAPI
document promises (status codes, content types, bodies); every error as problem+json."""

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


def test_every_generated_request_gets_an_answer_the_vacancy_document_promises(app, lisa):
    lisa.published_id()  # something real to find, read, edit and close
    assert lisa.close(lisa.published_id(reference="92743")).status_code == 200  # and every state to list
    lisa.created_id(reference="92744")
    assert assert_conforms_to_openapi(app, bearer()) == 10


def test_the_vacancy_document_declares_every_error_as_problem_json(app):
    document = openapi_document(app)

    assert errors_not_documented_as_problems(document) == []
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])
    guarded = document["paths"]["/consultant/vacancies/{vacancy_id}"]["put"]["responses"]
    assert {"401", "403", "404", "409", "412", "422", "428"} <= set(guarded)


def test_a_real_404_and_422_are_problem_json_as_documented(app):
    unknown = {"vacancy_id": str(uuid.uuid4())}
    missing = assert_answer_conforms(app, "GET", "/vacancies/{vacancy_id}", path_parameters=unknown)
    invalid = assert_answer_conforms(app, "GET", "/vacancies", query={"page": 0})

    assert (missing.status_code, missing.headers["content-type"]) == (404, [PROBLEM_JSON])
    assert (invalid.status_code, invalid.headers["content-type"]) == (422, [PROBLEM_JSON])
    assert invalid.json()["errors"][0] | {"message": "..."} == {"location": "query", "field": "page", "message": "..."}
