"""Migration 0007 on a database with emails and subscriptions from before: each email learns the
application it is about and its candidate's key (never a consultant's), each subscription its
address's key, computed in Python with the configured key."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

import notifications
from notifications.db import emails, subscriptions
from recruitment_shared.db import make_engine
from recruitment_shared.migrations import alembic_config, upgrade
from recruitment_shared.privacy import candidate_key, candidate_keys_secret

pytestmark = pytest.mark.integration
MIGRATIONS = Path(notifications.__file__).parent / "migrations"
JAN, LISA = "Jan.Peeters@Example.com", "lisa.geudens@example.com"


def test_existing_rows_get_their_application_and_keys(new_database):
    url = new_database()
    command.upgrade(alembic_config(MIGRATIONS, url), "0006")
    application = uuid.uuid4()
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _email(conn, 1, "candidate_application_received", JAN, link_for=application)
            _email(
                conn, 2, "consultant_new_application", LISA, body=f"See http://x/consultant/applications/{application}"
            )
            _email(conn, 3, "candidate_status_changed", JAN)
            conn.execute(
                text(
                    "INSERT INTO alert_subscriptions (id, email, language, criteria, frequency, status, created_at) "
                    "VALUES (:id, :email, 'nl', '{}', 'daily', 'confirmed', :now)"
                ),
                {"id": uuid.uuid4(), "email": JAN, "now": datetime.now(UTC)},
            )

        upgrade(MIGRATIONS, url)

        with engine.connect() as conn:
            rows = conn.execute(select(emails.c.id, emails.c.application_id, emails.c.recipient_key)).all()
            subscribed = conn.execute(select(subscriptions.c.email_key)).scalar_one()
    finally:
        engine.dispose()
    key = candidate_key(JAN, candidate_keys_secret())  # the environment's key, as the migrate process has it
    assert sorted(rows) == [(1, application, key), (2, application, None), (3, None, key)]
    assert subscribed == key


def _email(conn, id: int, template: str, recipient: str, body: str = "Dear Jan", link_for=None) -> None:
    now = datetime.now(UTC)
    conn.execute(
        text(
            "INSERT INTO emails (id, event_id, template, recipient, subject, body, status, attempts, "
            "next_attempt_at, created_at, language, priority, link_for) "
            "VALUES (:id, :event, :template, :recipient, 'Subject', :body, 'sent', 1, :now, :now, 'nl', 0, :link_for)"
        ),
        {"id": id, "event": str(uuid.uuid4()), "template": template, "recipient": recipient, "body": body}
        | {"now": now, "link_for": link_for},
    )
