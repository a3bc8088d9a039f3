"""Storing applications: their rows, history and consents, a vacancy's applications page by page,
every application of one address, and the first answer to each Idempotency-Key."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, func, select

from applications.consents import Consent, Purpose
from applications.db import application_history, applications, consents, idempotency_keys
from applications.domain import FINAL, Application, ApplicationStatus, Candidate, CvReference, Source, StatusChange
from applications.screening import LanguageSkill, Screening

A, H, K, C = applications.c, application_history.c, idempotency_keys.c, consents.c
# Fields stored as they are, in a column of the same name; the others are mapped one by one.
_APPLICATION_COLUMNS = ("id", "vacancy_id", "motivation", "submitted_at", "consent_at", "cv_text")
_CANDIDATE_COLUMNS = (
    "phone",
    "preferred_language",
    "years_of_experience",
    "contract_preference",
    "expected_daily_rate",
    "available_from",
    "city",
)


@dataclass(frozen=True, kw_only=True)
class ApplicationPage:
    """One page of a vacancy's applications, and how many there are over all pages."""

    items: list[Application]
    total: int
    page: int
    page_size: int


def add_application(conn: Connection, application: Application) -> None:
    """Store a new application and its history so far."""
    conn.execute(applications.insert().values(_to_row(application)))
    for change in application.history:
        add_history(conn, application.id, change)


def save_status(conn: Connection, application: Application, change: StatusChange) -> None:
    """Record a step through the pipeline."""
    conn.execute(applications.update().where(A.id == application.id).values(status=application.status))
    add_history(conn, application.id, change)


def add_history(conn: Connection, application_id: uuid.UUID, change: StatusChange) -> None:
    """Append one entry to an application's history."""
    conn.execute(application_history.insert().values(application_id=application_id, **asdict(change)))


def get_application(conn: Connection, application_id: uuid.UUID, for_update: bool = False) -> Application | None:
    """The application with this id, with its history; `for_update` locks its row until the transaction ends."""
    query = select(applications).where(A.id == application_id)
    rows = conn.execute(query.with_for_update() if for_update else query).mappings().all()
    return next(iter(_applications(conn, rows)), None)


def find_application(conn: Connection, vacancy_id: uuid.UUID, email: str) -> uuid.UUID | None:
    """The id of this candidate's application to this vacancy, if any."""
    query = select(A.id).where(A.vacancy_id == vacancy_id, func.lower(A.candidate_email) == email.lower())
    return conn.execute(query).scalar()


def open_applications_of(conn: Connection, vacancy_id: uuid.UUID, for_update: bool = False) -> list[Application]:
    """A vacancy's applications still in the pipeline (not hired, rejected or withdrawn), oldest first;
    `for_update` locks them until the transaction ends."""
    still_open = [A.vacancy_id == vacancy_id, A.status.not_in([str(status) for status in FINAL])]
    query = select(applications).where(*still_open).order_by(A.submitted_at, A.id)
    return _applications(conn, conn.execute(query.with_for_update() if for_update else query).mappings().all())


