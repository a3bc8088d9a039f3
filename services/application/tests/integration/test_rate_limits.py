"""Anonymous writes are limited per client address: a flood of applications or of withdraw
attempts from one address gets a problem+json 429 with Retry-After and changes nothing, while
other addresses go on as before."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from limits import parse_many
from sqlalchemy import select

import applications
from applications.app import create_app
from applications.db import applications as application_table
from recruitment_shared.web import PROBLEM_JSON
from recruitment_shared.web.rate_limits import DEFAULT_LIMITS
from tests.support.cvs import PDF
from tests.support.fuzzing import assert_answer_conforms, openapi_document
from tests.support.services import migrated_app

from .conftest import Desk, application_form, candidate_token

pytestmark = pytest.mark.integration
ATTACKER, SOMEONE_ELSE = "198.51.100.7", "203.0.113.20"


@pytest.fixture
def limited(new_database, tmp_path, monkeypatch) -> Desk:
    """The app with small limits (2 an hour), as an operator may set them."""
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    config = {"CV_STORAGE_DIR": str(tmp_path / "cvs"), "RATE_LIMIT_APPLY": "2/hour", "RATE_LIMIT_LINKS": "2/hour"}
    with migrated_app(applications, create_app, new_database(), **config) as app:
        yield Desk(app, app.test_client())


def _apply(desk: Desk, vacancy_id, address: str, n: int = 0, **headers: str):
    form = application_form(vacancy_id) | {"email": f"candidate{n}@example.com", "cv": (io.BytesIO(PDF), "cv.pdf")}
    return desk.client.post(
        "/applications",
        data=form,
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
        content_type="multipart/form-data",
    )


def _stored_cvs(directory: Path) -> int:
    return sum(1 for path in directory.rglob("*") if path.is_file())


def _assert_too_many_requests(response) -> None:
    assert (response.status_code, response.content_type) == (429, PROBLEM_JSON), response.get_data(as_text=True)
    assert response.json["status"] == 429 and "try again" in response.json["detail"]
    assert int(response.headers["Retry-After"]) > 0


def test_a_flood_of_applications_from_one_address_is_refused_past_the_default_limit(desk, tmp_path):
    allowed = min(item.amount for item in parse_many(DEFAULT_LIMITS["RATE_LIMIT_APPLY"]))
    vacancy_id = desk.publish()

    accepted = [_apply(desk, vacancy_id, ATTACKER, n).status_code for n in range(allowed)]
    refused = _apply(desk, vacancy_id, ATTACKER, allowed)

    assert all(status // 100 == 2 for status in accepted), accepted
    _assert_too_many_requests(refused)
    assert desk.stored() == (allowed, allowed)  # no application, no event
    assert _stored_cvs(tmp_path / "cvs") == allowed  # and no CV file
    assert _apply(desk, vacancy_id, SOMEONE_ELSE, allowed).status_code // 100 == 2  # others are not affected
    assert desk.stored() == (allowed + 1, allowed + 1)


def test_a_forged_forwarded_header_does_not_escape_the_limit(limited):
    answers = [
        limited.client.post("/applications", data={}, headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
        for n in range(3)
    ]

    assert answers == [422, 422, 429]  # refused requests count too: a flood of bad ones costs as much


def test_behind_the_trusted_proxy_each_client_is_counted_apart(new_database, tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    config = {"CV_STORAGE_DIR": str(tmp_path / "cvs"), "RATE_LIMIT_APPLY": "2/hour"}
    with migrated_app(applications, create_app, new_database(), **config) as app:
        client, proxy = app.test_client(), {"REMOTE_ADDR": "10.0.0.2"}  # every request comes from the proxy

        def post(client_address: str) -> int:
            headers = {"X-Forwarded-For": client_address}
            return client.post("/applications", data={}, headers=headers, environ_base=proxy).status_code

        first = [post(ATTACKER) for _ in range(3)]
        other = post(SOMEONE_ELSE)

    assert first == [422, 422, 429]
    assert other == 422  # reaches the view: its own count


def test_ipv6_clients_are_counted_per_64_block(limited):
    def post(address: str) -> int:
        return limited.client.post("/applications", data={}, environ_base={"REMOTE_ADDR": address}).status_code

    same_block = [post("2001:db8:1:2::1"), post("2001:db8:1:2::ffff"), post("2001:db8:1:2:abcd::9")]
    next_block = post("2001:db8:1:3::1")

    assert (same_block, next_block) == ([422, 422, 429], 422)


def test_withdrawing_past_the_limit_is_refused_and_changes_nothing(limited):
    vacancy_id = limited.publish()
    assert _apply(limited, vacancy_id, SOMEONE_ELSE).status_code // 100 == 2
    with limited.app.extensions["engine"].connect() as conn:
        token = candidate_token(limited.app, conn.execute(select(application_table.c.id)).scalar_one())
    attacker = {"REMOTE_ADDR": ATTACKER}

    def withdraw(link: str, environ: dict):
        return limited.client.post(f"/candidate/applications/{link}/withdraw", json={}, environ_base=environ)

    guesses = [withdraw(f"guess-{n}", attacker).status_code for n in range(2)]
    refused = withdraw(token, attacker)
    status = limited.client.get(f"/candidate/applications/{token}").json["status"]
    withdrawn = withdraw(token, {"REMOTE_ADDR": SOMEONE_ELSE})

    assert guesses == [404, 404]
    _assert_too_many_requests(refused)
    assert status == "submitted"
    assert (withdrawn.status_code, withdrawn.json["status"]) == (200, "withdrawn")


def test_the_429_is_documented_and_answered_as_documented(limited):
    document = openapi_document(limited.app)
    operation = ("POST", "/candidate/applications/{token}/withdraw")
    answers = [
        assert_answer_conforms(limited.app, *operation, path_parameters={"token": "t"}, body={}) for _ in range(3)
    ]
    answer = answers[-1]

    assert "429" in document["paths"]["/applications"]["post"]["responses"]
    assert "429" in document["paths"]["/candidate/applications/{token}/withdraw"]["post"]["responses"]
    assert (answer.status_code, answer.headers["content-type"]) == (429, [PROBLEM_JSON])
