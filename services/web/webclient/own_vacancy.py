"""What the workspace's vacancy pages share: the consultant's own vacancy, and how a vacancy's status
and close reason read.

The vacancy API lets any consultant read any vacancy (only its changes are the owner's); the
workspace opens only the consultant's own (an admin's: anyone's), as their list shows them, so a
colleague's vacancy gets the same "belongs to another consultant" page as a refused change.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from webclient.api_client import ApiProblem
from webclient.consultant_session import current_consultant
from webclient.pages import _api
from webclient.sign_in import bearer

FLASHED = "workspace-vacancy"  # the flash category of the vacancy pages, shown by their own templates
# With a context: "Published" alone is already the career site's "published on" (a date follows it).
STATUSES = {
    "draft": lazy_pgettext("vacancy status", "Draft"),
    "published": lazy_pgettext("vacancy status", "Published"),
    "closed": lazy_pgettext("vacancy status", "Closed"),
}
CLOSED_AS = {"filled": _l("filled"), "cancelled": _l("cancelled"), "expired": _l("expired")}
CLOSE_REASONS = {
    "filled": _l("Filled: a candidate got the job"),
    "cancelled": _l("Cancelled: the client no longer needs it"),
    "expired": _l("Expired: its deadline has passed"),
}


def own_vacancy(vacancy_id: uuid.UUID) -> tuple[dict[str, Any], str]:
    """The vacancy and its ETag, if it is the signed-in consultant's (or they are an admin); else
    ApiProblem(403), which the error pages show as "belongs to another consultant"."""
    vacancy, etag = _api().get_versioned("vacancy", f"/consultant/vacancies/{vacancy_id}", bearer=bearer())
    consultant = current_consultant()
    owner = str((vacancy.get("consultant") or {}).get("email") or "")
    if consultant is None or not (consultant.is_admin or owner.lower() == consultant.email.lower()):
        raise ApiProblem(403, "another consultant's vacancy")
    return vacancy, etag


def page_labels() -> dict[str, Any]:
    """What every vacancy page's template reads: the labels, the flash category, and whether the
    applications inbox exists yet (its pages come with their own module)."""
    return {
        "statuses": STATUSES,
        "close_reasons": CLOSE_REASONS,
        "closed_as": CLOSED_AS,
        "flashed": FLASHED,
        "inbox": "pages.inbox" in current_app.view_functions,
    }
