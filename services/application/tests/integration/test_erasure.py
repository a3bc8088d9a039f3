"""Erasure: the candidate through their link, or an admin by address, erases every application of
the address (rows, history, consents, idempotency keys, CV files, published events); each is
announced by a CandidateErased without personal data, the erasure is logged without it, and
every other candidate's data stays as it was."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, update

from applications.db import erasures, outbox
from applications.erasure import broker_copies_lifetime
from recruitment_shared.events import APPLICATIONS, from_message
from recruitment_shared.messaging import OutboxRelay
from recruitment_shared.messaging.clients import make_producer
from recruitment_shared.messaging.topics import TopicRetention
from recruitment_shared.privacy import candidate_key, candidate_keys_secret
from tests.support.auth import TEST_SECRET, bearer
from tests.support.cvs import PDF
from tests.support.kafka import read_topic
from tests.support.talent_pool import cv_pdf

from .conftest import candidate_token, cv_files, everything_stored

pytestmark = pytest.mark.integration

JAN = ("Jan Peeters", "jan.peeters@example.com", "+32 470 12 34 56")
AN = {"name": "An Claes", "email": "an.claes@example.com", "phone": "+32 486 98 76 54"}
AN_CV = cv_pdf("An Claes - PMO Lead")  # not Jan's file; its text (kept for the talent pool) names An only
ADMIN, LISA = bearer("office@example.com", roles=("admin",)), bearer()


@pytest.fixture
def relay(app, kafka_bootstrap, topics):
    """The service's outbox relay, publishing to this test's topics."""
    producer = make_producer(kafka_bootstrap, "test-application-relay")
    yield OutboxRelay(app.extensions["engine"], outbox, producer, topics)
    producer.close()


@pytest.fixture
def two_candidates(desk):
    """Jan applied to two vacancies (the second time with another case of his address, and a retry
    key); An to one; their events are published. Returns (Jan's two ids, An's id, Jan's token)."""
    first, second = desk.publish(), desk.publish(reference="92743")
    desk.apply(first, headers={"Idempotency-Key": "jan-first-application"})
    desk.apply(second, email="Jan.Peeters@example.com", talent_pool_consent="true")
    desk.apply(first, cv=AN_CV, **AN)
    jan_first, jan_second, an = desk.submitted()
    return [jan_first, jan_second], an, candidate_token(desk.app, jan_first)


def _published(app) -> None:
    with app.extensions["engine"].begin() as conn:
        conn.execute(update(outbox).values(published_at=outbox.c.created_at))  # as the relay marks them


def _log(app) -> list[dict]:
    with app.extensions["engine"].connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(erasures))]


def test_a_candidate_erases_every_application_of_their_address_and_nothing_of_anyone_else(
    app, client, desk, two_candidates, relay, kafka_bootstrap, topics
):
    jans, an, token = two_candidates
    relay.publish_pending()  # what they submitted is on Kafka, and published in the outbox
    an_before = client.get(desk.link(an)).json

    erased = client.post(f"/candidate/applications/{token}/erase")

    assert erased.status_code == 200
    assert erased.json["requested_by"] == "candidate"
    assert erased.json["erased"] == {
        "applications": 2,
        "history_entries": 2,
        "consents": 3,  # two for the applications, one for the talent pool
        "idempotency_keys": 1,
        "published_events": 2,
        "cv_files": 2,
        "interviews": 0,
        "staff_notes": 0,
        "scorecards": 0,
    }
    stored = everything_stored(app)
    for personal in (*JAN, "jan.peeters", "Jan.Peeters"):  # ids stay, in the CandidateErased rows
        assert personal not in stored, personal
    assert cv_files(app) == [AN_CV]
    assert client.get(f"/candidate/applications/{token}").status_code == 404  # the link opens nothing now
    assert client.get(desk.link(an)).json == an_before
    assert all(name in stored for name in AN.values())

    relay.publish_pending()
    erased_events = [
        from_message(record.value)
        for record in read_topic(kafka_bootstrap, topics.physical(APPLICATIONS), at_least=5)
        if from_message(record.value).type == "CandidateErased"
    ]
    keys_secret = candidate_keys_secret({"RECRUITMENT_ENV": "development", "JWT_SECRET": TEST_SECRET})
    assert sorted(event.subject for event in erased_events) == sorted(jans)  # one per application, keyed by it
    for event in erased_events:
        assert event.data["candidate_key"] == candidate_key("jan.peeters@example.com", keys_secret)
        assert (event.data["requested_by"], str(event.data["erasure_id"])) == ("candidate", erased.json["erasure_id"])
        for personal in (*JAN, "jan.peeters", "Jan.Peeters"):
            assert personal.lower() not in str(event.data).lower()


