"""GET /candidate/{token}/export: the emails sent to the address of the link's application and its
job alerts, and nobody else's; the scope comes from the signed link alone."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

import notifications
from notifications.app import create_app
from notifications.handlers import event_handlers
from notifications.personal_links import SALT, PersonalLinks
from notifications.retention import run_retention_pass
from recruitment_shared.web import PROBLEM_JSON
from tests.support.services import migrated_app
from tests.support.wire_events import candidate_erased

from .conftest import COOLDOWN, ELS, JAN, JAN_NAME, LINKS, PERSONAL_LINKS, PRIVACY, PRIVACY_CONFIG, two_candidates

pytestmark = pytest.mark.integration


@pytest.fixture
def app(database_url):
    with migrated_app(notifications, create_app, database_url, **PRIVACY_CONFIG) as app:
        yield app


class _LongAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time() - 181 * 24 * 3600)


def _signed_long_ago(application_id: uuid.UUID) -> str:
    """A candidate's token as an email sent 181 days ago carried it."""
    serializer = URLSafeTimedSerializer(PERSONAL_LINKS.key, salt=SALT, signer=_LongAgo)
    return serializer.dumps(str(application_id))


def _export(app, application_id: uuid.UUID, links: PersonalLinks = PERSONAL_LINKS):
    """The export as the candidate's link (the one their emails carry) opens it."""
    token = links.candidate_link(application_id).rpartition("/")[2]
    return app.test_client().get(f"/candidate/{token}/export")


def test_the_export_holds_exactly_the_candidates_emails_and_alerts(app, engine, smtp_server):
    people = two_candidates(app, engine, smtp_server)

    jans = _export(app, people.jan[0])
    same = _export(app, people.jan[1])  # another application of the same address
    hers = _export(app, people.els)

    assert (jans.status_code, jans.headers["Cache-Control"]) == (200, "no-store")
    assert same.json == jans.json
    exported = jans.json["emails"]
    assert sorted(email["template"] for email in exported) == [
        "candidate_application_received",  # the first application's, sent
        "candidate_application_received",  # the second's, refused by the server
        "candidate_status_changed",  # queued
        "subscription_confirmation",
    ]
    assert {email["recipient"] for email in exported} == {JAN}  # no consultant's email, none of Els
    assert sorted(email["status"] for email in exported) == ["failed", "pending", "sent", "sent"]
    received = next(email for email in exported if email["status"] == "sent" and email["template"].startswith("cand"))
    assert JAN_NAME in received["body"] and "[personal link]" in received["body"]
    assert "{candidate_link}" not in received["body"] and "/my-application/" not in received["body"]
    [alert] = jans.json["alert_subscriptions"]
    assert (alert["id"], alert["email"], alert["frequency"]) == (str(people.jan_subscription), JAN, "daily")
    assert alert["criteria"]["cities"] == ["Antwerp"]
    assert {email["recipient"] for email in hers.json["emails"]} == {ELS}
    assert sorted(email["template"] for email in hers.json["emails"]) == [
        "candidate_application_received",
        "job_alert",
        "subscription_confirmation",
    ]
    assert [alert["id"] for alert in hers.json["alert_subscriptions"]] == [str(people.els_subscription)]


def test_a_link_that_names_no_known_candidate_opens_nothing(app, engine, smtp_server):
    people = two_candidates(app, engine, smtp_server)
    forged = PersonalLinks("another-candidate-link-key", LINKS)

    answers = [
        app.test_client().get("/candidate/not-a-token/export"),
        _export(app, people.jan[0], forged),  # well formed, signed with another key
        _export(app, uuid.uuid4()),  # genuine, but no email about that application reached anyone
        app.test_client().get(f"/candidate/{_signed_long_ago(people.jan[0])}/export"),  # older than 180 days
    ]

    assert [(answer.status_code, answer.content_type) for answer in answers] == [(404, PROBLEM_JSON)] * 4
    assert _export(app, people.jan[0]).status_code == 200  # the same link, fresh


def test_after_retention_the_records_are_listed_without_bodies_and_after_erasure_nothing(app, engine, smtp_server):
    people = two_candidates(app, engine, smtp_server)

    run_retention_pass(engine, PRIVACY, datetime.now(UTC) + timedelta(days=31))
    purged = _export(app, people.jan[0])
    with engine.begin() as conn:
        event = candidate_erased(people.jan[0], PRIVACY.key_of(JAN))
        event_handlers(LINKS, COOLDOWN, PRIVACY)["CandidateErased"](conn, event)
    erased = [_export(app, application) for application in people.jan]

    sent = [email for email in purged.json["emails"] if email["status"] != "pending"]
    assert len(sent) == 3 and {(email["body"], email["recipient"]) for email in sent} == {(None, None)}
    assert all(email["purged_at"] for email in sent)
    # Erased by address: nothing of Jan is left to export, whichever of his links he uses.
    assert [answer.status_code for answer in erased] == [404, 404]
