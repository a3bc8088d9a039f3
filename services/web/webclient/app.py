"""The web client's app: `gunicorn 'webclient.app:create_app()'`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response
from flask_wtf.csrf import CSRFProtect

from recruitment_shared.config import environment_with
from recruitment_shared.web import create_base_app
from webclient import (
    alert_pages,  # noqa: F401  (its routes join the pages blueprint)
    application_pages,  # noqa: F401  (its routes join the pages blueprint)
    bootstrap,
    my_data_pages,  # noqa: F401  (the candidate's own data: download, consent, erasure)
    workspace,  # noqa: F401  (the consultants' pages: their routes join the pages blueprint)
    workspace_applications,  # noqa: F401  (the consultant's inbox and application pages)
    workspace_emails,  # noqa: F401  (the consultant's email delivery log)
    workspace_interviews,  # noqa: F401  (interviews, scorecards and staff notes; the interviews to come)
    workspace_pool,  # noqa: F401  (the talent pool: search, suggested candidates for a vacancy)
    workspace_reports,  # noqa: F401  (pipeline reports per consultant and per vacancy, with CSV)
    workspace_vacancies,  # noqa: F401  (the consultant's vacancies: list, create, edit, publish, close)
)
from webclient.api_client import ApiClient
from webclient.apply_form import MAX_CV_BYTES
from webclient.consultant_session import current_consultant
from webclient.error_pages import install_error_pages
from webclient.formatting import install_formatting
from webclient.languages import install_languages
from webclient.pages import pages, root
from webclient.sign_in import install_sign_in

# Pages, not JSON: scripts, styles and images from this origin only, no inline script, forms
# posted only here, never framed. The JobPosting JSON-LD is a data block, which runs nothing.
CSRF = CSRFProtect()
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the web client's bootstrap; `config` may override the API URLs and Flask settings."""
    dependencies = bootstrap.build(environment_with(config))
    # Readiness is the process being up: an API that is down is shown on the pages that need it.
    session_config = {
        "SECRET_KEY": dependencies.session_key,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": dependencies.secure_cookies,
        "MAX_CONTENT_LENGTH": MAX_CV_BYTES + 256 * 1024,  # a CV of 5 MB and the form's fields
        "WTF_CSRF_TIME_LIMIT": None,  # valid as long as the session: a candidate may take an hour to apply
    }
    app = create_base_app(bootstrap.SERVICE, session_config | dict(config or {}), import_name="webclient")
    app.extensions["api"] = ApiClient(dependencies.api)
    install_languages(app)
    install_formatting(app)
    CSRF.init_app(app)  # every POST form carries the session's token; without it: 400
    install_sign_in(app, dependencies.sign_in)
    app.jinja_env.globals["current_consultant"] = current_consultant
    app.register_blueprint(root)
    app.register_blueprint(pages)
    install_error_pages(app)
    app.after_request(_page_policy)  # registered after the base's headers, so it runs first and is kept
    return app


def _page_policy(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
    return response
