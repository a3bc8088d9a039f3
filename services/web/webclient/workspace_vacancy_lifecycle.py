"""Publishing and closing a vacancy from the workspace, each behind a confirmation step.

Publishing first says what candidates would still miss (the API's own rule: an introduction,
responsibilities and requirements, and no deadline in the past), so the consultant is not refused
after clicking. Closing asks why, offering only the reasons the API takes for the vacancy's status:
a draft can only be cancelled.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webclient.api_client import ApiProblem
from webclient.own_vacancy import CLOSE_REASONS, FLASHED, own_vacancy, page_labels
from webclient.pages import _api, pages
from webclient.sign_in import bearer, consultant_required
from webclient.vacancy_form import missing_to_publish

Page = tuple[str, int] | str | Response


@pages.route("/consultant/vacancies/<uuid:vacancy_id>/publish", methods=["GET", "POST"])
@consultant_required
def publish_vacancy(vacancy_id: uuid.UUID) -> Page:
    """GET asks to confirm (and says what is still missing); only the POST publishes."""
    vacancy, _etag = own_vacancy(vacancy_id)
    if request.method == "GET":
        return _publish_page(vacancy)
    try:
        _api().post("vacancy", f"/consultant/vacancies/{vacancy_id}/publish", bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 409:  # not a draft (any more), or not ready: the page says which
            raise
        return _publish_page(vacancy, refused=True), 409
    flash(
        _("%(reference)s is published: candidates find it on the job board.", reference=vacancy["reference"]), FLASHED
    )
    return redirect(url_for("pages.edit_vacancy", vacancy_id=vacancy_id), 303)


@pages.route("/consultant/vacancies/<uuid:vacancy_id>/close", methods=["GET", "POST"])
@consultant_required
def close_vacancy(vacancy_id: uuid.UUID) -> Page:
    """GET asks why and to confirm; only the POST closes."""
    vacancy, _etag = own_vacancy(vacancy_id)
    reasons = close_reasons(vacancy)
    if request.method == "GET":
        return _close_page(vacancy, reasons)
    reason = request.form.get("reason", "")
    if reason not in reasons:
        return _close_page(vacancy, reasons, _("Choose why the vacancy closes.") if reasons else ""), 422
    try:
        _api().post("vacancy", f"/consultant/vacancies/{vacancy_id}/close", json={"reason": reason}, bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 409:  # closed meanwhile
            raise
        return _close_page(vacancy, {}), 409
    flash(_("%(reference)s is closed: candidates no longer see it.", reference=vacancy["reference"]), FLASHED)
    return redirect(url_for("pages.edit_vacancy", vacancy_id=vacancy_id), 303)


def close_reasons(vacancy: dict[str, Any]) -> dict[str, Any]:
    """The reasons the API takes for this vacancy, with their labels: a draft can only be
    cancelled, a closed one not closed again."""
    if vacancy["status"] == "draft":
        return {"cancelled": CLOSE_REASONS["cancelled"]}
    return dict(CLOSE_REASONS) if vacancy["status"] == "published" else {}


def _publish_page(vacancy: dict[str, Any], refused: bool = False) -> str:
    today = date.today().isoformat()
    past = [day for day in (vacancy.get("end_date"), vacancy.get("closes_on")) if day and day < today]
    return render_template(
        "workspace_vacancy_publish.html",
        vacancy=vacancy,
        missing=missing_to_publish(vacancy),
        past_deadline=bool(past),
        refused=refused,
        **page_labels(),
    )


def _close_page(vacancy: dict[str, Any], reasons: dict[str, Any], error: str = "") -> str:
    return render_template(
        "workspace_vacancy_close.html", vacancy=vacancy, reasons=reasons, error=error, **page_labels()
    )
