"""The web client's calls to the service APIs: one `requests.Session` per app, with timeouts,
retries of idempotent GETs only, the caller's correlation id passed on, and the two ways a call
can fail turned into exceptions the pages handle:

- `ApiProblem`: the service answered with a problem (RFC 9457), e.g. a 422 with field errors;
- `ServiceUnavailable`: the service could not be reached, timed out, or is itself unavailable.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from flask import has_request_context, request
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from recruitment_shared.correlation import current_correlation_id
from webclient.bootstrap import ApiSettings

log = logging.getLogger(__name__)
CORRELATION_HEADER = "X-Correlation-ID"
_UNAVAILABLE = frozenset({502, 503, 504})


@dataclass
class ApiProblem(Exception):
    """A problem answer of an API: its status, detail and the message per offending field."""

    status: int
    detail: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status}: {self.detail}"


class ServiceUnavailable(Exception):
    """A service did not answer in time, refused the connection, or said it is unavailable."""

    def __init__(self, service: str) -> None:
        super().__init__(f"the {service} service is unavailable")
        self.service = service


class ApiClient:
    """Calls to the three service APIs, one pooled session for all of them."""

    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings
        self.session = requests.Session()
        retry = Retry(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            allowed_methods=frozenset({"GET", "HEAD"}),  # a POST is never sent twice by us
            status_forcelist=sorted(_UNAVAILABLE),
            backoff_factor=0.2,
            respect_retry_after_header=False,  # a person is waiting: the page says "try again" instead
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=10)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # The APIs are reached at their configured URLs, never through an HTTP_PROXY of the
        # environment; not reading it also spares every call a scan of the environment (about
        # 0.3 ms of a worker's CPU, measured by bench/web_pages.py).
        self.session.trust_env = False
        # POSTs have a session of their own without urllib3's retries: `post` alone decides.
        self.posts = requests.Session()
        self.posts.trust_env = False
        self.posts.mount("http://", HTTPAdapter(max_retries=0, pool_maxsize=10))
        self.posts.mount("https://", HTTPAdapter(max_retries=0, pool_maxsize=10))

    def get(
        self, service: str, path: str, params: Mapping[str, Any] | None = None, *, bearer: str | None = None
    ) -> Any:
        """GET `path` of `service`'s API; its JSON answer. Raises ApiProblem or ServiceUnavailable."""
        return _answer(service, self.fetch(service, path, params, bearer=bearer))

    def get_versioned(self, service: str, path: str, *, bearer: str | None = None) -> tuple[Any, str]:
        """GET a resource the API versions: its JSON and its ETag (sent back as If-Match to change it)."""
        response = self.fetch(service, path, bearer=bearer)
        return _answer(service, response), response.headers.get("ETag", "")

    def fetch(
        self,
        service: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        bearer: str | None = None,
        stream: bool = False,
    ) -> requests.Response:
        """GET `path` of `service`'s API as it answered (a file to pass on, for one); a problem
        answer still raises ApiProblem, an unreachable service ServiceUnavailable."""
        url = self.settings.base_urls[service] + path
        try:
            response = self.session.get(
                url,
                params=params,
                headers=_headers(bearer),
                timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                stream=stream,
            )
        except requests.RequestException as error:  # refused, timed out, reset, retries exhausted
            log.warning("%s API unreachable: %s", service, type(error).__name__)
            raise ServiceUnavailable(service) from error
        if response.status_code in _UNAVAILABLE or response.status_code >= 400:
            _answer(service, response)  # raises
        return response

    def post(
        self,
        service: str,
        path: str,
        *,
        data: Any = None,
        json: Any = None,
        files: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        bearer: str | None = None,
    ) -> Any:
        """POST to `path` of `service`'s API; its JSON answer. Raises ApiProblem or ServiceUnavailable.

        Sent once, except with an `idempotency_key`: then a connection that failed before an answer
        is tried once more with the same key, which the API answers as the first attempt (no second
        application). A read timeout is never retried: the first may still be working.
        """
        url = self.settings.base_urls[service] + path
        headers = _headers(bearer)
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        attempts = 2 if idempotency_key else 1
        for attempt in range(1, attempts + 1):
            for upload in (files or {}).values():  # a retry sends the file from its start again
                if hasattr(upload[1], "seek"):
                    upload[1].seek(0)
            try:
                response = self._post_once(url, data, json, files, headers)
            except requests.ConnectionError as error:
                if attempt < attempts:  # refused or cut off: the same key makes the second one safe
                    continue
                log.warning("%s API unreachable: %s", service, type(error).__name__)
                raise ServiceUnavailable(service) from error
            except requests.RequestException as error:
                log.warning("%s API unreachable: %s", service, type(error).__name__)
                raise ServiceUnavailable(service) from error
            return _answer(service, response)
        raise AssertionError("unreachable")  # pragma: no cover

    def put(self, service: str, path: str, *, json: Any, if_match: str, bearer: str) -> tuple[Any, str]:
        """PUT a new version of a resource, on condition it is still `if_match`; its JSON and new
        ETag. A version changed meanwhile raises ApiProblem(412). Sent once, never retried."""
        url = self.settings.base_urls[service] + path
        headers = _headers(bearer) | {"If-Match": if_match}
        try:
            response = self.posts.put(
                url, json=json, headers=headers, timeout=(self.settings.connect_timeout, self.settings.read_timeout)
            )
        except requests.RequestException as error:
            log.warning("%s API unreachable: %s", service, type(error).__name__)
            raise ServiceUnavailable(service) from error
        return _answer(service, response), response.headers.get("ETag", "")

    def _post_once(self, url: str, data: Any, json: Any, files: Any, headers: dict[str, str]) -> requests.Response:
        return self.posts.post(
            url,
            data=data,
            json=json,
            files=files,
            headers=headers,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout),
        )


def _answer(service: str, response: requests.Response) -> Any:
    if response.status_code in _UNAVAILABLE:
        log.warning("%s API answered %d", service, response.status_code)
        raise ServiceUnavailable(service)
    if response.status_code >= 400:
        raise _problem(response)
    try:
        return response.json()
    except ValueError as error:  # not JSON: something else answered at that address
        log.warning("%s API answered %d without JSON", service, response.status_code)
        raise ServiceUnavailable(service) from error


def _problem(response: requests.Response) -> ApiProblem:
    """The problem+json answer as an ApiProblem; a body that is not one still gives its status."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    fields: dict[str, list[str]] = {}
    for error in body.get("errors") or []:
        if isinstance(error, dict) and error.get("field") is not None:
            fields.setdefault(str(error["field"]), []).append(str(error.get("message", "")))
    return ApiProblem(response.status_code, str(body.get("detail") or response.reason or ""), fields)


def _headers(bearer: str | None = None) -> dict[str, str]:
    """What every call carries: the request's correlation id, and the candidate's address as the
    next hop of X-Forwarded-For. The APIs count anonymous writes per client address; without it
    every candidate would share the web client's one address and its one limit. The APIs trust one
    hop (TRUSTED_PROXY_COUNT=1), which for these calls is this client."""
    headers = {"Accept": "application/json"}
    if bearer:  # a signed-in consultant's provider token: the APIs verify it themselves
        headers["Authorization"] = f"Bearer {bearer}"
    correlation_id = current_correlation_id()
    if correlation_id:
        headers[CORRELATION_HEADER] = correlation_id
    if has_request_context() and request.remote_addr:
        headers["X-Forwarded-For"] = request.remote_addr
    return headers
