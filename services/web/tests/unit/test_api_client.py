"""The API client against a real HTTP server on 127.0.0.1: problems, outages, retries, correlation ids."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from flask import Flask

from recruitment_shared.correlation import bind_correlation_id, unbind_correlation_id
from tests.support.network import free_port
from webclient.api_client import ApiClient, ApiProblem, ServiceUnavailable
from webclient.bootstrap import ApiSettings

PROBLEM = {
    "type": "about:blank",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "The request has invalid fields; see errors.",
    "errors": [
        {"location": "query", "field": "min_daily_rate", "message": "Not a valid integer."},
        {"location": "query", "field": "min_daily_rate", "message": "Must be at least 0."},
        {"location": "query", "field": "workplace", "message": "Must be one of: on_site, hybrid, remote."},
    ],
}


class _Api(BaseHTTPRequestHandler):
    """Answers by path; remembers every request (path and headers)."""

    seen: list[tuple[str, dict[str, str]]]

    def do_GET(self) -> None:
        self.seen.append((self.path, dict(self.headers)))
        if self.path.startswith("/problem"):
            self._send(422, PROBLEM, "application/problem+json")
        elif self.path.startswith("/not-found"):
            self._send(
                404, {"status": 404, "title": "Not Found", "detail": "No vacancy 1."}, "application/problem+json"
            )
        elif self.path.startswith("/unavailable"):
            self._send(503, {"status": 503, "title": "Service Unavailable"}, "application/problem+json")
        elif self.path.startswith("/slow"):
            time.sleep(1.0)  # well beyond the client's read timeout
            self._send(200, {"late": True})
        elif self.path.startswith("/html"):
            self._send(200, "<html>a captive portal</html>", "text/html")
        else:
            self._send(200, {"ok": True})

    def _send(self, status: int, body: object, content_type: str = "application/json") -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args) -> None:  # quiet
        pass


@pytest.fixture
def api() -> Iterator[tuple[str, list]]:
    seen: list = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("Api", (_Api,), {"seen": seen}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def client(url: str, retries: int = 0) -> ApiClient:
    return ApiClient(ApiSettings({"vacancy": url}, connect_timeout=1, read_timeout=0.3, retries=retries))


def test_a_problem_answer_becomes_an_api_problem_with_the_messages_per_field(api):
    url, _ = api
    with pytest.raises(ApiProblem) as raised:
        client(url).get("vacancy", "/problem", {"min_daily_rate": "lots"})
    assert raised.value.status == 422
    assert raised.value.fields == {
        "min_daily_rate": ["Not a valid integer.", "Must be at least 0."],
        "workplace": ["Must be one of: on_site, hybrid, remote."],
    }
    assert raised.value.detail == PROBLEM["detail"]


def test_a_404_is_a_problem_not_an_outage(api):
    url, _ = api
    with pytest.raises(ApiProblem) as raised:
        client(url).get("vacancy", "/not-found")
    assert raised.value.status == 404 and raised.value.fields == {}


def test_a_service_that_does_not_answer_in_time_is_unavailable(api):
    url, _ = api
    with pytest.raises(ServiceUnavailable) as raised:
        client(url).get("vacancy", "/slow")
    assert raised.value.service == "vacancy"


def test_a_refused_connection_is_unavailable():
    with pytest.raises(ServiceUnavailable):
        client(f"http://127.0.0.1:{free_port()}").get("vacancy", "/vacancies")


def test_an_answer_that_is_not_json_is_unavailable_not_a_crash(api):
    url, _ = api
    with pytest.raises(ServiceUnavailable):
        client(url).get("vacancy", "/html")


def test_a_get_answered_503_is_tried_again_then_reported_unavailable(api):
    url, seen = api
    with pytest.raises(ServiceUnavailable):
        client(url, retries=2).get("vacancy", "/unavailable")
    assert [path for path, _ in seen] == ["/unavailable"] * 3


def test_the_correlation_id_of_the_request_is_passed_on(api):
    url, seen = api
    token = bind_correlation_id("page-request-42")
    try:
        assert client(url).get("vacancy", "/vacancies", {"q": "PRINCE2"}) == {"ok": True}
    finally:
        unbind_correlation_id(token)
    path, headers = seen[-1]
    assert path == "/vacancies?q=PRINCE2"
    assert headers["X-Correlation-ID"] == "page-request-42"


def test_the_candidates_address_goes_along_so_the_apis_count_each_candidate_not_the_web_client(api):
    url, seen = api
    page = Flask(__name__)
    for address in ("203.0.113.7", "198.51.100.23"):
        with page.test_request_context("/nl/vacancies", environ_base={"REMOTE_ADDR": address}):
            client(url).get("vacancy", "/vacancies")

    assert [headers["X-Forwarded-For"] for _path, headers in seen[-2:]] == ["203.0.113.7", "198.51.100.23"]
