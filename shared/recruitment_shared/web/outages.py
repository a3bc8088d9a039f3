"""A database that cannot be reached is an outage, not a bug: the request is answered 503 with
`Retry-After` (problem+json) and logged in one line, without a stack trace.

Nothing needs restarting afterwards: the engine's pool pings each connection before lending it
(`make_engine`'s `pool_pre_ping`), so the first request after the database's return succeeds;
meanwhile `/readyz` reports unready. Web apps hold no Kafka client (their events wait in the
outbox), so a broker outage never reaches them.
"""

from __future__ import annotations

import logging

import psycopg
from flask import Flask, Response, request
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from recruitment_shared.web.problems import problem_response

log = logging.getLogger(__name__)

# Lost or refused connections, a server shutting down, a lock or statement timeout, a failover:
# all say "try again shortly", none says anything about the request.
OUTAGES: tuple[type[Exception], ...] = (OperationalError, InterfaceError, DisconnectionError, psycopg.OperationalError)
RETRY_AFTER_SECONDS = 5
_DETAIL = "The service's database cannot be reached right now; try again in a few seconds."


def install_outage_answers(app: Flask) -> None:
    """Answer every database outage met while handling a request as 503 + Retry-After."""
    for outage in OUTAGES:
        app.register_error_handler(outage, _answer_outage)


def _answer_outage(error: Exception) -> Response:
    cause = getattr(error, "orig", None) or error
    # One line, no traceback: 100 requests during a restart are 100 lines, not 100 stack traces.
    # The driver's first line says what failed (refused, terminated, timed out); with
    # hide_parameters and make_engine's error filter it carries no bound values.
    log.warning(
        "database unavailable during %s %s: %s: %s",
        request.method,
        request.url_rule.rule if request.url_rule else "-",  # the route pattern: no tokens from the path
        type(cause).__name__,
        _first_line(cause),
    )
    response = problem_response(503, "Service Unavailable", _DETAIL)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else ""
