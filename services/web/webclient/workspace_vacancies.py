"""The consultant's vacancies in the workspace: their list by status, and the form to create one
and to edit one (publishing and closing: workspace_vacancy_lifecycle.py).

An edit is sent with the ETag of the version the form was opened with (If-Match); when the vacancy
changed meanwhile the API refuses it (412) and the page shows the new version beside the
consultant's changes, set on top of it, ready to save (vacancy_conflict.py). Every call carries the
consultant's token; the vacancy API decides what they may change.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_pgettext
from werkzeug.wrappers import Response

from webclient import workspace_vacancy_lifecycle  # noqa: F401  (publishing, closing: routes of the pages blueprint)
from webclient.api_client import ApiProblem
from webclient.consultant_session import current_consultant
from webclient.own_vacancy import FLASHED, STATUSES, own_vacancy, page_labels
from webclient.pages import _api, pages
from webclient.sign_in import bearer, consultant_required
from webclient.vacancy_conflict import original_of, reconcile
from webclient.vacancy_errors import field_errors
from webclient.vacancy_form import (
    Values,
    blank,
    choices,
    language_rows,
    request_body,
    text_rows,
    typed,
    values_of,
)

Page = tuple[str, int] | str | Response
TABS = {
    "draft": lazy_pgettext("vacancy status", "Drafts"),
    "published": STATUSES["published"],
    "closed": STATUSES["closed"],
}
PAGE_SIZE = 25
MAX_PAGE = 10_000  # the API's limit: a page number beyond it shows an empty page, not an error


@pages.get("/consultant/vacancies")
@consultant_required
def my_vacancies() -> str:
    """The consultant's vacancies, newest first, all or of one status, with the count of each."""
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    asked = request.args.get("page", "")
    page = int(asked) if asked.isascii() and asked.isdigit() else 1
    found = _listed({"status": status, "page": min(max(page, 1), MAX_PAGE), "page_size": PAGE_SIZE})
    counts = {each: _listed({"status": each, "page_size": 1})["total"] for each in STATUSES}
    return render_template(
        "workspace_vacancies.html",
        status=status,
        found=found,
        counts=counts,
        pages=max((found["total"] + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        tabs=TABS,
        **page_labels(),
    )


@pages.route("/consultant/vacancies/new", methods=["GET", "POST"])
@consultant_required
def new_vacancy() -> Page:
    """An empty form; posted, a new draft of the signed-in consultant."""
    if request.method == "GET":
        return _form_page(blank(g.lang))
    values = typed(request.form)
    consultant = current_consultant()
    owner = {"name": consultant.name or consultant.email, "email": consultant.email}
    try:
        created = _api().post(
            "vacancy", "/consultant/vacancies", json=request_body(values, owner, creating=True), bearer=bearer()
        )
    except ApiProblem as problem:
        if problem.status not in (409, 422) or (problem.status == 409 and "reference" not in problem.fields):
            raise
        return _form_page(values, field_errors(problem.fields, problem.detail), status=422)
    flash(_("Draft %(reference)s saved. Publish it when it is ready.", reference=created["reference"]), FLASHED)
    return redirect(url_for("pages.edit_vacancy", vacancy_id=created["id"]), 303)


@pages.route("/consultant/vacancies/<uuid:vacancy_id>/edit", methods=["GET", "POST"])
@consultant_required
def edit_vacancy(vacancy_id: uuid.UUID) -> Page:
    """The vacancy's form with its current version; posted, a new version if nobody changed it meanwhile."""
    vacancy, etag = own_vacancy(vacancy_id)
    if request.method == "GET" or vacancy["status"] == "closed":  # a closed one is shown, not edited
        status = 200 if request.method == "GET" else 409
        return _form_page(values_of(vacancy), vacancy=vacancy, etag=etag, original=values_of(vacancy), status=status)
    values = typed(request.form)
    body = request_body(values, vacancy["consultant"], creating=False)
    sent_etag = request.form.get("etag", "")
    try:
        _api().put("vacancy", f"/consultant/vacancies/{vacancy_id}", json=body, if_match=sent_etag, bearer=bearer())
    except ApiProblem as problem:
        if problem.status in (412, 428):  # changed since the form was opened (or sent without its version)
            return _conflict(vacancy_id, values)
        if problem.status == 409:  # closed meanwhile: shown as it is now
            now, _etag = own_vacancy(vacancy_id)
            return _form_page(values_of(now), vacancy=now, status=409)
        if problem.status != 422:
            raise
        errors = field_errors(problem.fields, problem.detail)
        original = request.form.get("original", "")
        return _form_page(values, errors, vacancy=vacancy, etag=sent_etag, original=original, status=422)
    flash(_("Your changes to %(reference)s are saved.", reference=vacancy["reference"]), FLASHED)
    return redirect(url_for("pages.edit_vacancy", vacancy_id=vacancy_id), 303)


def _listed(query: dict[str, Any]) -> dict[str, Any]:
    wanted = {name: value for name, value in query.items() if value is not None}
    return _api().get("vacancy", "/consultant/vacancies", wanted, bearer=bearer())


def _conflict(vacancy_id: uuid.UUID, yours: Values) -> tuple[str, int]:
    """The new version, the consultant's changes, and the form with both (and the new ETag)."""
    now, etag = own_vacancy(vacancy_id)
    current = values_of(now)
    if now["status"] == "closed":
        return _form_page(current, vacancy=now, status=409)
    reconciled = reconcile(original_of(request.form.get("original"), current), current, yours)
    context = {"yours": reconciled.yours, "theirs": reconciled.theirs, "conflict": True}
    return _form_page(reconciled.values, vacancy=now, etag=etag, original=current, status=409, **context)


def _form_page(
    values: Values,
    errors: dict[str, list[str]] | None = None,
    *,
    vacancy: dict[str, Any] | None = None,
    etag: str = "",
    original: Values | str | None = None,
    status: int = 200,
    **context: Any,
) -> tuple[str, int]:
    carried = original if isinstance(original, str) else json.dumps(original or {}, ensure_ascii=False)
    page = render_template(
        "workspace_vacancy_conflict.html" if context.get("conflict") else "workspace_vacancy_form.html",
        values=values,
        errors=errors or {},
        vacancy=vacancy,
        etag=etag,
        original=carried,
        rows=language_rows(values),
        heights=text_rows(values),
        choices=choices(values),
        **page_labels(),
        **context,
    )
    return page, status
