"""The read model of vacancies: the handlers of vacancy events that feed it (rows kept by
`vacancy_store`), and its rebuild."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine

from applications import suggestion_store, vacancy_store
from applications.domain import Consultant, KnownVacancy, VacancyState
from applications.screening import RequiredLanguage, VacancyRequirements
from applications.suggestions import SoftRequirements
from applications.vacancy_closing import reject_open_applications
from recruitment_shared.config import KafkaSecurity
from recruitment_shared.events import Event
from recruitment_shared.messaging.clients import PLAINTEXT, rewind_consumer_group

log = logging.getLogger(__name__)
CONSUMER = "application-vacancies"


def on_vacancy_published(conn: Connection, event: Event) -> None:
    """A vacancy opened (or, as VacancyUpdated, changed): candidates may apply to it."""
    data = event.data
    terms = data["contract_terms"]
    requirements = VacancyRequirements(
        languages=tuple(RequiredLanguage(**language) for language in data["languages"]),
        experience_min_years=data["experience_min_years"],
        offers_freelance=terms.get("freelance") is not None,
        offers_permanent=terms.get("permanent") is not None,
        daily_rate=terms["freelance"]["daily_rate"] if terms.get("freelance") else None,
        experience_max_years=data.get("experience_max_years"),
        education_levels=tuple(data.get("education_levels") or ()),
        start_date=data.get("start_date"),
    )
    vacancy = KnownVacancy(
        id=data["vacancy_id"],
        reference=data["reference"],
        state=VacancyState.OPEN,
        title=data["title"],
        consultant=Consultant(
            name=data["consultant"]["name"],
            email=data["consultant"]["email"],
            language=data["consultant"].get("language"),  # older events name none
        ),
        requirements=requirements,
    )
    vacancy_store.put_known_vacancy(conn, vacancy, datetime.now(UTC))
    suggestion_store.put_soft_requirements(conn, vacancy.id, SoftRequirements.of_vacancy(data))


def on_vacancy_closed(conn: Connection, event: Event) -> None:
    """A vacancy closed: applications to it are refused from now on; closed as filled or cancelled,
    those still open are rejected ("vacancy closed") and their candidates told (vacancy_closing.py)."""
    data, now = event.data, datetime.now(UTC)
    vacancy_store.close_known_vacancy(conn, data["vacancy_id"], data["reference"], now)
    reject_open_applications(conn, data["vacancy_id"], data["reason"], now)


VACANCY_EVENT_HANDLERS = {
    "VacancyPublished": on_vacancy_published,
    "VacancyUpdated": on_vacancy_published,
    "VacancyClosed": on_vacancy_closed,
}


def rebuild_read_model(
    engine: Engine, bootstrap_servers: str, group_id: str, topics: list[str], security: KafkaSecurity = PLAINTEXT
) -> None:
    """Forget what vacancy events taught this service, so its consumer learns it all again.

    Run it with the consumer stopped. The group is rewound first: should clearing then fail, the
    consumer replays events its inbox still knows and nothing is lost; the other order could
    leave an empty read model that nothing refills.
    """
    rewind_consumer_group(bootstrap_servers, group_id, topics, security)
    with engine.begin() as conn:
        vacancy_store.forget_known_vacancies(conn, CONSUMER)
    log.info("read model cleared and %s rewound to the start of %s", group_id, ", ".join(topics))
