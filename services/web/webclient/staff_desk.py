"""What the application page shows of its staff work: its interviews (with their scorecards) and
its notes, fetched from the application API with the consultant's token as the page renders."""

from __future__ import annotations

import uuid
from typing import Any

from webclient.consultant_session import current_consultant
from webclient.pages import _api, pages
from webclient.sign_in import bearer


@pages.app_template_global("staff_desk")
def staff_desk(application_id: uuid.UUID | str) -> dict[str, Any]:
    """The application's interviews and notes, and who is reading (whose notes and scorecards are theirs)."""
    interviews = _api().get("application", f"/consultant/applications/{application_id}/interviews", bearer=bearer())
    notes = _api().get("application", f"/consultant/applications/{application_id}/notes", bearer=bearer())
    return {"interviews": interviews, "notes": notes, "me": current_consultant().email.lower()}
