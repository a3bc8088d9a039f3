"""The consultants' workspace: its entry page, and what every one of its pages shares.

Its pages live under /<lang>/consultant/… in modules of their own (workspace_vacancies.py,
workspace_applications.py, workspace_emails.py); each view is guarded by `consultant_required`
and calls the APIs with the consultant's token (`sign_in.bearer()`), so the services decide what
they may see and do, exactly as for any other client.
"""

from __future__ import annotations

from flask import redirect, url_for
from werkzeug.wrappers import Response

from webclient.pages import pages
from webclient.sign_in import consultant_required


@pages.get("/consultant/")
@consultant_required
def consultant_home() -> Response:
    """The workspace starts at the consultant's vacancies."""
    return redirect(url_for("pages.my_vacancies"))
