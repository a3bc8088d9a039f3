"""Who may change which vacancy."""

from __future__ import annotations

from flask_smorest import abort

from recruitment_shared.web.auth import current_principal
from vacancies.domain import Vacancy


def require_owner(vacancy: Vacancy) -> None:
    """403 unless the caller is an admin or the vacancy's own consultant."""
    principal = current_principal()
    if principal is None or not principal.acts_for(vacancy.consultant.email):
        abort(403, message=f"Vacancy {vacancy.reference} is {vacancy.consultant.name}'s; only they or an admin may.")
