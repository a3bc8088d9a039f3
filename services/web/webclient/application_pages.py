"""A candidate's application pages: the apply form, its confirmation, and the self-service page the
confirmation email's link opens (status, history, withdraw behind a confirmation step).

The email address a candidate typed reaches the confirmation page through the session's flash,
never the URL. The self-service token is a path argument named `token`, which the access log masks.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import abort, flash, g, get_flashed_messages, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient.api_client import ApiProblem
from webclient.apply_form import MAX_CV_BYTES, choices, field_errors, notice_blocks, submission, unplaced
from webclient.languages import preferred_language
from webclient.pages import _api, pages, root

_TOKEN = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")  # an itsdangerous token: no slash, no dot-segment
Page = tuple[str, int] | str | Response


@pages.route("/vacancies/<reference>/apply", methods=["GET", "POST"])
def apply(reference: str) -> Page:
    """The apply form; posted, it is sent to the application API with its CV and Idempotency-Key."""
    vacancy = _vacancy(reference)
    if request.method == "GET":
        return _form(vacancy, {}, {})
    cv = request.files.get("cv")
    files = None
    if cv and cv.filename:
        content = cv.stream.read(MAX_CV_BYTES + 1)
        if len(content) > MAX_CV_BYTES:
            return _cv_too_large()
        files = {"cv": (cv.filename, content, cv.mimetype or "application/octet-stream")}
    sent = submission(request.form, vacancy["id"])
    key = request.form.get("idempotency_key") or None
    try:
        _api().post("application", "/applications", data=sent.data, files=files, idempotency_key=key)
    except ApiProblem as problem:
        if problem.status == 409:
            message = _("This vacancy no longer takes applications.")
            return render_template("error.html", title=_("Vacancy closed"), message=message), 409
        if problem.status == 413:
            return _cv_too_large()
        if problem.status not in (400, 422):
            raise
        return _form(vacancy, request.form, field_errors(problem.fields, sent.language_rows), problem.detail), 422
    flash(request.form.get("email", ""), "applied")
    return redirect(url_for("pages.applied", vacancy=reference), 303)


@pages.get("/applied")
def applied() -> str:
    """Thank you: the address the confirmation went to, from the session (once), never from the URL."""
    addresses = get_flashed_messages(category_filter=["applied"])
    return render_template("applied.html", email=addresses[-1] if addresses else None)


@root.get("/my-application/<token>")
def my_application_in_my_language(token: str) -> Response:
    """A link without a language: the same page in the browser's best language."""
    return redirect(url_for("pages.my_application", token=token, lang=preferred_language()), 302)


@pages.get("/my-application/<token>")
def my_application(token: str) -> str:
    """The candidate's own application: status, history and the vacancy's title."""
    application = own_application(token)
    return render_template("my_application.html", application=application, token=token, **_labels())


@pages.route("/my-application/<token>/withdraw", methods=["GET", "POST"])
def withdraw(token: str) -> Page:
    """GET asks for confirmation (and an optional reason); only the POST withdraws."""
    application = own_application(token)
    if request.method == "GET":
        return render_template("withdraw.html", application=application, token=token, **_labels())
    reason = (request.form.get("reason") or "").strip()[:2000] or None
    try:
        _api().post("application", f"/candidate/applications/{token}/withdraw", json={"reason": reason})
    except ApiProblem as problem:
        if problem.status == 404:
            abort(404)
        if problem.status != 409:
            raise
        message = _("This application can no longer be withdrawn.")
        return render_template("error.html", title=_("Not withdrawn"), message=message), 409
    return redirect(url_for("pages.my_application", token=token), 303)


def _vacancy(reference: str) -> dict[str, Any]:
    if not reference.isdigit() or len(reference) > 10:
        abort(404)
    try:
        return _api().get("vacancy", f"/vacancies/by-reference/{reference}")
    except ApiProblem as problem:
        if problem.status == 404:
            abort(404)
        raise


def _form(vacancy: dict, values: Any, errors: dict[str, list[str]], detail: str = "") -> str:
    # A key per rendered form: a double click or a resent page is one application.
    key = secrets.token_urlsafe(24)
    general = unplaced(errors) or ([detail] if errors == {} and detail else [])
    if "privacy_notice_version" in errors:  # it changed while the form was open: the new one is shown now
        general.insert(0, _("Our privacy notice has just changed. Please read it again and send the form once more."))
    notice = _api().get("application", "/privacy-notice")
    text = notice["texts"].get(g.get("lang")) or notice["texts"]["en"]
    return render_template(
        "apply.html",
        vacancy=vacancy,
        values=values,
        errors=errors,
        general=general,
        key=key,
        notice_version=notice["version"],
        notice=notice_blocks(text),
        **choices(),
    )


def _cv_too_large() -> tuple[str, int]:
    message = _("Your CV is larger than 5 MB. Please send a smaller PDF or Word file.")
    return render_template("error.html", title=_("CV too large"), message=message), 413


def own_application(token: str) -> dict[str, Any]:
    """The application the token opens, with its vacancy's title; 404 for any link that does not."""
    if len(token) > 500 or not _TOKEN.fullmatch(token):
        abort(404, description="link")
    try:
        application = _api().get("application", f"/candidate/applications/{token}")
    except ApiProblem as problem:
        if problem.status in (400, 404, 422):
            abort(404, description="link")
        raise
    try:
        vacancy = _api().get("application", f"/vacancies/{application['vacancy_id']}")
        application["vacancy_title"] = vacancy.get("title")
    except ApiProblem:
        application["vacancy_title"] = None
    return application


def _labels() -> dict[str, Any]:
    return {"lang": g.get("lang")}
