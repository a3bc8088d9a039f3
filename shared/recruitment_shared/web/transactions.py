"""Running a use case in one database transaction on behalf of an HTTP request."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from flask import current_app

from recruitment_shared.web.problems import reject

T = TypeVar("T")

# A use case's refusal (exception type) → the HTTP status and, if one is at fault, the field.
Refusals = Mapping[type[Exception], tuple[int, str | None]]


def run_use_case(refusals: Refusals, use_case: Callable[..., T], *args) -> T:
    """Run `use_case(conn, *args)` in one transaction; a refusal rolls back and becomes a problem."""
    try:
        with current_app.extensions["engine"].begin() as conn:
            return use_case(conn, *args)
    except tuple(refusals) as exc:
        status, field = next(answer for kind, answer in refusals.items() if isinstance(exc, kind))
        reject(status, str(exc), field=field)
        raise  # unreachable: reject() raises; keeps type checkers honest
