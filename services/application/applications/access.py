"""Who may act on an application's staff data (interviews, notes, scorecards): the vacancy's
consultant or an admin, as for the application itself (consultant_api.py)."""

from __future__ import annotations

from applications.domain import KnownVacancy
from applications.staff_notes import Author
from recruitment_shared.web import reject
from recruitment_shared.web.auth import current_principal


def require_owner(vacancy: KnownVacancy | None) -> None:
    """403 unless the caller is an admin or the vacancy's consultant (404 for unknown vacancies)."""
    if vacancy is None:
        reject(404, "no such vacancy has been published")
    if not current_principal().acts_for(vacancy.consultant.email if vacancy.consultant else ""):
        reject(403, f"vacancy {vacancy.reference} is another consultant's")


def caller() -> Author:
    """The signed-in consultant or admin, as their token names them."""
    principal = current_principal()
    return Author(principal.email, principal.name or principal.email)
