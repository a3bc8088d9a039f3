"""Every answer of the three web apps carries the security headers; API answers allow no content
at all, and the Swagger UI page (/docs) loads nothing but what the service itself serves."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from werkzeug.test import TestResponse

import applications
import notifications
import vacancies
from applications.app import create_app as create_application_app
from notifications.app import create_app as create_notification_app
from tests.support.services import migrated_app
from vacancies.app import create_app as create_vacancy_app

pytestmark = pytest.mark.integration

SERVICES = [
    (vacancies, create_vacancy_app),
    (applications, create_application_app),
    (notifications, create_notification_app),
]
SERVICE_IDS = ["vacancy", "application", "notification"]
ALWAYS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
_REFERENCE = re.compile(r'(?:src|href)="([^"]*)"')
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _policy(answer: TestResponse) -> dict[str, str]:
    """The Content-Security-Policy as {directive: sources}."""
    directives = (part.strip().split(" ", 1) for part in answer.headers["Content-Security-Policy"].split(";"))
    return {name: (rest[0] if rest else "") for name, *rest in directives}


@pytest.mark.parametrize(("package", "create_app"), SERVICES, ids=SERVICE_IDS)
def test_every_answer_carries_the_security_headers(new_database, package, create_app):
    with migrated_app(package, create_app, new_database()) as app:
        client = app.test_client()
        answers = {
            "json": client.get("/healthz"),
            "problem": client.get("/no-such-thing"),
            "invalid": client.get("/healthz?q=%00"),  # refused by the NUL guard: 422
            "openapi": client.get("/openapi.json"),
            "docs": client.get("/docs"),
        }

    assert [answers[kind].status_code for kind in answers] == [200, 404, 422, 200, 200]
    for kind, answer in answers.items():
        assert {name: answer.headers.get(name) for name in ALWAYS} == ALWAYS, kind
        assert _policy(answer)["frame-ancestors"] == "'none'", kind  # never framed: no clickjacking
    for kind in ("json", "problem", "invalid", "openapi"):
        assert _policy(answers[kind])["default-src"] == "'none'", kind  # an API answer runs nothing


@pytest.mark.parametrize(("package", "create_app"), SERVICES, ids=SERVICE_IDS)
def test_the_docs_page_loads_swagger_ui_from_the_service_itself_and_runs_only_its_own_script(
    new_database, package, create_app
):
    with migrated_app(package, create_app, new_database()) as app:
        client = app.test_client()
        page = client.get("/docs")
        html = page.get_data(as_text=True)
        references = _REFERENCE.findall(html)
        assets = {reference: client.get(f"/{reference}") for reference in references}
        elsewhere = client.get("/docs/assets/swagger-editor-bundle.js")  # in the package, but not for serving

    policy = _policy(page)
    [inline] = _INLINE_SCRIPT.findall(html)
    expected_hash = "'sha256-" + base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode() + "'"
    assert sorted(references) == [
        "docs/assets/swagger-ui-bundle.js",
        "docs/assets/swagger-ui-standalone-preset.js",
        "docs/assets/swagger-ui.css",
    ]  # relative: this origin, behind the proxy too (/api/<service>/docs/assets/...)
    assert {ref: (a.status_code, a.mimetype) for ref, a in assets.items()} == {
        "docs/assets/swagger-ui-bundle.js": (200, "text/javascript"),
        "docs/assets/swagger-ui-standalone-preset.js": (200, "text/javascript"),
        "docs/assets/swagger-ui.css": (200, "text/css"),
    }
    assert policy["default-src"] == "'none'"
    assert policy["script-src"].split() == ["'self'", expected_hash]  # no 'unsafe-inline', no CDN
    assert policy["style-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert "http" not in page.headers["Content-Security-Policy"]
    assert elsewhere.status_code == 404


def test_a_header_the_view_chose_is_kept(new_database):
    with migrated_app(vacancies, create_vacancy_app, new_database()) as app:

        @app.get("/download-like")
        def download_like():
            return "file", 200, {"Content-Security-Policy": "sandbox", "Referrer-Policy": "same-origin"}

        answer = app.test_client().get("/download-like")

    assert answer.headers["Content-Security-Policy"] == "sandbox"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
