"""Applications stored before notices were versioned keep a record of the consent they were
submitted with, once the database is upgraded."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

import applications
from recruitment_shared.migrations import alembic_config, upgrade

pytestmark = pytest.mark.integration
MIGRATIONS = Path(applications.__file__).parent / "migrations"


def test_an_application_from_before_gets_an_unversioned_application_consent(new_database):
    url = new_database()
    command.upgrade(alembic_config(MIGRATIONS, url), "0002")
    application_id, consented = uuid.uuid4(), datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO applications (id, vacancy_id, candidate_name, candidate_email, motivation, status,"
                    " submitted_at, consent_at) VALUES (:id, :vacancy, 'Jan Peeters', 'jan@example.com', '',"
                    " 'submitted', :at, :at)"
                ),
                {"id": application_id, "vacancy": uuid.uuid4(), "at": consented},
            )

        upgrade(MIGRATIONS, url)

        with engine.connect() as conn:
            rows = conn.execute(text("SELECT application_id, purpose, notice_version, given_at FROM consents")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [(application_id, "application", "unversioned", consented)]
