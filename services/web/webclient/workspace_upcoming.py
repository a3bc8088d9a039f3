"""The consultant's interviews across their vacancies: those to come, soonest first, and those held
that still wait for their outcome; each links to its application."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from webclient.pages import _api, pages
from webclient.sign_in import bearer, consultant_required

PAGE_SIZE = 25
MAX_PAGE = 10_000
PERIODS = {"upcoming": _l("To come"), "to_conclude": _l("Outcome to record")}


@pages.get("/consultant/interviews")
@consultant_required
def upcoming_interviews() -> str:
    """A page of the consultant's interviews of one period (to come, by default), with each period's count."""
    period = request.args.get("period") if request.args.get("period") in PERIODS else "upcoming"
    asked = request.args.get("page", "")
    page = min(max(int(asked), 1), MAX_PAGE) if asked.isascii() and asked.isdigit() else 1
    found = _listed(period, page, PAGE_SIZE)
    counts = {each: found["total"] if each == period else _listed(each, 1, 1)["total"] for each in PERIODS}
    return render_template(
        "workspace_interviews.html",
        period=period,
        periods=PERIODS,
        found=found,
        counts=counts,
        pages=max((found["total"] + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


def _listed(period: str, page: int, page_size: int) -> dict:
    query = {"period": period, "page": page, "page_size": page_size}
    return _api().get("application", "/consultant/interviews", query, bearer=bearer())
