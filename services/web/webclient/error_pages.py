"""Pages for what goes wrong: an unknown page (404), a service that is down (503, friendly,
with Retry-After; the rest of the site stays up), anything else, without details."""

from __future__ import annotations

import logging

from flask import Flask, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from webclient.api_client import ApiProblem, ServiceUnavailable
from webclient.consultant_session import current_consultant, forget
from webclient.languages import current_language

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 60


def install_error_pages(app: Flask) -> None:
    """Render every error as a page of the site, in the visitor's language."""
    app.register_error_handler(ServiceUnavailable, _service_unavailable)
    app.register_error_handler(ApiProblem, _unexpected_problem)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)


def _csrf_error(_error: CSRFError) -> tuple[str, int]:
    # A form without this session's token: sent from elsewhere, or from a page open since before a restart.
    message = _("This form has expired or was not sent from this site. Please open the page again and resend it.")
    return render_template("error.html", title=_("Form expired"), message=message), 400


def _service_unavailable(error: ServiceUnavailable) -> tuple[str, int, dict[str, str]]:
    messages = {
        "vacancy": _("The vacancies are briefly unavailable; try again in a minute."),
        "application": _("Applications are briefly unavailable; try again in a minute."),
        "notification": _("Job alerts are briefly unavailable; try again in a minute."),
    }
    page = render_template("error.html", title=_("Briefly unavailable"), message=messages[error.service])
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def _unexpected_problem(error: ApiProblem) -> Response | tuple[str, int]:
    if error.status == 401 and current_consultant() is not None:
        # The API no longer accepts the consultant's token (expired, or the provider's keys rotated): sign in again.
        response = redirect(url_for("pages.sign_in", lang=current_language(), next=request.full_path.rstrip("?")))
        forget(response)
        return response
    if error.status == 403:  # a consultant opening another consultant's vacancy or application
        message = _("This belongs to another consultant's vacancies.")
        return render_template("error.html", title=_("No access"), message=message), 403
    if error.status == 404:
        return render_template("error.html", title=_("Page not found"), message=_("This page does not exist.")), 404
    # An answer no page expects (the API refused what this site sent): a bug of ours, logged.
    log.error("unexpected API problem during %s: %s", request.url_rule.rule if request.url_rule else "-", error)
    return render_template("error.html", title=_("Something went wrong"), message=_("Please try again later.")), 502


def _http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    if code == 404 and error.description == "link":  # a personal link that opens nothing
        title, message = (
            _("Link not valid"),
            _("This link is not valid, or no longer valid. Use the link in your latest email."),
        )
    elif code == 413:
        title, message = _("CV too large"), _("Your CV is larger than 5 MB. Please send a smaller PDF or Word file.")
    elif code == 404:
        title, message = _("Page not found"), _("This page does not exist, or the vacancy is no longer online.")
    else:
        title, message = (
            error.name,
            _("Please try again later.") if code >= 500 else _("This request cannot be handled."),
        )
    return render_template("error.html", title=title, message=message), code
