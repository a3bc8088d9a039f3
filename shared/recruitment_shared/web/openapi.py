"""What the OpenAPI documents say about error answers: one shared response per status, problem+json.

`ProblemApi` (problems.py) registers a response component per HTTP status (`NOT_FOUND`,
`CONFLICT`, ...) whose content is `application/problem+json` with the `Problem` schema, and adds
`ErrorResponses` to its apispec plugins. The plugin makes every error response of every operation
a reference to that shared component, however a blueprint declared it (`arguments`' automatic 422,
`etag`'s 412/428, `alt_response(404)`, `doc(responses=...)`), and adds the error answers that
come from the request plumbing rather than from the view.

Views declare the statuses they answer with `@blueprint.alt_response(404)` (the plugin turns it
into the shared response), or with `documents_errors` (as `require_roles` does for 401 and 403).
An error with a body of its own would need a response component of its own, referenced by name:
references are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import deepcopy
from http import HTTPStatus
from typing import Any

from apispec import BasePlugin

DEFAULT_ERROR = "DEFAULT_ERROR"  # flask-smorest's name for the `default` response of every operation


def error_response_name(status: int) -> str:
    """The shared response component for an error status: 404 -> NOT_FOUND."""
    return HTTPStatus(status).name


def is_error_status(code: int | str) -> bool:
    return str(code) == "default" or (str(code).isdigit() and int(code) >= 400)


def documents_errors(view: Callable, *statuses: int) -> Callable:
    """Document that `view` answers `statuses` with a problem (flask-smorest reads `_apidoc` when
    the view is registered). For decorators that wrap a view with `functools.wraps`."""
    apidoc = deepcopy(getattr(view, "_apidoc", {}))
    responses = apidoc.setdefault("response", {}).setdefault("responses", {})
    for status in statuses:
        responses.setdefault(status, []).append(error_response_name(status))
    view._apidoc = apidoc  # type: ignore[attr-defined]
    return view


class ErrorResponses(BasePlugin):
    """Every error response of every operation references the shared problem+json component.

    `every_operation`: statuses any request may get whatever its operation (the NUL guard's 422).
    `json_body`: statuses of operations taking a JSON body (webargs: 400 for a malformed body).
    """

    def __init__(self, every_operation: Iterable[int] = (), json_body: Iterable[int] = ()) -> None:
        super().__init__()
        self.every_operation = tuple(map(int, every_operation))
        self.json_body = tuple(map(int, json_body))

    def operation_helper(self, path: str | None = None, operations: dict | None = None, **kwargs: Any) -> None:
        for operation in (operations or {}).values():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            takes_json = "application/json" in operation.get("requestBody", {}).get("content", {})
            for status in self.every_operation + (self.json_body if takes_json else ()):
                if not any(str(code) == str(status) for code in responses):
                    responses[status] = error_response_name(status)
            for code, response in list(responses.items()):
                if is_error_status(code) and not _is_reference(response):
                    # Declared inline (`alt_response(409)`, `doc(responses=...)`): the shared one says it all.
                    responses[code] = DEFAULT_ERROR if str(code) == "default" else error_response_name(int(code))


def _is_reference(response: Any) -> bool:
    return isinstance(response, str) or (isinstance(response, dict) and "$ref" in response)
