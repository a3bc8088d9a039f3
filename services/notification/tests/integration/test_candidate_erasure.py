"""CandidateErased: the notification service erases what it holds of the candidate (emails about the
erased application and, when the event names the candidate, everything of their address), keeps
delivery records without personal data, logs the erasure without personal data, changes nothing
the second time, and lets no late event about an erased application create anything."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import MetaData, func, select

import notifications
from notifications.app import create_app
from notifications.db import alert_matches, email_attempts, emails, erasures, inbox, subscriptions
from notifications.handlers import event_handlers
from recruitment_shared.events import APPLICATIONS
from tests.support.consumers import running_consumer
from tests.support.personal_data import find_personal_data
from tests.support.services import migrated_app
from tests.support.waiting import wait_until
from tests.support.wire_events import (
    application_status_changed,
    application_submitted,
    candidate_erased,
    publish,
)

from .conftest import (
    COOLDOWN,
    ELS,
    ELS_NAME,
    JAN,
    JAN_NAME,
    JAN_PHONE,
    LINKS,
    PRIVACY,
    PRIVACY_CONFIG,
    two_candidates,
)

pytestmark = pytest.mark.integration
HANDLERS = event_handlers(LINKS, COOLDOWN, PRIVACY)


@pytest.fixture
def app(database_url):
    with migrated_app(notifications, create_app, database_url, **PRIVACY_CONFIG) as app:
        yield app


def _erase(engine, *events) -> None:
    with engine.begin() as conn:
        for event in events:
            HANDLERS[event.type](conn, event)


def _rows(engine, table, *conditions) -> list:
    with engine.connect() as conn:
        return conn.execute(select(table).where(*conditions).order_by(*table.primary_key.columns)).all()


def _everything(engine) -> dict[str, list]:
    """Every row of every table, as the database holds it."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {
            table.name: conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            for table in metadata.sorted_tables
        }


def test_erasing_a_candidate_by_their_key_leaves_nothing_of_them_and_everything_of_others(
    app, engine, database_url, smtp_server
):
    people = two_candidates(app, engine, smtp_server)
    key, erasure_id = PRIVACY.key_of(JAN.upper()), uuid.uuid4()  # any case of the address: one key
    before = {row.id: row for row in _rows(engine, emails)}
    # One event per application of the address, as the application service emits them.
    erased = [candidate_erased(application, key, "candidate", erasure_id) for application in people.jan]

    _erase(engine, *erased)

    after = {row.id: row for row in _rows(engine, emails)}
    jans = {id for id, row in before.items() if row.recipient == JAN or row.application_id in people.jan}
    assert {before[id].template for id in jans - set(after)} == {"candidate_status_changed"}  # unsent: deleted
    kept = [after[id] for id in jans & set(after)]
    assert sorted(row.status for row in kept) == ["failed"] + ["sent"] * 4  # the delivery records stay
    erased_columns = ("recipient", "body", "html_body", "last_error", "recipient_key", "application_id")
    assert {tuple(getattr(row, column) for column in erased_columns) for row in kept} == {
        (None, "", None, None, None, None)
    }
    assert all(row.purged_at is not None for row in kept)
    assert {row.detail for row in _rows(engine, email_attempts, email_attempts.c.email_id.in_(jans))} == {None}
    assert [row.id for row in _rows(engine, subscriptions)] == [people.els_subscription]
    assert _rows(engine, alert_matches) == []
    # Els keeps everything: her application's emails and her alert, as they were.
    hers = [row for id, row in after.items() if id not in jans]
    assert len(hers) == 4 and all(after[row.id] == before[row.id] for row in hers)
    assert {row.recipient for row in hers} == {ELS, "lisa.geudens@example.com"}
    assert any(ELS_NAME in row.body for row in hers)
    # The erasure log: what, when, at whose request; nothing personal.
    [logged] = _rows(engine, erasures)
    assert (logged.erasure_id, logged.requested_by, logged.applications) == (erasure_id, "candidate", 2)
    assert (logged.queued_emails_deleted, logged.emails_purged) == (1, 5)
    assert (logged.subscriptions_deleted, logged.alert_matches_deleted) == (1, 1)
    # The DLQ keeps copies for 14 days (336 h), and a segment may wait a day before it can expire.
    assert logged.broker_copies_expire_at - logged.erased_at >= timedelta(hours=336 + 24)
    # Every table, every column: neither Jan's address, nor name, nor phone, nor key.
    assert find_personal_data(database_url, [JAN, JAN_NAME, JAN_PHONE, key]) == []
    assert find_personal_data(database_url, [ELS, ELS_NAME]) != []


