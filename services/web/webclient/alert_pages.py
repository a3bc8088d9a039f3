"""Job-alert pages: the subscribe form (reached from the job board with its filters), "check your
inbox", and the pages the alert emails' links open: confirm and unsubscribe.

The emails' links open these pages, never the API: a GET only shows the alert (mail scanners and
link previews follow links), and the page's button POSTs, with the session's CSRF token, to the same
URL, which asks the notification API. The token is a path argument named `token`, which the access
log masks. Unsubscribing deletes the alert at once: the button's answer is a page of its own, and a
later visit of the link says kindly that the alert no longer exists (the API's 410). The address
typed in the form reaches "check your inbox" through the session's flash, never the URL, and that
page reads the same whether or not the address had an alert already.
"""

from __future__ import annotations

from typing import Any

from flask import flash, g, get_flashed_messages, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient.alert_form import (
    CONTRACT_TYPES,
    FREQUENCIES,
    ROLE_TYPES,
    WORKPLACES,
    board_filters,
    field_errors,
    in_words,
    left_out,
    prefilled,
    subscription,
    typed,
)
from webclient.api_client import ApiProblem
from webclient.application_pages import _TOKEN
from webclient.pages import _api, pages

Page = tuple[str, int] | str | Response
ACTIONS = {"confirm": "alert_confirm.html", "unsubscribe": "alert_unsubscribe.html"}


@pages.app_template_global()
def alert_link(board: Any) -> str:
    """The alert form's address, carrying the job board's search and filters."""
    return url_for("pages.alert_form", **board_filters(board))


@pages.route("/alerts", methods=["GET", "POST"])
def alert_form() -> Page:
    """The form, prefilled from the job board's query string; posted, it subscribes through the API."""
    if request.method == "GET":
        return _form(prefilled(request.args, g.lang), {}, left_out(request.args))
    try:
        _api().post("notification", "/alerts/subscriptions", json=subscription(request.form, g.lang))
    except ApiProblem as problem:
        if problem.status == 429:
            return _too_many()
        if problem.status not in (400, 422):
            raise
        return _form(typed(request.form, g.lang), field_errors(problem.fields), []), 422
    flash(request.form.get("email", "").strip(), "alert")
    return redirect(url_for("pages.alert_subscribed"), 303)


@pages.get("/alerts/subscribed")
def alert_subscribed() -> str:
    """Check your inbox: the address from the session (once), never from the URL."""
    addresses = get_flashed_messages(category_filter=["alert"])
    return render_template("alert_subscribed.html", email=addresses[-1] if addresses else None)


@pages.route("/alerts/confirm/<token>", methods=["GET", "POST"])
def alert_confirm(token: str) -> Page:
    """The confirmation email's link: GET shows the alert, its button POSTs here and confirms it."""
    return _link_page("confirm", token)


@pages.get("/alerts/unsubscribed")
def alert_unsubscribed() -> str:
    """Where unsubscribing leads: the alert is gone, so its link shows nothing any more."""
    return render_template("alert_unsubscribe.html", alert={"status": "unsubscribed"}, token=None)


@pages.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
def alert_unsubscribe(token: str) -> Page:
    """Every alert's unsubscribe link: GET shows the alert, its button POSTs here and ends it."""
    return _link_page("unsubscribe", token)


def _link_page(action: str, token: str) -> Page:
    """The alert a link opens, as the API shows it; a POST changes it there, then shows it again
    (redirected, so that reloading the result sends nothing twice)."""
    if len(token) > 500 or not _TOKEN.fullmatch(token):
        return _invalid_link(action)
    path = f"/alerts/{action}/{token}"
    try:
        if request.method == "POST":
            _api().post("notification", path)
            if action == "unsubscribe":  # deleted: the link itself opens nothing any more
                return redirect(url_for("pages.alert_unsubscribed"), 303)
            return redirect(url_for(request.endpoint, token=token), 303)
        shown = _api().get("notification", path)
    except ApiProblem as problem:
        if problem.status == 429:
            return _too_many()
        if problem.status == 410:  # a genuine link, whose alert was ended or never confirmed in time
            return render_template("alert_gone.html"), 410
        if problem.status not in (400, 404, 422):
            raise
        return _invalid_link(action)
    return render_template(ACTIONS[action], alert=shown, criteria=in_words(shown), token=token, **_choices())


def _form(values: dict[str, Any], errors: dict[str, str], not_kept: list[str]) -> str:
    return render_template("alert_form.html", values=values, errors=errors, left_out=not_kept, **_choices())


def _choices() -> dict[str, Any]:
    return {
        "role_types": ROLE_TYPES,
        "contract_types": CONTRACT_TYPES,
        "workplaces": WORKPLACES,
        "frequencies": FREQUENCIES,
    }


def _invalid_link(action: str) -> tuple[str, int]:
    # Expired, altered, or for an alert that no longer exists: the same page, and nothing about why.
    if action == "confirm":
        message = _("This link is not valid, or no longer valid: a confirmation link works for 7 days.")
    else:
        message = _("This link is not valid. Use the unsubscribe link in your latest job alert.")
    return render_template("alert_invalid.html", message=message, action=action), 404


def _too_many() -> tuple[str, int]:
    message = _("Too many attempts from your connection. Please wait a few minutes and try again.")
    return render_template("error.html", title=_("Please wait a moment"), message=message), 429
