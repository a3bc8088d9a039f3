"""Retention: `python -m notifications retention --now ISO` (the clock moved) purges the bodies,
addresses and SMTP errors of old emails but keeps their delivery records, deletes subscriptions
never confirmed once their link expired, and drops tombstones once Kafka holds no copy; and
unsubscribing deletes a subscription at once, with its pending matches."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

import notifications
from notifications.app import create_app
from notifications.db import alert_matches, email_attempts, emails, erased_applications, erasures, subscriptions
from notifications.handlers import event_handlers
from tests.support.infrastructure import REPO
from tests.support.personal_data import find_personal_data
from tests.support.services import migrated_app
from tests.support.wire_events import candidate_erased, vacancy_published

from .conftest import COOLDOWN, ELS, ELS_NAME, JAN, LINKS, PRIVACY, PRIVACY_CONFIG, two_candidates

pytestmark = pytest.mark.integration


@pytest.fixture
def app(database_url):
    with migrated_app(notifications, create_app, database_url, **PRIVACY_CONFIG) as app:
        yield app


def _retention(database_url: str, now: datetime) -> None:
    """The retention job as the Procfile runs it, once, with its clock at `now`."""
    env = os.environ | {"DATABASE_URL": database_url} | PRIVACY_CONFIG
    command = [sys.executable, "-m", "notifications", "retention", "--now", now.isoformat()]
    subprocess.run(command, cwd=REPO, env=env, check=True, timeout=60)


def _rows(engine, table) -> list:
    with engine.connect() as conn:
        return conn.execute(select(table).order_by(*table.primary_key.columns)).all()


def test_with_the_clock_moved_old_bodies_and_expired_confirmations_go_and_the_records_stay(
    app, engine, database_url, smtp_server
):
    people = two_candidates(app, engine, smtp_server)
    unconfirmed = app.test_client().post("/alerts/subscriptions", json={"email": "piet@example.com", "language": "nl"})
    with engine.begin() as conn:  # an unsubscribed one left from before unsubscribing deleted them at once
        conn.execute(update(subscriptions).where(subscriptions.c.email == ELS).values(status="unsubscribed"))
        event_handlers(LINKS, COOLDOWN, PRIVACY)["CandidateErased"](conn, candidate_erased(people.jan[1], None))
    before = {row.id: row for row in _rows(engine, emails)}
    start = datetime.now(UTC)

    _retention(database_url, start + timedelta(days=1))
    day_later = {row.id: row for row in _rows(engine, emails)}
    subscribed_a_day_later = {row.email for row in _rows(engine, subscriptions)}
    _retention(database_url, start + timedelta(days=31))

    after = {row.id: row for row in _rows(engine, emails)}
    assert unconfirmed.status_code == 202
    assert day_later == before  # bodies are kept 30 days (the erased application's were purged already)
    assert subscribed_a_day_later == {JAN, "piet@example.com"}  # Els unsubscribed: gone at once
    # 31 days on: every sent and failed email keeps its record, without body, address or SMTP error.
    done = [row for row in after.values() if row.status != "pending"]
    assert set(after) == set(before) and len(done) == len(before) - 2
    assert {(row.recipient, row.body, row.html_body, row.last_error) for row in done} == {(None, "", None, None)}
    assert {row.detail for row in _rows(engine, email_attempts)} == {None}
    # Their candidates' keys stay: the candidate's export and erasure still find the records.
    assert all(row.recipient_key == before[row.id].recipient_key for row in done)
    # Not sent yet (no sender ran since): the sender still needs them as they are.
    queued = [row for row in after.values() if row.status == "pending"]
    assert {(row.template, row.recipient) for row in queued} == {
        ("candidate_status_changed", JAN),
        ("subscription_confirmation", "piet@example.com"),
    }
    assert all(row == before[row.id] for row in queued)
    # The unconfirmed subscription's link expired after 7 days: deleted; the confirmed one stays.
    assert [row.id for row in _rows(engine, subscriptions)] == [people.jan_subscription]
    assert _rows(engine, erased_applications) == []  # no copy on Kafka any more: no tombstone needed
    purges = [row for row in _rows(engine, erasures) if row.applications == 0]
    assert {row.requested_by for row in purges} == {"retention"}
    assert sum(row.emails_purged for row in purges) == len(done) - 2  # the erased application's two went before
    assert sum(row.subscriptions_deleted for row in purges) == 2
    assert find_personal_data(database_url, [ELS, ELS_NAME]) == []  # Els: sent emails only, and no alert


def test_a_retention_pass_before_anything_is_due_changes_nothing(app, engine, database_url, smtp_server):
    two_candidates(app, engine, smtp_server)
    before = [_rows(engine, table) for table in (emails, email_attempts, subscriptions, erasures)]

    _retention(database_url, datetime.now(UTC))

    assert [_rows(engine, table) for table in (emails, email_attempts, subscriptions, erasures)] == before


def test_unsubscribing_deletes_the_subscription_and_its_matches_at_once(app, engine):
    client = app.test_client()
    answer = client.post("/alerts/subscriptions", json={"email": JAN, "language": "nl", "frequency": "daily"})
    subscription_id = answer.json["id"]
    client.post(f"/alerts/confirm/{_token(LINKS.confirm(subscription_id, 'nl'))}")
    with engine.begin() as conn:
        event_handlers(LINKS, COOLDOWN, PRIVACY)["VacancyPublished"](conn, vacancy_published("70501"))
    matched = len(_rows(engine, alert_matches))
    link = f"/alerts/unsubscribe/{_token(LINKS.unsubscribe(subscription_id, 'nl'))}"

    done = client.post(link)
    shown, again = client.get(link), client.post(link)

    assert (matched, done.status_code, done.json["status"]) == (1, 200, "unsubscribed")
    assert _rows(engine, subscriptions) == [] and _rows(engine, alert_matches) == []
    assert (shown.status_code, again.status_code) == (410, 410)
    assert "no longer exists" in shown.json["detail"]


def _token(link: str) -> str:
    return link.rpartition("/")[2]
