"""The talent pool in the consultant's workspace: searching it (every consultant may: the pool is the
agency's), and the candidates it suggests for one of their vacancies, with the reasons.

The application API decides what a consultant may see: whose suggestions (the vacancy's consultant
or an admin) and which candidates (those with a valid talent-pool consent, each person once). An
application in the pool links to its page only for whom it is open (its vacancy's consultant, an admin).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from flask import render_template, request

from webclient.api_client import ApiProblem
from webclient.consultant_session import current_consultant
from webclient.pages import _api, pages
from webclient.pool_reasons import marked, reason_text
from webclient.pool_search_form import CEFR, CONTRACTS, LANGUAGE_ROWS, MAX_PAGE, SPOKEN, pool_search
from webclient.sign_in import bearer, consultant_required

PAGE_SIZE = 20
PRIVATE = {"Cache-Control": "no-store"}  # candidates' contact details and CVs' words: no cache keeps them
Page = tuple[str, int, dict[str, str]]

pages.add_app_template_filter(reason_text, "reason_text")
pages.add_app_template_filter(marked, "marked")


@pages.app_template_global("opens_for_me")
def opens_for_me(application: Mapping[str, Any]) -> bool:
    """Whether the signed-in consultant may open this pooled application (theirs, or they are an admin)."""
    consultant = current_consultant()
    if consultant is None:
        return False
    owner = (application.get("vacancy_consultant_email") or "").lower()
    return consultant.is_admin or (bool(owner) and owner == consultant.email.lower())


@pages.get("/consultant/talent-pool")
@consultant_required
def talent_pool() -> Page:
    """Search the pool by languages, experience, contract, rate, availability, city and words in the CVs."""
    search = pool_search(request.args, PAGE_SIZE)
    found, general = None, []
    if not search.errors:
        try:
            found = _api().get("application", "/consultant/talent-pool", search.query, bearer=bearer())
        except ApiProblem as problem:
            if problem.status != 422:
                raise
            general = [message for messages in problem.fields.values() for message in messages] or [problem.detail]
    page = render_template(
        "workspace_pool.html",
        search=search,
        found=found,
        general=general,
        pages=_pages(found),
        choices={"spoken": SPOKEN, "cefr": CEFR, "contracts": CONTRACTS, "language_rows": range(LANGUAGE_ROWS)},
    )
    return page, 422 if search.errors or general else 200, PRIVATE


@pages.get("/consultant/vacancies/<uuid:vacancy_id>/suggestions")
@consultant_required
def suggestions(vacancy_id: uuid.UUID) -> Page:
    """Pool candidates for the vacancy, those meeting every hard requirement first, with why."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    path = f"/consultant/vacancies/{vacancy_id}/suggestions"
    found = _api().get("application", path, {"page": page, "page_size": PAGE_SIZE}, bearer=bearer())
    page = render_template(
        "workspace_suggestions.html",
        vacancy=known_vacancy(vacancy_id),
        vacancy_id=vacancy_id,
        found=found,
        pages=_pages(found),
    )
    return page, 200, PRIVATE


def known_vacancy(vacancy_id: uuid.UUID) -> dict[str, Any]:
    """The vacancy's reference and title as the application service knows them; blank when it cannot say."""
    try:
        return _api().get("application", f"/vacancies/{vacancy_id}")
    except ApiProblem:
        return {"id": str(vacancy_id), "reference": "", "title": ""}


def _pages(found: Mapping[str, Any] | None) -> int:
    return max((found["total"] + PAGE_SIZE - 1) // PAGE_SIZE, 1) if found else 1
