"""The read model of vacancies: what vacancy events taught this service, and its rebuild."""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict

from sqlalchemy import Connection, Engine, delete, select

from applications import db
from applications.domain import Consultant, KnownVacancy, VacancyState
from applications.screening import RequiredLanguage, VacancyRequirements
from recruitment_shared.messaging.clients import rewind_consumer_group

log = logging.getLogger(__name__)
CONSUMER = "application-vacancies"


def get_known_vacancy(conn: Connection, vacancy_id: uuid.UUID) -> KnownVacancy | None:
    """What this service knows of a vacancy, if anything."""
    row = conn.execute(select(db.known_vacancies).where(db.known_vacancies.c.id == vacancy_id)).mappings().first()
    if row is None:
        return None
    consultant = Consultant(**row["consultant"]) if row["consultant"] else None
    requirements = _requirements(row["requirements"]) if row["requirements"] else None
    return KnownVacancy(row["id"], row["reference"], VacancyState(row["state"]), row["title"], consultant, requirements)


def put_known_vacancy(conn: Connection, values: dict) -> None:
    """Insert or update the read model row of a vacancy.

    Check-then-write is safe here: all events of one vacancy share a partition, so one
    consumer applies them one after the other.
    """
    vacancy_id = values["id"]
    exists = conn.execute(select(db.known_vacancies.c.id).where(db.known_vacancies.c.id == vacancy_id)).first()
    if exists:
        conn.execute(db.known_vacancies.update().where(db.known_vacancies.c.id == vacancy_id).values(values))
    else:
        conn.execute(db.known_vacancies.insert().values(values))


def requirements_json(requirements: VacancyRequirements) -> dict:
    """The read model's copy of a vacancy's hard requirements."""
    return asdict(requirements)


def _requirements(data: dict) -> VacancyRequirements:
    languages = tuple(RequiredLanguage(**language) for language in data["languages"])
    return VacancyRequirements(**(data | {"languages": languages}))


def rebuild_read_model(engine: Engine, bootstrap_servers: str, group_id: str, topics: list[str]) -> None:
    """Forget what vacancy events taught this service, so its consumer learns it all again.

    Run it with the consumer stopped. The group is rewound first: should clearing then fail, the
    consumer replays events its inbox still knows and nothing is lost; the other order could
    leave an empty read model that nothing refills.
    """
    rewind_consumer_group(bootstrap_servers, group_id, topics)
    with engine.begin() as conn:
        conn.execute(delete(db.known_vacancies))
        conn.execute(delete(db.inbox).where(db.inbox.c.consumer == CONSUMER))
    log.info("read model cleared and %s rewound to the start of %s", group_id, ", ".join(topics))