def test_the_same_erasure_twice_changes_nothing(app, engine, smtp_server):
    people = two_candidates(app, engine, smtp_server)
    erased = candidate_erased(people.jan[0], PRIVACY.key_of(JAN))
    _erase(engine, erased)
    once = _everything(engine)

    _erase(engine, erased)  # straight to the handler: past the inbox, which would skip it anyway

    assert _everything(engine) == once


def test_a_late_event_about_an_erased_application_creates_nothing(engine, database_url):
    submitted = application_submitted(JAN_NAME, JAN)
    application = uuid.UUID(str(submitted.data["application_id"]))
    _erase(engine, submitted, candidate_erased(application, PRIVACY.key_of(JAN)))

    # From the DLQ, say: a status change, and the submission itself once more.
    _erase(engine, application_status_changed(application, "rejected", JAN_NAME, JAN), submitted)

    assert _rows(engine, emails) == []  # unsent when erased: deleted; and nothing since
    assert find_personal_data(database_url, [JAN, JAN_NAME]) == []
    # The tombstone is the application's, not the address's: Jan may apply again.
    _erase(engine, application_submitted(JAN_NAME, JAN))
    assert {row.recipient for row in _rows(engine, emails)} == {JAN, "lisa.geudens@example.com"}


def test_without_the_candidates_key_only_that_applications_emails_go_and_the_alert_stays(app, engine, smtp_server):
    people = two_candidates(app, engine, smtp_server)
    about_first = {row.id: row for row in _rows(engine, emails, emails.c.application_id == people.jan[0])}
    before = {row.id: row for row in _rows(engine, emails) if row.id not in about_first}

    _erase(engine, candidate_erased(people.jan[0], None, "retention"))  # the retention job's

    after = {row.id: row for row in _rows(engine, emails)}
    # Sent: purged, with nothing left that leads to Jan; the interview email not sent yet: deleted.
    purged = [after[id] for id in about_first if id in after]
    assert {(row.recipient, row.body, row.status, row.application_id) for row in purged} == {(None, "", "sent", None)}
    assert len(purged) == len(about_first) - 1
    assert {id: after[id] for id in before} == before  # Jan's other application and alert: untouched
    assert {row.id for row in _rows(engine, subscriptions)} == {people.jan_subscription, people.els_subscription}
    assert len(_rows(engine, alert_matches)) == 1
    [logged] = _rows(engine, erasures)
    assert (logged.requested_by, logged.applications, logged.subscriptions_deleted) == ("retention", 1, 0)
    assert (logged.queued_emails_deleted, logged.emails_purged) == (1, 2)


def test_candidate_erased_over_kafka_delivered_twice_is_handled_once(engine, database_url, kafka_bootstrap, topics):
    submitted = application_submitted(JAN_NAME, JAN)
    application = uuid.UUID(str(submitted.data["application_id"]))
    erased = candidate_erased(application, PRIVACY.key_of(JAN))
    late = application_status_changed(application, "rejected", JAN_NAME, JAN)
    topic = topics.physical(APPLICATIONS)
    for event in (submitted, erased, erased, late):  # the same application: one partition, in order
        publish(kafka_bootstrap, topic, event)

    with running_consumer(engine, kafka_bootstrap, topic, "notification-events", inbox, HANDLERS):
        wait_until(lambda: _processed(engine) == 3, what="submission, erasure and the late status change")

    assert _rows(engine, emails) == []  # queued, not sent yet when erased: deleted; none since
    [logged] = _rows(engine, erasures)
    assert (logged.applications, logged.queued_emails_deleted) == (1, 2)
    assert find_personal_data(database_url, [JAN, JAN_NAME]) == []


def _processed(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(inbox)).scalar_one()
