"""Pipeline reports in the consultant's workspace: over all their vacancies (an admin: the agency's,
or one consultant's), and per vacancy; each also as a CSV download passed on from the application API.
"""

from __future__ import annotations

import uuid
from typing import Any

from babel.numbers import format_decimal, format_percent
from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from webclient.api_client import ApiProblem
from webclient.consultant_session import current_consultant
from webclient.pages import _api, pages
from webclient.pipeline import PIPELINE
from webclient.sign_in import bearer, consultant_required
from webclient.workspace_pool import known_vacancy

MAX_ADDRESS = 320
SOURCES = {
    "career_site": _l("Career site"),
    "referral": _l("Referral"),
    "job_board": _l("Job board"),
    "consultant": _l("Entered by a consultant"),
}


@pages.app_template_filter("application_source")
def application_source(code: str) -> str:
    """Where an application came from, in words; an unknown source as it is."""
    return str(SOURCES.get(code, code))


@pages.app_template_filter("days")
def days(value: float) -> str:
    """A number of days as the reader writes it: 1,5 / 1.5."""
    return format_decimal(value, format="#,##0.#", locale=get_locale())


@pages.app_template_filter("percent")
def percent(rate: float) -> str:
    """A share as a percentage in the reader's notation: 67 % / 67%."""
    return format_percent(rate, locale=get_locale())


@pages.get("/consultant/reports")
@consultant_required
def pipeline_report() -> tuple[str, int] | str:
    """The pipeline over the consultant's vacancies; an admin chooses a consultant or sees the agency's."""
    consultant = _chosen_consultant()
    try:
        report = _api().get("application", "/consultant/reports/pipeline", _query(consultant), bearer=bearer())
    except ApiProblem as problem:
        if problem.status != 422:
            raise
        error = _("This is not an email address of a consultant.")
        return _page(report=None, consultant=consultant, error=error), 422
    return _page(report=report, consultant=consultant, error=None)


@pages.get("/consultant/reports/pipeline.csv")
@consultant_required
def pipeline_report_csv() -> Response:
    """The same report as a CSV download."""
    consultant = _chosen_consultant()
    upstream = _api().fetch("application", "/consultant/reports/pipeline.csv", _query(consultant), bearer=bearer())
    return _download(upstream.content, "pipeline-agency" if _agency(consultant) else "pipeline-consultant")


@pages.get("/consultant/vacancies/<uuid:vacancy_id>/report")
@consultant_required
def vacancy_report(vacancy_id: uuid.UUID) -> str:
    """One vacancy's pipeline."""
    report = _api().get("application", f"/consultant/vacancies/{vacancy_id}/report", bearer=bearer())
    return _page(report=report, vacancy=known_vacancy(vacancy_id), vacancy_id=vacancy_id)


@pages.get("/consultant/vacancies/<uuid:vacancy_id>/report.csv")
@consultant_required
def vacancy_report_csv(vacancy_id: uuid.UUID) -> Response:
    """One vacancy's pipeline as a CSV download."""
    upstream = _api().fetch("application", f"/consultant/vacancies/{vacancy_id}/report.csv", bearer=bearer())
    reference = "".join(char for char in known_vacancy(vacancy_id).get("reference", "") if char.isalnum())
    return _download(upstream.content, f"pipeline-{reference or 'vacancy'}")


def _page(**shown: Any) -> str:
    """The report page; statuses and sources in the pipeline's order, not the API's (alphabetical) one."""
    return render_template("workspace_reports.html", statuses=PIPELINE, sources=tuple(SOURCES), **shown)


def _chosen_consultant() -> str:
    """Whose report an admin asked for ('' for the agency's); a consultant's is always their own."""
    consultant = current_consultant()
    if not consultant.is_admin:
        return ""
    return (request.args.get("consultant") or "").strip()[:MAX_ADDRESS]


def _agency(consultant: str) -> bool:
    return current_consultant().is_admin and not consultant


def _query(consultant: str) -> dict[str, Any]:
    return {"consultant": consultant} if consultant else {}


def _download(content: bytes, stem: str) -> Response:
    """A CSV as an attachment that no cache keeps (it counts candidates, not names, but is the agency's)."""
    headers = {
        "Content-Disposition": f'attachment; filename="{stem}.csv"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }
    return Response(content, mimetype="text/csv", headers=headers)
