"""What every web app's `create_app()` shares (`create_base_app`: correlation ids, access log, health,
metrics, security headers), and what the API services add (`create_service_app`: OpenAPI, problems)."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import Blueprint, Flask, Response, g, request
from flask_smorest import Blueprint as ApiBlueprint
from sqlalchemy import Engine, text
from werkzeug.middleware.proxy_fix import ProxyFix

from recruitment_shared.config import environment_with
from recruitment_shared.correlation import (
    bind_correlation_id,
    configure_logging,
    current_correlation_id,
    new_correlation_id,
    unbind_correlation_id,
)
from recruitment_shared.secrets import jwt_secret
from recruitment_shared.web.auth import install_identity_provider
from recruitment_shared.web.guards import refuse_nul_characters
from recruitment_shared.web.metrics import DatabaseGauge, install_metrics
from recruitment_shared.web.outages import install_outage_answers
from recruitment_shared.web.problems import ProblemApi, problem_response
from recruitment_shared.web.rate_limits import install_rate_limits
from recruitment_shared.web.security_headers import install_security_headers
from recruitment_shared.web.swagger_ui import SWAGGER_UI_URL, swagger_ui_assets

CORRELATION_HEADER = "X-Correlation-ID"
ACCESS_LOG = logging.getLogger("access")
_PROBES = frozenset({"/healthz", "/readyz", "/health/live", "/health/ready", "/metrics"})
_SAFE_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def create_base_app(
    name: str,
    config: Mapping[str, Any] | None = None,
    readiness: Callable[[], str | None] = lambda: None,
    engine: Engine | None = None,
    gauges: Iterable[DatabaseGauge] = (),
    import_name: str | None = None,
) -> Flask:
    """What every web app of the platform shares, API or pages: JSON logs with correlation ids and
    an access log with masked tokens, /healthz, /readyz (`readiness` answers None when ready, else
    why not), /metrics, security headers and, behind a proxy, ProxyFix. An app that sets its own
    Content-Security-Policy in an after_request registered after this call keeps it. `import_name`:
    the package whose templates/ and static/ the app serves (an API serves none)."""
    configure_logging(name)
    app = Flask(import_name or name)
    app.config.update(config or {})
    app.register_blueprint(_health_blueprint(readiness))
    _track_correlation_ids(app)
    refuse_nul_characters(app)
    install_security_headers(app)
    install_metrics(app, name, engine, gauges)  # type: ignore[arg-type]  # no engine: no database gauges
    _trust_proxies(app, int(os.environ.get("TRUSTED_PROXY_COUNT") or 0))
    return app


def create_service_app(
    name: str,
    engine: Engine,
    blueprints: Iterable[ApiBlueprint],
    config: Mapping[str, Any] | None = None,
    gauges: Iterable[DatabaseGauge] = (),
) -> Flask:
    """A Flask app for service `name` on `engine` (built by the service's bootstrap), with its API
    blueprints registered and documented, health, metrics and correlation ids."""
    config = {key: value for key, value in (config or {}).items() if key != "DATABASE_URL"}
    defaults = {
        "API_TITLE": f"{name} service",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": SWAGGER_UI_URL,  # served from a pinned package, not a CDN
    }
    app = create_base_app(name, defaults | config, lambda: _database_unready(engine), engine, gauges)
    if not app.config.get("JWT_SECRET"):
        app.config["JWT_SECRET"] = jwt_secret()
    install_identity_provider(app, environment_with(config))
    app.extensions["engine"] = engine
    api = ProblemApi(app)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.register_blueprint(swagger_ui_assets())
    install_outage_answers(app)
    install_rate_limits(app)  # after the blueprints: it limits the views they mark
    return app


def _database_unready(engine: Engine) -> str | None:
    """Why the service is not ready (its database cannot be reached), or None."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any database failure means "not ready", never a 500
        return f"database unreachable: {exc.__class__.__name__}"
    return None


def _trust_proxies(app: Flask, count: int) -> None:
    """Behind `count` proxies (the front proxy: 1), take the client's address, the scheme and the
    path prefix (/api/vacancies, ...) from their X-Forwarded-* headers, so that Location headers
    and the OpenAPI pages point where clients can reach them. Off by default: without a proxy
    these headers come from the client and must not be believed."""
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_prefix=count)


def _track_correlation_ids(app: Flask) -> None:
    @app.before_request
    def _begin() -> None:
        g.request_started = time.perf_counter()
        supplied = request.headers.get(CORRELATION_HEADER, "")
        # An id from outside ends up in logs: accept only a harmless shape.
        chosen = supplied if _SAFE_CORRELATION_ID.match(supplied) else new_correlation_id()
        g.correlation_token = bind_correlation_id(chosen)

    @app.after_request
    def _answer(response: Response) -> Response:
        response.headers[CORRELATION_HEADER] = current_correlation_id() or ""
        _log_request(response)
        return response

    @app.teardown_request
    def _end(_exc: BaseException | None) -> None:
        token = g.pop("correlation_token", None)
        if token is not None:
            unbind_correlation_id(token)


def _log_request(response: Response) -> None:
    """The access log: one JSON line per request, with its correlation id. The path without the
    query string, which may carry a candidate's address (the delivery log's ?recipient=), and
    with its tokens masked (a candidate's link, an alert's confirm or unsubscribe link)."""
    elapsed_ms = (time.perf_counter() - g.request_started) * 1000 if "request_started" in g else 0.0
    path = request.script_root + _masked(request.path)
    # Probes come every few seconds from orchestrators: only worth a line when debugging.
    level = logging.DEBUG if request.path in _PROBES else logging.INFO
    ACCESS_LOG.log(level, "%s %s %d %.0fms", request.method, path, response.status_code, elapsed_ms)


_SECRET_VIEW_ARGS = frozenset({"token"})  # path arguments that open something: never in a log line


def _masked(path: str) -> str:
    """`path` with every segment that a secret view argument matched replaced by ***."""
    secrets = {str(value) for name, value in (request.view_args or {}).items() if name in _SECRET_VIEW_ARGS}
    if not secrets:
        return path
    return "/".join("***" if segment in secrets else segment for segment in path.split("/"))


def _health_blueprint(readiness: Callable[[], str | None]) -> Blueprint:
    health = Blueprint("health", __name__)

    @health.get("/healthz")
    @health.get("/health/live")
    def live() -> tuple[dict, int]:
        return {"status": "ok"}, 200

    @health.get("/readyz")
    @health.get("/health/ready")
    def ready() -> Response | tuple[dict, int]:
        unready = readiness()
        if unready:
            return problem_response(503, "Service Unavailable", unready)
        return {"status": "ready"}, 200

    return health
