"""Rate limits per client address on the public endpoints that write without an account.

A view opts in with `@limit_public_writes("RATE_LIMIT_APPLY")` (below its route line); the
service's app then counts that view's requests per client address and answers the one over the
limit with a problem+json 429 carrying `Retry-After`, before the view reads anything. Each
setting is a Flask-Limiter string such as `"20/minute;60/hour"`, taken from the app's config,
else the environment, else `DEFAULT_LIMITS`; views sharing a setting share one count per address.

The client's address is `request.remote_addr`: behind the front proxy, ProxyFix
(`TRUSTED_PROXY_COUNT`) has put the real client there. IPv6 clients are counted per /64, the
block one subscriber usually holds, so hopping addresses inside it gains nothing.

Counts live in `RATE_LIMIT_STORAGE_URI` (`memory://` by default: each gunicorn worker and replica
keeps its own, so an address may get that many times the limit; a shared storage such as
`redis://host:6379` counts once, and needs the `redis` package in the image).
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import time
from collections.abc import Callable, Mapping
from functools import partial
from http import HTTPStatus
from typing import TypeVar

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from limits import parse_many

from recruitment_shared.web.openapi import documents_errors
from recruitment_shared.web.problems import problem_response

DEFAULT_LIMITS: Mapping[str, str] = {
    # A candidate applies to a few vacancies; an office behind one address to a few dozen.
    "RATE_LIMIT_APPLY": "20/minute;60/hour",
    # Saving a search is rarer still; each one also queues a confirmation email.
    "RATE_LIMIT_SUBSCRIBE": "10/minute;30/hour",
    # The links in emails (withdraw, confirm, unsubscribe): clicked rarely, but guessable by bots.
    "RATE_LIMIT_LINKS": "30/minute;300/hour",
}
STORAGE_SETTING = "RATE_LIMIT_STORAGE_URI"
log = logging.getLogger(__name__)
_SETTING_OF_VIEW = "_rate_limit_setting"
View = TypeVar("View", bound=Callable)


def limit_public_writes(setting: str) -> Callable[[View], View]:
    """Mark a view to be limited per client address by `setting` (a name in `DEFAULT_LIMITS`),
    and document its 429. Place it directly below the route decorator."""
    if setting not in DEFAULT_LIMITS:
        raise ValueError(f"unknown rate limit setting {setting!r}; add it to DEFAULT_LIMITS")

    def mark(view: View) -> View:
        setattr(view, _SETTING_OF_VIEW, setting)
        return documents_errors(view, HTTPStatus.TOO_MANY_REQUESTS)  # type: ignore[return-value]

    return mark


def install_rate_limits(app: Flask, environ: Mapping[str, str] = os.environ) -> Limiter:
    """Limit the app's marked views (call it once their blueprints are registered)."""
    for setting, default in DEFAULT_LIMITS.items():
        value = app.config.get(setting) or environ.get(setting) or default
        parse_many(value)  # a malformed setting stops the app at start, not at the first request
        app.config[setting] = value
    limiter = Limiter(
        client_address,
        storage_uri=app.config.get(STORAGE_SETTING) or environ.get(STORAGE_SETTING) or "memory://",
        strategy="moving-window",  # at most N in any window, not 2N across a window's edge
        swallow_errors=True,  # an unreachable shared storage lets requests through, logged
    )
    limiter.logger = _WithoutAddresses(limiter.logger, {})
    limiter.init_app(app)
    for endpoint, view in list(app.view_functions.items()):
        setting = getattr(view, _SETTING_OF_VIEW, None)
        if setting:
            limit = limiter.shared_limit(partial(_configured, setting), scope=setting)
            app.view_functions[endpoint] = limit(view)
    app.register_error_handler(RateLimitExceeded, partial(_too_many_requests, limiter))
    app.extensions["rate_limiter"] = limiter
    return limiter


def client_address() -> str:
    """Whom a request counts against: its client's address, IPv6 clients by their /64."""
    address = request.remote_addr or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:  # ::ffff:192.0.2.7 is 192.0.2.7
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


def _configured(setting: str) -> str:
    """Read when the request is counted, so a test can raise an app's limits on the fly."""
    return current_app.config[setting]


def _too_many_requests(limiter: Limiter, _error: RateLimitExceeded) -> Response:
    breached = limiter.current_limit
    retry_after = max(1, math.ceil(breached.window.reset_time - time.time())) if breached else 60
    log.info("rate limit %s reached on %s", breached.limit if breached else "?", request.endpoint)
    detail = f"Too many requests from your address; try again in {retry_after} seconds."
    status = HTTPStatus.TOO_MANY_REQUESTS
    response = problem_response(int(status), status.phrase, detail)
    response.headers["Retry-After"] = str(retry_after)
    return response


class _WithoutAddresses(logging.LoggerAdapter):
    """Flask-Limiter's log without its INFO lines: its breach line names the client's address,
    which no log of the platform keeps (`_too_many_requests` logs the breach without it)."""

    def info(self, *_args, **_kwargs) -> None:
        return None
