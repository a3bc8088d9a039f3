"""What the pipeline reports read: the vacancies of a consultant (as vacancy events named them), and
their applications with their histories. Two statements whatever the number of applications."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from applications.db import application_history, applications, known_vacancies
from applications.pipeline_report import ReportedApplication, ReportedVacancy, Step

A, H, V = applications.c, application_history.c, known_vacancies.c


def vacancies_of(conn: Connection, consultant_email: str | None) -> list[ReportedVacancy]:
    """The vacancies of this consultant (every vacancy when None), newest reference first."""
    query = select(V.id, V.reference, V.title)
    if consultant_email is not None:
        query = query.where(func.lower(V.consultant["email"].as_string()) == consultant_email.lower())
    rows = conn.execute(query.order_by(V.reference.desc(), V.id)).all()
    return [ReportedVacancy(vacancy_id=row.id, reference=row.reference, title=row.title) for row in rows]


def reported_applications(conn: Connection, vacancy_ids: Sequence[uuid.UUID]) -> list[ReportedApplication]:
    """The applications to these vacancies, each with its history, oldest step first."""
    if not vacancy_ids:
        return []
    ids = list(vacancy_ids)
    steps: dict[uuid.UUID, list[Step]] = defaultdict(list)
    history = (
        select(H.application_id, H.to_status, H.at)
        .join(applications, A.id == H.application_id)
        .where(A.vacancy_id.in_(ids))
        .order_by(H.application_id, H.at, H.id)
    )
    for row in conn.execute(history):
        steps[row.application_id].append(Step(row.to_status, row.at))
    query = select(A.id, A.vacancy_id, A.status, A.source, A.submitted_at).where(A.vacancy_id.in_(ids)).order_by(A.id)
    return [
        ReportedApplication(
            id=row.id,
            vacancy_id=row.vacancy_id,
            status=row.status,
            source=row.source,
            submitted_at=row.submitted_at,
            history=tuple(steps[row.id]),
        )
        for row in conn.execute(query)
    ]
