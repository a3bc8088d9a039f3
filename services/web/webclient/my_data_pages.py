"""A candidate's own data, from their self-service page: download it, withdraw the talent-pool
consent, erase everything.

The candidate's link is the only key: every call passes it to the APIs, which derive from it whose
data they answer, so no parameter of this site can reach another candidate's (GDPR articles 15, 17
and 20). The download is one JSON document assembled from the application and notification
services; the CVs are separate downloads, streamed from the application service.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from webclient.api_client import ApiClient, ApiProblem
from webclient.application_pages import own_application
from webclient.pages import _api, pages
from webclient.workspace_cv import as_download

PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}  # nothing keeps a copy


@pages.get("/my-application/<token>/my-data.json")
def download_my_data(token: str) -> Response:
    """Everything the platform holds about the candidate, as one JSON attachment."""
    applications = _candidate_call(lambda api: api.get("application", f"/candidate/applications/{token}/export"))
    try:
        notifications = _api().get("notification", f"/candidate/{token}/export")
    except ApiProblem as problem:
        if problem.status != 404:  # 404: no email or alert known for this link (e.g. all purged)
            raise
        notifications = {"emails": [], "alert_subscriptions": []}
    document = {
        "exported_at": datetime.now(UTC).isoformat(),
        "applications": applications.get("applications", []),
        "emails": notifications.get("emails", []),
        "job_alerts": notifications.get("alert_subscriptions", []),
        "cv_files": _("Each CV is a separate download on your application's page."),
    }
    body = json.dumps(document, ensure_ascii=False, indent=2)
    disposition = 'attachment; filename="my-data.json"'
    return Response(body, mimetype="application/json", headers=PRIVATE | {"Content-Disposition": disposition})


@pages.get("/my-application/<token>/cv/<uuid:application_id>")
def download_my_cv(token: str, application_id: uuid.UUID) -> Response:
    """The CV the candidate sent with one of their applications, as a download."""
    path = f"/candidate/applications/{token}/cv/{application_id}"
    return as_download(_candidate_call(lambda api: api.fetch("application", path, stream=True)), "cv")


@pages.post("/my-application/<token>/talent-pool/withdraw")
def withdraw_talent_pool(token: str) -> BaseResponse:
    """Stop being kept for future vacancies; the applications then follow the ordinary retention."""
    _candidate_call(lambda api: api.post("application", f"/candidate/applications/{token}/talent-pool/withdraw"))
    return redirect(url_for("pages.my_application", token=token), 303)


@pages.route("/my-application/<token>/erase", methods=["GET", "POST"])
def erase_my_data(token: str) -> str | tuple[str, int]:
    """GET asks for confirmation; only the POST erases, everywhere, for good."""
    application = own_application(token)
    if request.method == "GET":
        return render_template("erase.html", application=application, token=token)
    erased = _candidate_call(lambda api: api.post("application", f"/candidate/applications/{token}/erase"))
    return render_template("erased.html", erased=erased)


def _candidate_call(call: Callable[[ApiClient], Any]) -> Any:
    """One API call opened by the candidate's link; a link that opens nothing is the 'link' 404 page."""
    try:
        return call(_api())
    except ApiProblem as problem:
        if problem.status in (400, 404, 410, 422):
            abort(404, description="link")
        raise
