"""Request guards every service shares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask, request
from flask_smorest import abort

NUL = "\x00"


def refuse_nul_characters(app: Flask) -> None:
    """Answer 422 to text containing NUL: PostgreSQL cannot store it, and no person types it.

    Checked on the query, the path, JSON bodies and form fields; uploaded files are left alone
    (a PDF is full of zero bytes).
    """

    @app.before_request
    def _guard() -> None:
        values: list[Any] = [*request.args.values(), *(request.view_args or {}).values()]
        if request.is_json:
            values.append(request.get_json(silent=True))
        elif request.form:
            values.extend(request.form.values())
        if any(NUL in text for text in _strings(values)):
            abort(422, message="Text must not contain NUL characters.")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
