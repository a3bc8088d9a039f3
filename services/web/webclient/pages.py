"""The candidate pages: home, job board, vacancy page (applying: application_pages.py).

Every page is reached under its language (`/<lang>/…`); the language is kept in `g.lang` and
added to every `url_for` of this blueprint, so templates never spell it out.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from webclient.api_client import ApiClient, ApiProblem
from webclient.jobposting import as_script_text, job_posting
from webclient.languages import preferred_language
from webclient.search_form import FILTERS, PAGE_SIZE, SORTS, api_query, page_count
from webclient.similar_vacancies import SimilarVacancies

pages = Blueprint("pages", __name__, url_prefix="/<any(nl, fr, en):lang>")
root = Blueprint("root", __name__)


@pages.url_value_preprocessor
def _take_language(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.lang = (values or {}).pop("lang", None)


@pages.url_defaults
def _add_language(_endpoint: str, values: dict[str, Any]) -> None:
    values.setdefault("lang", g.get("lang") or preferred_language())


@root.get("/")
def choose_language() -> Response:
    """The home page in the browser's best language."""
    return redirect(url_for("pages.home", lang=preferred_language()), 302)


@pages.get("/")
def home() -> str:
    """The start page: a search box. It calls no API, so it renders while the services are down."""
    return render_template("home.html")


@pages.get("/vacancies")
def vacancies() -> tuple[str, int] | str:
    """The job board: the vacancy API's search, one page of it, with the form that asked."""
    query = api_query(request.args)
    try:
        found = _api().get("vacancy", "/vacancies", query)
    except ApiProblem as problem:
        if problem.status != 422:
            raise
        # The API names the offending parameter: shown beside that field, the form as it was filled.
        return render_template("vacancies.html", **_board(request.args, None, problem)), 422
    return render_template("vacancies.html", **_board(request.args, found, None))


def _board(args: Any, found: dict | None, problem: ApiProblem | None) -> dict[str, Any]:
    page = found["page"] if found else 1
    total = found["total"] if found else 0
    return {
        "args": args,
        "filters": FILTERS,
        "sorts": SORTS,
        "results": found["items"] if found else [],
        "total": total,
        "page": page,
        "pages": page_count(total),
        "page_size": PAGE_SIZE,
        "errors": problem.fields if problem else {},
        "problem": problem,
        # The filter panel stays folded (results first on a phone) unless a filter is in use.
        "filtering": bool(problem) or any(args.get(each.name) for each in FILTERS),
        "page_url": lambda number: url_for("pages.vacancies", **{**args.to_dict(), "page": number}),
    }


@pages.get("/vacancies/<reference>")
def vacancy(reference: str) -> str:
    """One vacancy, laid out for candidates, with similar vacancies and its JobPosting JSON-LD."""
    if not reference.isdigit() or len(reference) > 10:
        abort(404)
    try:
        shown = _api().get("vacancy", f"/vacancies/by-reference/{reference}")
    except ApiProblem as problem:
        if problem.status == 404:
            abort(404)
        raise
    similar = _similar(shown["id"])
    url = url_for("pages.vacancy", reference=reference, _external=True)
    posting = as_script_text(job_posting(shown, url))
    return render_template("vacancy.html", vacancy=shown, similar=similar, job_posting=posting)


def _similar(vacancy_id: str) -> list[dict]:
    """Vacancies that may also interest the reader, asked for at most every few minutes (see
    similar_vacancies.py); none when the API cannot say."""
    kept = current_app.extensions.setdefault("similar_vacancies", SimilarVacancies())
    ask = {"lang": g.lang}  # those in the reader's language first: kept apart per language
    try:
        return kept.of(f"{vacancy_id}/{g.lang}", lambda: _api().get("vacancy", f"/vacancies/{vacancy_id}/similar", ask))
    except ApiProblem:
        return []


def _api() -> ApiClient:
    return current_app.extensions["api"]
