"""The front proxy (deploy/proxy) on its own: what nginx answers itself is problem+json under
/api/, like the services' answers, and a page in nl/fr/en for browsers elsewhere; rate limits,
metrics kept inside, tokens kept out of its logs. Routing to the real services is driven end to
end in tests/e2e."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from tests.support.infrastructure import REPO
from tests.support.network import free_port, http_status
from tests.support.platform import stop_process
from tests.support.waiting import wait_until

pytestmark = pytest.mark.integration

PROXY = REPO / "deploy" / "proxy" / "nginx.sh"
SERVICES = ("VACANCY", "APPLICATION", "NOTIFICATION", "WEB")  # WEB: the web client, at /
# Loose enough that no test but the rate-limit ones ever meets a limit.
NO_LIMITS = {"PROXY_WRITE_RATE": "100r/s", "PROXY_WRITE_BURST": "100", "PROXY_REQUEST_RATE": "100r/s"}


class UpstreamStub(ThreadingHTTPServer):
    """A web app's stand-in on loopback: answers 200 to anything and records "METHOD path"."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RecordingHandler)
        self.port = self.server_address[1]
        self.seen: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> UpstreamStub:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.shutdown()
        self.server_close()


class _RecordingHandler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append(f"{self.command} {self.path}")
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *_: object) -> None:  # quiet: the test reads `seen`
        pass


class Proxy:
    """A running proxy: its URL, and its access log (stdout) and error log (stderr)."""

    def __init__(self, url: str, logs: Path) -> None:
        self.url, self.logs = url, logs

    def access_lines(self) -> list[dict]:
        return [json.loads(line) for line in (self.logs / "stdout").read_text().splitlines() if line.startswith("{")]

    def error_log(self) -> str:
        return (self.logs / "stderr").read_text()


