"""Correlation ids: one id follows a request through HTTP, events and every log line."""

from __future__ import annotations

import logging
import os
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
        record.correlation_id = _current.get() or "-"
        return True


def configure_logging(service: str) -> None:
    """Log lines that name the service and the correlation id; level from LOG_LEVEL."""
    handler = logging.StreamHandler()
    handler.addFilter(_CorrelationFilter())
    handler.setFormatter(
        logging.Formatter(f"%(asctime)s %(levelname)s {service} [%(correlation_id)s] %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("LOG_LEVEL", "INFO").upper())
    logging.getLogger("kafka").setLevel(logging.WARNING)  # its INFO lines drown the service's own
