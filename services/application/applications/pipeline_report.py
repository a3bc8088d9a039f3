"""Pipeline reports: how a vacancy's (or a consultant's) applications went through the pipeline.
Pure Python.

- by status: where the applications stand now;
- per stage (submitted, screening, interview, offer, hired): how many reached it, counting those
  that reached a later stage too (scheduling an interview moves an application past screening);
  the conversion from each stage to the next is the share of those that reached the next;
- median time in a stage: over the stays that ended (the next step of the application's history),
  so an application still waiting in a stage is not counted yet;
- time to hire: from the application to the step to `hired`;
- sources: where the applications came from.

Durations are in days (two decimals); a median of nothing, or a conversion from nothing, is None.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise
from statistics import median

from applications.domain import ApplicationStatus, Source

STAGES = ("submitted", "screening", "interview", "offer", "hired")
_DAY_SECONDS = 86_400
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


@dataclass(frozen=True)
class Step:
    """An entry of an application's history: the status it moved to, and when."""

    to_status: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class ReportedApplication:
    """What a report reads of one application."""

    id: uuid.UUID
    vacancy_id: uuid.UUID
    status: str
    source: str
    submitted_at: datetime
    history: tuple[Step, ...]  # oldest first


@dataclass(frozen=True, kw_only=True)
class ReportedVacancy:
    """A vacancy the report covers, with its own counts."""

    vacancy_id: uuid.UUID
    reference: str
    title: str | None
    applications: int = 0
    hired: int = 0


@dataclass(frozen=True)
class StageFigures:
    stage: str
    reached: int
    median_days: float | None  # None for `hired`, which is final
    stays_measured: int


@dataclass(frozen=True)
class Conversion:
    from_stage: str
    to_stage: str
    rate: float | None  # reached(to) / reached(from), three decimals


@dataclass(frozen=True, kw_only=True)
class PipelineReport:
    """The figures of one vacancy's or one consultant's pipeline."""

    vacancies: tuple[ReportedVacancy, ...]
    applications: int
    by_status: dict[str, int]
    stages: tuple[StageFigures, ...]
    conversions: tuple[Conversion, ...]
    hires: int
    median_days_to_hire: float | None
    sources: dict[str, int]


def pipeline_report(
    vacancies: Sequence[ReportedVacancy], applications: Sequence[ReportedApplication]
) -> PipelineReport:
    """The report over `applications` (all those of `vacancies`)."""
    furthest = [_furthest_stage(application) for application in applications]
    reached = [sum(1 for index in furthest if index >= stage) for stage in range(len(STAGES))]
    stays = _stays(applications)
    stages = tuple(
        StageFigures(stage, reached[i], _days(median(stays[stage])) if stays[stage] else None, len(stays[stage]))
        for i, stage in enumerate(STAGES)
    )
    conversions = tuple(
        Conversion(STAGES[i], STAGES[i + 1], round(reached[i + 1] / reached[i], 3) if reached[i] else None)
        for i in range(len(STAGES) - 1)
    )
    to_hire = [seconds for application in applications if (seconds := _seconds_to_hire(application)) is not None]
    statuses, sources = Counter(a.status for a in applications), Counter(a.source for a in applications)
    return PipelineReport(
        vacancies=tuple(_with_counts(vacancy, applications) for vacancy in vacancies),
        applications=len(applications),
        by_status={status.value: statuses[status.value] for status in ApplicationStatus},
        stages=stages,
        conversions=conversions,
        hires=len(to_hire),
        median_days_to_hire=_days(median(to_hire)) if to_hire else None,
        sources={source.value: sources[source.value] for source in Source},
    )


def as_csv(report: PipelineReport) -> str:
    """The report as one CSV table (metric, item, value), as a spreadsheet opens it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["metric", "item", "value"])
    writer.writerow(["applications", "total", report.applications])
    writer.writerows(["status", status, count] for status, count in report.by_status.items())
    writer.writerows(["reached_stage", figures.stage, figures.reached] for figures in report.stages)
    for conversion in report.conversions:
        writer.writerow(["conversion", f"{conversion.from_stage} -> {conversion.to_stage}", _blank(conversion.rate)])
    for figures in report.stages[:-1]:
        writer.writerow(["median_days_in_stage", figures.stage, _blank(figures.median_days)])
    writer.writerow(["hires", "total", report.hires])
    writer.writerow(["median_days_to_hire", "hired", _blank(report.median_days_to_hire)])
    writer.writerows(["source", source, count] for source, count in report.sources.items())
    for vacancy in report.vacancies:
        item = _cell(f"{vacancy.reference} {vacancy.title or ''}".strip())
        writer.writerow(["vacancy_applications", item, vacancy.applications])
        writer.writerow(["vacancy_hires", item, vacancy.hired])
    return out.getvalue()


def _furthest_stage(application: ReportedApplication) -> int:
    indexes = [STAGES.index(step.to_status) for step in application.history if step.to_status in STAGES]
    return max(indexes, default=0)  # every application was at least submitted


def _stays(applications: Sequence[ReportedApplication]) -> dict[str, list[float]]:
    """The seconds each application spent in each stage it left (the stage it is in is not over)."""
    stays: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for application in applications:
        for entered, left in pairwise(application.history):
            if entered.to_status in stays:
                stays[entered.to_status].append((left.at - entered.at).total_seconds())
    return stays


def _seconds_to_hire(application: ReportedApplication) -> float | None:
    hired = next((step.at for step in application.history if step.to_status == ApplicationStatus.HIRED), None)
    return (hired - application.submitted_at).total_seconds() if hired else None


def _with_counts(vacancy: ReportedVacancy, applications: Sequence[ReportedApplication]) -> ReportedVacancy:
    own = [a for a in applications if a.vacancy_id == vacancy.vacancy_id]
    return replace(vacancy, applications=len(own), hired=sum(1 for a in own if a.status == ApplicationStatus.HIRED))


def _days(seconds: float) -> float:
    return round(seconds / _DAY_SECONDS, 2)


def _blank(value: float | None) -> float | str:
    return "" if value is None else value


def _cell(text: str) -> str:
    """Text a consultant typed (a vacancy's title), never read as a formula by a spreadsheet."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
