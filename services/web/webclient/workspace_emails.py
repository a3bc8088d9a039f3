"""The consultant's email delivery log: the emails about their vacancies (an admin's: every email),
by delivery status, newest first, and a Retry for one that failed.

The notification API decides whose emails a consultant sees and whether one may be retried (409:
it is no longer failed, say because a colleague retried it a moment ago, or its content was erased).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from webclient.api_client import ApiProblem
from webclient.email_log import DELIVERY_STATUSES, delivery_status, failure_in_words, kind, masked
from webclient.pages import _api, pages
from webclient.pipeline import moment
from webclient.sign_in import bearer, consultant_required

PAGE_SIZE = 25
MAX_PAGE = 10_000
EMAIL_ID = "<int(max=9223372036854775807):email_id>"  # the API's ids are BIGINT

pages.add_app_template_filter(kind, "email_kind")
pages.add_app_template_filter(delivery_status, "delivery_status")
pages.add_app_template_filter(masked, "masked_address")
pages.add_app_template_filter(failure_in_words, "failure_in_words")
pages.add_app_template_filter(moment, "moment")  # as on the application pages


@pages.get("/consultant/emails")
@consultant_required
def delivery_log() -> tuple[str, int] | str:
    """The delivery log, one status (or all) at a time, a page of it."""
    status, page = request.args.get("status") or None, _page(request.args)
    if status not in (None, *DELIVERY_STATUSES):
        message = _("There is no such delivery status. Choose one of the tabs.")
        return render_template("error.html", title=_("Unknown status"), message=message), 400
    query = {"status": status, "page": page, "page_size": PAGE_SIZE}
    found = _api().get("notification", "/emails", query, bearer=bearer())
    return render_template(
        "workspace_emails.html",
        found=found,
        status=status,
        statuses=DELIVERY_STATUSES,
        pages=max((found["total"] + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


@pages.post(f"/consultant/emails/{EMAIL_ID}/retry")
@consultant_required
def retry_email(email_id: int) -> Response:
    """Queue a failed email again; back to the log as the consultant was reading it."""
    try:
        _api().post("notification", f"/emails/{email_id}/retry", bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 409:
            raise
        # No longer failed (retried or sent meanwhile), or its content was erased: nothing to send again.
        flash(_("Not retried: this email is no longer failed, or its content has been erased."), "inbox-warning")
    else:
        flash(_("The email is queued again: it goes out within a minute."), "inbox-done")
    status, page = request.form.get("status"), _page(request.form)
    back = {"status": status if status in DELIVERY_STATUSES else None, "page": page if page > 1 else None}
    return redirect(url_for("pages.delivery_log", **back), 303)


def _page(values: MultiDict) -> int:
    """The page asked for, within the pages there can be."""
    return min(max(values.get("page", 1, type=int) or 1, 1), MAX_PAGE)
