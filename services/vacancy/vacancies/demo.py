"""Demo data: vacancy 92742 from the seeds and a spread of IT project-management vacancies
across Belgium, created and published through the same use cases as the API (so every
VacancyPublished event goes through the outbox). Loading again creates nothing new."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from vacancies import db, handlers
from vacancies.demo_catalogue import DEMO_VACANCIES
from vacancies.schemas import VacancyDraftSchema

log = logging.getLogger(__name__)


def load_demo_vacancies(engine: Engine, now: datetime | None = None) -> list[str]:
    """Create and publish each demo vacancy whose reference is still free; the references created.

    `now` is the publication time (the current time when None).
    """
    created = [request["reference"] for request in DEMO_VACANCIES if _create_and_publish(engine, request, now)]
    log.info("demo vacancies: %d created, %d already there", len(created), len(DEMO_VACANCIES) - len(created))
    return created


def _create_and_publish(engine: Engine, request: dict, now: datetime | None) -> bool:
    """One vacancy in one transaction; False when its reference is taken already."""
    vacancy = VacancyDraftSchema().load(request)
    try:
        with engine.begin() as conn:
            handlers.create_vacancy(conn, vacancy)
            handlers.publish_vacancy(conn, vacancy.id, now or datetime.now(UTC))
    except handlers.ReferenceTaken:
        return False
    except IntegrityError:
        # A loader running at the same time inserted it between our check and our insert.
        with engine.connect() as conn:
            if not db.reference_taken(conn, vacancy.reference):
                raise
        return False
    return True