def list_applications(
    conn: Connection, vacancy_id: uuid.UUID, status: str | None, page: int, page_size: int
) -> ApplicationPage:
    """A page of a vacancy's applications (of one status, if given), newest first.

    Three queries whatever the page's size: the total, the page's rows, and all their histories.
    """
    conditions = [A.vacancy_id == vacancy_id] + ([A.status == status] if status else [])
    total = conn.execute(select(func.count()).select_from(applications).where(*conditions)).scalar_one()
    query = (
        select(applications)
        .where(*conditions)
        .order_by(A.submitted_at.desc(), A.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    items = _applications(conn, conn.execute(query).mappings().all())
    return ApplicationPage(items=items, total=total, page=page, page_size=page_size)


def applications_of(conn: Connection, email: str, for_update: bool = False) -> list[Application]:
    """Every application of this address, whatever its case, oldest first; `for_update` locks them."""
    query = select(applications).where(func.lower(A.candidate_email) == email.lower()).order_by(A.submitted_at, A.id)
    return _applications(conn, conn.execute(query.with_for_update() if for_update else query).mappings().all())


def add_consents(conn: Connection, application_id: uuid.UUID, given: Sequence[Consent]) -> None:
    """Record the consents an application was submitted with."""
    for consent in given:
        conn.execute(consents.insert().values(application_id=application_id, **asdict(consent)))


def consents_of(conn: Connection, application_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Consent]]:
    """The consents of each of these applications (none: an empty list)."""
    found: dict[uuid.UUID, list[Consent]] = {application_id: [] for application_id in application_ids}
    query = select(consents).where(C.application_id.in_(application_ids)).order_by(C.id)
    for row in conn.execute(query).mappings():
        consent = Consent(
            purpose=Purpose(row["purpose"]),
            notice_version=row["notice_version"],
            given_at=row["given_at"],
            withdrawn_at=row["withdrawn_at"],
        )
        found[row["application_id"]].append(consent)
    return found


def withdraw_consents(conn: Connection, application_ids: Sequence[uuid.UUID], purpose: Purpose, now: datetime) -> int:
    """Withdraw the still valid consents for `purpose` of these applications; returns how many."""
    still_valid = [C.application_id.in_(application_ids), C.purpose == purpose, C.withdrawn_at.is_(None)]
    return conn.execute(consents.update().where(*still_valid).values(withdrawn_at=now)).rowcount


def remember_answer(conn: Connection, key: str, fingerprint: str, application_id: uuid.UUID, now: datetime) -> None:
    """Keep the answer to the first request with this Idempotency-Key; a second one fails on the key."""
    values = {"key": key, "fingerprint": fingerprint, "application_id": application_id, "created_at": now}
    conn.execute(idempotency_keys.insert().values(values))


def first_answer(conn: Connection, key: str) -> tuple[str, uuid.UUID] | None:
    """(fingerprint, application id) of the first request with this Idempotency-Key, if any."""
    row = conn.execute(select(K.fingerprint, K.application_id).where(K.key == key)).first()
    return (row.fingerprint, row.application_id) if row else None


def _applications(conn: Connection, rows: Sequence[RowMapping]) -> list[Application]:
    # One query for the histories of all the rows, never one per row.
    histories: dict[uuid.UUID, list[StatusChange]] = defaultdict(list)
    if rows:
        query = select(application_history).where(H.application_id.in_([row["id"] for row in rows])).order_by(H.id)
        for entry in conn.execute(query).mappings():
            histories[entry["application_id"]].append(_change(entry))
    return [_from_row(row, histories[row["id"]]) for row in rows]


def _to_row(application: Application) -> dict:
    candidate = application.candidate
    return {
        **{column: getattr(application, column) for column in _APPLICATION_COLUMNS},
        **{column: getattr(candidate, column) for column in _CANDIDATE_COLUMNS},
        "status": application.status,
        "source": application.source,
        "candidate_name": candidate.name,
        "candidate_email": candidate.email,
        "languages": [asdict(language) for language in candidate.languages],
        "screening": application.screening.to_dict() if application.screening else None,
        "cv": asdict(application.cv) if application.cv else None,
    }


def _from_row(row: RowMapping, history: list[StatusChange]) -> Application:
    candidate = Candidate(
        **{column: row[column] for column in _CANDIDATE_COLUMNS},
        name=row["candidate_name"],
        email=row["candidate_email"],
        languages=tuple(LanguageSkill(**language) for language in row["languages"]),
    )
    return Application(
        **{column: row[column] for column in _APPLICATION_COLUMNS},
        status=ApplicationStatus(row["status"]),
        source=Source(row["source"]),
        candidate=candidate,
        screening=Screening.from_dict(row["screening"]) if row["screening"] else None,
        cv=CvReference(**row["cv"]) if row["cv"] else None,
        history=history,
    )


def _change(row: RowMapping) -> StatusChange:
    before = ApplicationStatus(row["from_status"]) if row["from_status"] else None
    return StatusChange(before, ApplicationStatus(row["to_status"]), row["actor"], row["reason"], row["at"])
