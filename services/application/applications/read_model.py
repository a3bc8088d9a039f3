"""Rebuilding the read model of vacancies from the start of the vacancies topic."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, delete

from applications import db
from recruitment_shared.messaging.clients import rewind_consumer_group

log = logging.getLogger(__name__)
CONSUMER = "application-vacancies"


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
