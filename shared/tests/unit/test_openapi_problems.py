"""The OpenAPI document tells the truth about errors: each is problem+json, through one shared
response per status, however a blueprint declared it; `require_roles` documents 401 and 403."""

from __future__ import annotations

import marshmallow as ma
import pytest
from flask import Flask
from flask_smorest import Blueprint
from jsonschema import Draft7Validator

from recruitment_shared.web.auth import issue_token, require_roles
from recruitment_shared.web.problems import PROBLEM_JSON, ProblemApi, reject

SECRET = "a-secret-for-this-test-of-32-bytes-at-least"
PROBLEM = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


class Thing(ma.Schema):
    name = ma.fields.String(required=True)


@pytest.fixture
def app() -> Flask:
    app = Flask("toy")
    app.config.update(
        API_TITLE="toy",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        JWT_SECRET=SECRET,
    )
    api = ProblemApi(app)
    things = Blueprint("things", __name__, url_prefix="/things")

    @things.post("")
    @require_roles("admin")
    @things.arguments(Thing)
    @things.response(201, Thing)
    @things.alt_response(409)
    def create(thing: dict):
        return thing

    @things.get("/<int:thing_id>")
    @things.etag
    @things.response(200, Thing)
    @things.alt_response(404)
    @things.doc(responses={"410": {"description": "declared inline, as application/json would be"}})
    def read(thing_id: int):
        reject(404, f"no thing {thing_id}")

    api.register_blueprint(things)
    return app


@pytest.fixture
def document(app: Flask) -> dict:
    return app.test_client().get("/openapi.json").get_json()


def responses_of(document: dict, path: str, method: str) -> dict:
    return document["paths"][path][method]["responses"]


def test_every_error_response_refers_to_a_shared_problem_json_response(document):
    components = document["components"]["responses"]
    errors = 0
    for operations in document["paths"].values():
        for operation in (value for key, value in operations.items() if key != "parameters"):
            for status, response in operation["responses"].items():
                if status == "default" or int(status) >= 400:
                    errors += 1
                    assert set(response) == {"$ref"}, (status, response)
                    assert components[response["$ref"].rsplit("/", 1)[-1]]["content"] == PROBLEM
    assert errors >= 10
    assert components["NOT_FOUND"] == {"description": "Not Found", "content": PROBLEM}
    assert "content" not in components["NOT_MODIFIED"]


def test_each_operation_documents_the_errors_it_answers(document):
    create, read = responses_of(document, "/things", "post"), responses_of(document, "/things/{thing_id}", "get")

    # 401/403: require_roles; 409: alt_response; 400: a JSON body; 422: arguments, and the NUL guard anywhere
    assert set(create) == {"201", "400", "401", "403", "409", "422", "default"}
    assert set(read) == {"200", "304", "404", "410", "422", "default"}
    assert read["410"] == {"$ref": "#/components/responses/GONE"}


def test_the_problem_schema_has_the_rfc_9457_members_and_the_field_errors(document):
    problem = document["components"]["schemas"]["Problem"]

    assert set(problem["properties"]) == {"type", "title", "status", "detail", "errors"}
    assert set(problem["required"]) == {"type", "title", "status"}
    assert problem["additionalProperties"] is True  # extension members (RFC 9457, 3.2)
    assert problem["properties"]["errors"]["items"] == {"$ref": "#/components/schemas/FieldError"}


def test_real_error_answers_are_problem_json_matching_the_documented_schema(app, document):
    client = app.test_client()
    admin = {"Authorization": f"Bearer {issue_token(SECRET, 'ann@example.com', 'Ann', ['admin'])}"}
    problem = Draft7Validator({"$ref": "#/components/schemas/Problem", "components": document["components"]})

    answers = {
        404: client.get("/things/7"),
        422: client.post("/things", json={"name": 7}, headers=admin),
        401: client.post("/things", json={"name": "x"}),
        400: client.post("/things", data="{", content_type="application/json", headers=admin),
    }

    for status, answer in answers.items():
        assert (answer.status_code, answer.mimetype) == (status, PROBLEM_JSON)
        assert list(problem.iter_errors(answer.get_json())) == []
    field_error = {"location": "json", "field": "name", "message": "Not a valid string."}
    assert answers[422].get_json()["errors"] == [field_error]
