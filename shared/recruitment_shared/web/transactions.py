"""Calling a use case on behalf of an HTTP request: its refusals become problem answers, and
`run_use_case` runs it in one database transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

from flask import current_app

from recruitment_shared.web.problems import reject

T = TypeVar("T")


@dataclass(frozen=True)
class Refusal:
    """How to answer a refusal: the status, the request field at fault and where that field came
    from (json, form, files, headers, ...), and any members the problem adds, taken from the exception."""

    status: int
    field: str | None = None
    location: str = "json"
    extensions: Callable[[Any], dict] | None = None


# A use case's refusal (exception type) → its answer; `(status, field)` is short for `Refusal(status, field)`.
Refusals = Mapping[type[Exception], Refusal | tuple[int, str | None]]


def run_use_case(refusals: Refusals, use_case: Callable[..., T], *args) -> T:
    """Run `use_case(conn, *args)` in one transaction; a refusal rolls back and becomes a problem."""
    return call_use_case(refusals, _in_transaction, use_case, *args)


def call_use_case(refusals: Refusals, use_case: Callable[..., T], *args) -> T:
    """Call `use_case(*args)`, which opens whatever transactions it needs; a refusal becomes a problem."""
    try:
        return use_case(*args)
    except tuple(refusals) as exc:
        refuse(refusals, exc)


def refuse(refusals: Refusals, exc: Exception) -> NoReturn:
    """Stop the request with the problem answer `refusals` gives for `exc`; re-raise an exception it does not list."""
    for kind, answer in refusals.items():
        if isinstance(exc, kind):
            refusal = answer if isinstance(answer, Refusal) else Refusal(*answer)
            extensions = refusal.extensions(exc) if refusal.extensions else None
            reject(refusal.status, str(exc), refusal.field, refusal.location, extensions)  # raises
    raise exc


def _in_transaction(use_case: Callable[..., T], *args) -> T:
    with current_app.extensions["engine"].begin() as conn:
        return use_case(conn, *args)