def test_the_erasure_log_counts_what_went_and_when_kafka_lets_go_of_it_and_nothing_about_whom(
    app, client, desk, two_candidates
):
    jans, _an, token = two_candidates

    answer = client.post(f"/candidate/applications/{token}/erase").json

    [logged] = _log(app)
    assert str(logged["erasure_id"]) == answer["erasure_id"]
    assert (logged["requested_by"], logged["erased"]) == ("candidate", answer["erased"])
    assert logged["broker_copies_expire_at"] - logged["erased_at"] == broker_copies_lifetime(TopicRetention())
    assert broker_copies_lifetime(TopicRetention()).days == 15  # the DLQ's two weeks, and a day's segment
    logged_text = repr(logged)
    for personal in (*JAN, "jan.peeters", *jans):
        assert personal not in logged_text


def test_events_still_waiting_for_the_relay_go_out_before_the_erasure_and_then_go_too(
    app, client, desk, two_candidates
):
    jans, _an, token = two_candidates  # nothing published yet

    client.post(f"/candidate/applications/{token}/erase")

    waiting = [(event.type, event.subject) for event in desk.events() if event.subject in jans]
    submitted, erased = [("ApplicationSubmitted", each) for each in jans], [("CandidateErased", each) for each in jans]
    assert waiting == [*submitted, *erased]


def test_a_second_erasure_finds_nothing_and_changes_nothing(app, client, desk, two_candidates):
    _jans, _an, token = two_candidates
    client.post(f"/candidate/applications/{token}/erase")
    stored, events = everything_stored(app), desk.events()

    again = client.post(f"/candidate/applications/{token}/erase")
    by_admin = client.post("/admin/erasures", json={"email": "jan.peeters@example.com"}, headers=ADMIN)

    assert again.status_code == 404
    assert (by_admin.status_code, by_admin.json["erasure_id"]) == (200, None)
    assert set(by_admin.json["erased"].values()) == {0}
    assert (everything_stored(app), desk.events(), len(_log(app))) == (stored, events, 1)


def test_an_admin_erases_everything_of_an_address_whatever_its_case(app, client, desk, two_candidates):
    jans, an, _token = two_candidates
    _published(app)

    erased = client.post("/admin/erasures", json={"email": "JAN.PEETERS@example.com"}, headers=ADMIN)

    assert erased.status_code == 200
    assert (erased.json["requested_by"], erased.json["erased"]["applications"]) == ("admin", 2)
    assert "jan.peeters" not in everything_stored(app).lower()
    assert client.get(f"/consultant/applications/{an}", headers=ADMIN).status_code == 200
    assert [event.subject for event in desk.events() if event.type == "CandidateErased"] == jans
    assert [row["requested_by"] for row in _log(app)] == ["admin"]


def test_only_an_admin_may_erase_by_address_and_an_unknown_address_reveals_nothing(app, client, desk, submitted):
    before = everything_stored(app)

    consultant = client.post("/admin/erasures", json={"email": "jan.peeters@example.com"}, headers=LISA)
    anonymous = client.post("/admin/erasures", json={"email": "jan.peeters@example.com"})
    unknown = client.post("/admin/erasures", json={"email": "nobody@example.com"}, headers=ADMIN)
    malformed = client.post("/admin/erasures", json={"email": "not an address"}, headers=ADMIN)

    assert (consultant.status_code, anonymous.status_code) == (403, 401)
    assert (unknown.status_code, unknown.json["erasure_id"], set(unknown.json["erased"].values())) == (200, None, {0})
    assert (malformed.status_code, malformed.content_type) == (422, "application/problem+json")
    assert everything_stored(app) == before
    assert _log(app) == []


def test_a_link_that_no_longer_opens_its_application_erases_nothing(app, client, desk, submitted):
    _vacancy_id, _application_id, token = submitted
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    before = everything_stored(app)

    for bad in (forged, str(uuid.uuid4())):
        refused = client.post(f"/candidate/applications/{bad}/erase")
        assert (refused.status_code, refused.content_type) == (404, "application/problem+json")

    assert everything_stored(app) == before
    assert cv_files(app) == [PDF]