@contextmanager
def running_proxy(workdir: Path, ports: dict[str, int], **settings: str) -> Iterator[Proxy]:
    """deploy/proxy/nginx.sh on a free port, in front of the services' `ports`, with `settings`."""
    port = free_port()
    env = os.environ | {
        "RECRUITMENT_VAR": str(workdir),
        "PROXY_PORT": str(port),
        **{f"{name}_PORT": str(ports[name]) for name in SERVICES},
        **settings,
    }
    check = subprocess.run(["bash", str(PROXY), "check"], env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, f"nginx -t refused the configuration:\n{check.stderr}"
    assert "${" not in (workdir / "proxy" / "routes.conf").read_text(), "a template variable was left unfilled"
    logs = workdir / "logs"
    logs.mkdir()
    with (logs / "stdout").open("wb") as stdout, (logs / "stderr").open("wb") as stderr:
        server = subprocess.Popen(
            ["bash", str(PROXY), "run"], env=env, start_new_session=True, stdout=stdout, stderr=stderr
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: http_status(f"{url}/healthz") == 200, timeout=30, what="the proxy to answer")
        yield Proxy(url, logs)
    finally:
        stop_process(server)


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[str]:
    """The proxy on a free port, in front of four ports where nothing listens."""
    with running_proxy(tmp_path, {name: free_port() for name in SERVICES}, **NO_LIMITS) as running:
        yield running.url


@pytest.fixture
def stubs() -> Iterator[dict[str, UpstreamStub]]:
    """A stub web app per service, answering 200 and recording what reached it."""
    with (
        UpstreamStub() as vacancy,
        UpstreamStub() as application,
        UpstreamStub() as notification,
        UpstreamStub() as web,
    ):
        yield {"VACANCY": vacancy, "APPLICATION": application, "NOTIFICATION": notification, "WEB": web}


def _proxy_to(stubs: dict[str, UpstreamStub], workdir: Path, **settings: str):
    return running_proxy(workdir, {name: stub.port for name, stub in stubs.items()}, **(NO_LIMITS | settings))


def test_an_api_path_no_service_serves_is_a_404_problem(proxy):
    answer = requests.get(f"{proxy}/api/vacancy/vacancies", timeout=5)

    assert (answer.status_code, answer.headers["Content-Type"]) == (404, "application/problem+json")
    assert "/api/vacancies/" in answer.json()["detail"]


def test_every_other_path_goes_to_the_web_client_as_it_is(stubs, tmp_path):
    with _proxy_to(stubs, tmp_path) as proxy:
        pages = [requests.get(f"{proxy.url}{path}", timeout=10) for path in ("/", "/nl/vacancies?q=PRINCE2")]

    assert [page.status_code for page in pages] == [200, 200]
    assert stubs["WEB"].seen == ["GET /", "GET /nl/vacancies?q=PRINCE2"]
    assert not stubs["VACANCY"].seen


def test_a_service_that_is_down_is_a_503_problem_with_retry_after(proxy):
    answer = requests.get(f"{proxy}/api/vacancies/vacancies", timeout=10)

    assert (answer.status_code, answer.headers["Content-Type"]) == (503, "application/problem+json")
    assert answer.headers["Retry-After"] == "5"
    assert answer.json()["status"] == 503


def _is_page(answer: requests.Response, status: int, *, saying: tuple[str, ...]) -> bool:
    """A page of the proxy's own for a person: HTML, with `saying` in its text (nl, fr, en)."""
    return (
        answer.status_code == status
        and answer.headers["Content-Type"].startswith("text/html")
        and all(words in answer.text for words in saying)
    )


UNAVAILABLE = ("Even niet beschikbaar", "Momentanément indisponible", "Briefly unavailable")
TOO_MANY = ("Te veel aanvragen", "Trop de demandes", "Too many requests")


def test_when_the_web_client_is_down_a_browser_gets_a_page_and_the_apis_still_answer(stubs, tmp_path):
    stubs["WEB"].__exit__()  # the web client stops; its port refuses connections
    with _proxy_to(stubs, tmp_path) as proxy:
        pages = [
            requests.get(f"{proxy.url}/nl/vacancies?q=scrum", timeout=10),
            requests.post(f"{proxy.url}/fr/vacancies/92742/apply", data={"name": "Jan"}, timeout=10),
        ]
        api = requests.get(f"{proxy.url}/api/vacancies/vacancies/by-reference/92742", timeout=10)

    for page in pages:
        assert _is_page(page, 503, saying=UNAVAILABLE), page.text
        assert page.headers["Retry-After"] == "5"
    assert api.status_code == 200
    assert stubs["VACANCY"].seen == ["GET /vacancies/by-reference/92742"]


def test_a_page_of_the_proxy_cannot_be_asked_for_directly(stubs, tmp_path):
    with _proxy_to(stubs, tmp_path) as proxy:
        answer = requests.get(f"{proxy.url}/proxy-pages/unavailable", timeout=10)

    assert answer.status_code == 404
    assert "Briefly unavailable" not in answer.text


def test_a_request_over_6_mb_is_refused_with_a_413_problem(proxy):
    answer = requests.post(
        f"{proxy}/api/applications/applications", files={"cv": ("cv.pdf", b"%PDF-" + b"0" * 7_000_000)}, timeout=30
    )

    assert (answer.status_code, answer.headers["Content-Type"]) == (413, "application/problem+json")
    assert "5 MB" in answer.json()["detail"]


def test_a_cv_of_a_few_hundred_kb_reaches_the_web_client_and_the_api(stubs, tmp_path):
    # Bodies over nginx's 16 KB buffer are spooled to disk: the spool must be writable by its workers
    # (as root, they run as nobody), or every real CV would answer 500.
    cv = b"%PDF-" + b"0" * 400_000
    with _proxy_to(stubs, tmp_path) as proxy:
        page = requests.post(f"{proxy.url}/nl/vacancies/92742/apply", files={"cv": ("cv.pdf", cv)}, timeout=30)
        api = requests.post(f"{proxy.url}/api/applications/applications", files={"cv": ("cv.pdf", cv)}, timeout=30)

    assert (page.status_code, api.status_code) == (200, 200)
    assert stubs["WEB"].seen == ["POST /nl/vacancies/92742/apply"]
    assert stubs["APPLICATION"].seen == ["POST /applications"]


def test_a_cv_over_6_mb_sent_to_the_apply_form_gets_a_page_saying_5_mb_is_the_most(stubs, tmp_path):
    with _proxy_to(stubs, tmp_path) as proxy:
        answer = requests.post(
            f"{proxy.url}/nl/vacancies/92742/apply",
            data={"name": "Jan Peeters"},
            files={"cv": ("cv.pdf", b"%PDF-" + b"0" * 7_000_000)},
            timeout=30,
        )

    assert _is_page(answer, 413, saying=("Bestand te groot", "Fichier trop volumineux", "File too large"))
    assert "5 MB" in answer.text
    assert stubs["WEB"].seen == []


def _is_429_problem(answer: requests.Response, retry_after: str) -> bool:
    return (answer.status_code, answer.headers.get("Content-Type"), answer.headers.get("Retry-After")) == (
        429,
        "application/problem+json",
        retry_after,
    ) and answer.json()["status"] == 429


@pytest.mark.parametrize(
    "path",
    [
        "/api/applications/applications",
        "/api/applications/candidate/applications/some-token/withdraw",
        "/api/notifications/alerts/subscriptions",
        "/api/notifications/alerts/confirm/some-token",
        "/api/notifications/alerts/unsubscribe/some-token",
    ],
)
def test_public_writes_beyond_the_limit_from_one_address_get_a_429_problem(stubs, tmp_path, path):
    with _proxy_to(stubs, tmp_path, PROXY_WRITE_RATE="1r/m", PROXY_WRITE_BURST="2") as proxy:
        # Spelled otherwise, the same write counts against the same limit.
        spellings = [path, path.replace("/api/", "/api//", 1), path.replace("/a", "/%61", 2)]
        allowed = [requests.post(f"{proxy.url}{spelling}", json={}, timeout=10) for spelling in spellings]
        refused = requests.post(f"{proxy.url}{path}", json={}, timeout=10)
        reads = [requests.get(f"{proxy.url}{path}", timeout=10) for _ in range(3)]  # reads: not writes

    assert [answer.status_code for answer in allowed] == [200, 200, 200]  # the rate's one, plus a burst of 2
    assert _is_429_problem(refused, retry_after="60")
    assert [answer.status_code for answer in reads] == [200, 200, 200]


WEB_PUBLIC_WRITES = [
    "/nl/vacancies/92742/apply",
    "/fr/my-application/some-token/withdraw",
    "/en/alerts",  # subscribe
    "/nl/alerts/confirm/some-token",
    "/fr/alerts/unsubscribe/some-token",
]


def _first_letter_escaped(path: str) -> str:
    """/nl/vacancies/... as /nl/%76acancies/...: the same page to nginx and to the web client."""
    _, lang, rest = path.split("/", 2)
    return f"/{lang}/%{ord(rest[0]):02x}{rest[1:]}"


@pytest.mark.parametrize("path", WEB_PUBLIC_WRITES)
def test_the_site_s_public_forms_beyond_the_write_limit_get_a_429_page(stubs, tmp_path, path):
    with _proxy_to(stubs, tmp_path, PROXY_WRITE_RATE="1r/m", PROXY_WRITE_BURST="2") as proxy:
        # Spelled otherwise, the same write counts against the same limit.
        spellings = [path, path.replace("/", "//", 2), _first_letter_escaped(path)]
        allowed = [requests.post(f"{proxy.url}{spelling}", data={"x": "1"}, timeout=10) for spelling in spellings]
        refused = requests.post(f"{proxy.url}{path}", data={"x": "1"}, timeout=10)
        reads = [requests.get(f"{proxy.url}{path}", timeout=10) for _ in range(3)]  # showing the form: not a write

    assert [answer.status_code for answer in allowed] == [200, 200, 200]
    assert _is_page(refused, 429, saying=TOO_MANY), refused.text
    assert refused.headers["Retry-After"] == "60"
    assert [answer.status_code for answer in reads] == [200, 200, 200]
    assert len(stubs["WEB"].seen) == 6  # the refused one never reached the site


def test_the_site_s_public_writes_share_one_limit_with_the_apis(stubs, tmp_path):
    with _proxy_to(stubs, tmp_path, PROXY_WRITE_RATE="1r/m", PROXY_WRITE_BURST="1") as proxy:
        through_api = [
            requests.post(f"{proxy.url}/api/applications/applications", json={}, timeout=10),
            requests.post(f"{proxy.url}/api/notifications/alerts/subscriptions", json={}, timeout=10),
        ]
        through_site = requests.post(f"{proxy.url}/nl/vacancies/92742/apply", data={"x": "1"}, timeout=10)

    assert [answer.status_code for answer in through_api] == [200, 200]
    assert _is_page(through_site, 429, saying=TOO_MANY)


@pytest.mark.parametrize("path", ["/nl/vacancies", "/nl/consultant/vacancies/new", "/auth/callback", "/en/applied"])
def test_other_posts_to_the_site_are_not_public_writes(stubs, tmp_path, path):
    with _proxy_to(stubs, tmp_path, PROXY_WRITE_RATE="1r/m", PROXY_WRITE_BURST="1") as proxy:
        answers = [requests.post(f"{proxy.url}{path}", data={"x": "1"}, timeout=10) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200] * 4


def test_any_request_beyond_the_loose_limit_gets_a_429_problem(stubs, tmp_path):
    with _proxy_to(stubs, tmp_path, PROXY_REQUEST_RATE="1r/m", PROXY_REQUEST_BURST="2") as proxy:
        # The proxy's own /healthz, polled until it answered, counts too: use up what it left.
        answers = [requests.get(f"{proxy.url}/api/vacancies/vacancies", timeout=10) for _ in range(4)]

    assert _is_429_problem(answers[-1], retry_after="1")
    assert len(stubs["VACANCY"].seen) < 4


def test_a_browser_beyond_the_loose_limit_gets_a_429_page(stubs, tmp_path):
    with _proxy_to(stubs, tmp_path, PROXY_REQUEST_RATE="1r/m", PROXY_REQUEST_BURST="2") as proxy:
        answers = [requests.get(f"{proxy.url}/nl/vacancies", timeout=10) for _ in range(4)]

    assert _is_page(answers[-1], 429, saying=TOO_MANY)
    assert answers[-1].headers["Retry-After"] == "1"


def test_metrics_are_not_served_through_the_proxy_but_docs_are(stubs, tmp_path):
    paths = [
        "/api/vacancies/metrics",
        "/api/applications/metrics/",
        "/api/notifications//metrics",
        "/api/vacancies/%6detrics",
        "/metrics",  # the web client's
    ]
    with _proxy_to(stubs, tmp_path) as proxy:
        metrics = [requests.get(f"{proxy.url}{path}", timeout=10) for path in paths]
        docs = requests.get(f"{proxy.url}/api/vacancies/docs", timeout=10)

    assert [(m.status_code, m.headers["Content-Type"]) for m in metrics] == [(404, "application/problem+json")] * 5
    assert [stub.seen for stub in stubs.values()] == [["GET /docs"], [], [], []]
    assert docs.status_code == 200


def test_tokens_in_paths_are_masked_in_the_access_log(stubs, tmp_path):
    token = "cand1dateT0ken-must-not-be-logged"
    requests_made = [
        ("GET", f"/api/applications/candidate/applications/{token}", "/api/applications/candidate/applications/***"),
        (
            "POST",
            f"/api/applications/candidate/applications/{token}/withdraw",
            "/api/applications/candidate/applications/***/withdraw",
        ),
        ("GET", f"/api/notifications/alerts/confirm/{token}", "/api/notifications/alerts/confirm/***"),
        ("POST", f"/api/notifications/alerts/unsubscribe/{token}?x=1", "/api/notifications/alerts/unsubscribe/***"),
        ("GET", f"/api/notifications/candidate/{token}/export", "/api/notifications/candidate/***/export"),
        ("GET", f"/nl/my-application/{token}", "/nl/my-application/***"),  # the career site's self-service page
        ("POST", f"/en/my-application/{token}/withdraw", "/en/my-application/***/withdraw"),
        ("GET", f"/my-application/{token}", "/my-application/***"),
        ("GET", f"/nl/alerts/confirm/{token}", "/nl/alerts/confirm/***"),  # the site's alert pages
        ("POST", f"/fr/alerts/confirm/{token}", "/fr/alerts/confirm/***"),
        ("GET", f"/en/alerts/unsubscribe/{token}", "/en/alerts/unsubscribe/***"),
        ("POST", f"/nl/alerts/unsubscribe/{token}?x=1", "/nl/alerts/unsubscribe/***"),
    ]
    count = len(requests_made)
    with _proxy_to(stubs, tmp_path) as proxy:
        for method, path, _logged in requests_made:
            requests.request(method, f"{proxy.url}{path}", timeout=10)
        lines = wait_until(lambda: proxy.access_lines() if len(proxy.access_lines()) >= count else None, what="lines")

    assert [(line["method"], line["path"]) for line in lines] == [(m, logged) for m, _path, logged in requests_made]
    assert token not in (tmp_path / "logs" / "stdout").read_text()


def test_no_token_reaches_the_error_log_when_the_service_is_down(tmp_path):
    token = "cand1dateT0ken-must-not-be-logged"
    with running_proxy(tmp_path, {name: free_port() for name in SERVICES}, **NO_LIMITS) as proxy:
        down = requests.get(f"{proxy.url}/api/applications/candidate/applications/{token}", timeout=10)
        requests.post(f"{proxy.url}/api/notifications/alerts/confirm/{token}", timeout=10)
        pages = [  # the site is down too: its pages with a token in the path
            requests.get(f"{proxy.url}/nl/my-application/{token}", timeout=10),
            requests.post(f"{proxy.url}/fr/my-application/{token}/withdraw", timeout=10),
            requests.get(f"{proxy.url}/my-application/{token}", timeout=10),
            requests.post(f"{proxy.url}/en/alerts/confirm/{token}", timeout=10),
            requests.get(f"{proxy.url}/nl/alerts/unsubscribe/{token}", timeout=10),
        ]
        requests.get(f"{proxy.url}/api/vacancies/vacancies", timeout=10)  # an error line without a token
        wait_until(lambda: "/api/vacancies/vacancies" in proxy.error_log(), what="the error line of the last request")

    assert down.status_code == 503
    assert [page.status_code for page in pages] == [503] * 5
    assert token not in proxy.error_log() + (tmp_path / "logs" / "stdout").read_text()
