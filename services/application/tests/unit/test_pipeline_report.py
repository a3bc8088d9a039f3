"""The pipeline report's arithmetic on its edges, and its CSV as a spreadsheet would read it."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

from applications.pipeline_report import ReportedApplication, ReportedVacancy, Step, as_csv, pipeline_report

T0 = datetime(2026, 10, 1, tzinfo=UTC)
VACANCY = ReportedVacancy(vacancy_id=uuid.uuid4(), reference="92742", title='=HYPERLINK("http://x","open me")')


def application(*steps: tuple[str, float]) -> ReportedApplication:
    return ReportedApplication(
        id=uuid.uuid4(),
        vacancy_id=VACANCY.vacancy_id,
        status=steps[-1][0],
        source="career_site",
        submitted_at=T0,
        history=tuple(Step(status, T0 + timedelta(hours=hours)) for status, hours in steps),
    )


def test_a_vacancy_without_applications_reports_zeros_and_no_medians():
    report = pipeline_report([VACANCY], [])

    assert report.applications == report.hires == 0
    assert {figures.median_days for figures in report.stages} == {None}
    assert {conversion.rate for conversion in report.conversions} == {None}
    assert report.median_days_to_hire is None


def test_an_even_number_of_stays_takes_the_middle_two_and_durations_are_in_days():
    report = pipeline_report([VACANCY], [application(("submitted", 0), ("screening", h)) for h in (6, 12, 36, 48)])

    assert report.stages[0].median_days == 1.0  # (12 + 36) / 2 hours
    assert report.stages[1].median_days is None  # nobody left screening yet


def test_a_title_cannot_become_a_formula_in_the_csv():
    rows = list(csv.reader(io.StringIO(as_csv(pipeline_report([VACANCY], [application(("submitted", 0))])))))

    [title] = {row[1] for row in rows if row[0] == "vacancy_applications"}
    assert title == '92742 =HYPERLINK("http://x","open me")'  # starts with the reference: inert
    lone = ReportedVacancy(vacancy_id=uuid.uuid4(), reference="-1", title="+SUM(A1:A9)")
    [cell] = {
        row[1] for row in csv.reader(io.StringIO(as_csv(pipeline_report([lone], [])))) if row[0] == "vacancy_hires"
    }
    assert cell.startswith("'")
