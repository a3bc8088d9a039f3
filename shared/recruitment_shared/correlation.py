"""Correlation ids: one id follows a request through HTTP, events and every log line."""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_correlation_id() -> str | None:
    """The correlation id of the work in progress, if any."""
    return _current.get()


def new_correlation_id() -> str:
    """A fresh id for work that did not bring one."""
    return uuid.uuid4().hex


def bind_correlation_id(correlation_id: str) -> Token:
    """Make `correlation_id` current until `unbind_correlation_id(token)`."""
    return _current.set(correlation_id)


def unbind_correlation_id(token: Token) -> None:
    """Restore the correlation id that was current before `bind_correlation_id`."""
    _current.reset(token)


@contextmanager
def correlation_scope(correlation_id: str | None) -> Iterator[str]:
    """Run a block under `correlation_id` (a fresh one when None)."""
    token = _current.set(correlation_id or new_correlation_id())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


class _CorrelationFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = _current.get()
        return True


class JsonLines(logging.Formatter):
    """One JSON object per line: what log collectors parse without guessing."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "correlation_id": getattr(record, "correlation_id", None),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class TextLines(logging.Formatter):
    """One plain line per record for people at a terminal (LOG_FORMAT=text), with what the JSON
    lines carry: `2026-11-21T09:00:00.123Z INFO    vacancy-relay [<correlation id>] <logger>: <message>`.
    Times are UTC, as in the JSON lines; `-` stands for no correlation id."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        when = self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z"
        correlation_id = getattr(record, "correlation_id", None) or "-"
        line = f"{when} {record.levelname:<7} {self.service} [{correlation_id}] {record.name}: {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(service: str) -> None:
    """Structured JSON log lines naming the service and the correlation id; LOG_FORMAT=text for
    people reading a terminal. Level from LOG_LEVEL.

    Log lines never carry candidates' personal data (addresses, phone numbers, CV names): they
    name applications and emails by id.
    """
    handler = logging.StreamHandler()
    handler.addFilter(_CorrelationFilter())
    if os.environ.get("LOG_FORMAT", "json") == "text":
        handler.setFormatter(TextLines(service))
    else:
        handler.setFormatter(JsonLines(service))
    logging.Formatter.converter = time.gmtime
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("LOG_LEVEL", "INFO").upper())
    logging.getLogger("kafka").setLevel(logging.WARNING)  # its INFO lines drown the service's own
