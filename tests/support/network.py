"""Loopback ports for servers the tests start, and whether they answer."""

from __future__ import annotations

import socket

import requests


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_status(url: str, timeout: float = 5.0) -> int:
    """The status of a GET to `url`, or 0 while nothing answers there (not listening, booting)."""
    try:
        return requests.get(url, timeout=timeout).status_code
    except requests.RequestException:
        return 0
