"""The consultant's preferred language, as their own token tells it: what their emails are written in.

Events carry it (`consultant.language`) to the services that email the consultant. Only the
vacancy's own consultant sets it, through their token's `locale`: an admin acting for them keeps
the one known (or names one in the request).
"""

from __future__ import annotations

from dataclasses import replace

from recruitment_shared.web.auth import current_principal
from vacancies.domain import Vacancy


def in_callers_language(vacancy: Vacancy) -> Vacancy:
    """`vacancy`, its consultant speaking the caller's language when the caller is that consultant
    and their token names one of the agency's languages; otherwise unchanged."""
    principal, consultant = current_principal(), vacancy.consultant
    if principal is None or principal.language is None or principal.email.lower() != consultant.email.lower():
        return vacancy
    vacancy.consultant = replace(consultant, language=principal.language)
    return vacancy
