"""Candidates' links across the two services: the application service sends no token in any event
(and older events' tokens go nowhere), the notification service signs the link when it sends the
email, and the application service opens what it signed."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from sqlalchemy import select

import notifications
from applications.domain import Candidate, apply
from applications.domain import Consultant as ApplicationConsultant
from applications.events import application_repeated, application_submitted
from applications.tokens import CandidateLinks
from notifications.db import emails
from notifications.personal_links import CANDIDATE_LINK, PersonalLinks
from recruitment_shared.events import contract_for
from tests.contract.test_event_contracts import NOTIFICATION_HANDLERS, NOW, _database, _known_92742, _over_the_wire


def test_the_owner_of_an_address_that_applied_again_is_emailed_their_link(tmp_path):
    engine = _database(tmp_path, notifications)
    vacancy = _known_92742(ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com"))
    candidate = Candidate(name="Jan Peeters", email="Jan.Peeters@example.com", preferred_language="nl")
    application = apply(vacancy, vacancy.id, candidate, "Motivated.", NOW)

    with engine.begin() as conn:
        NOTIFICATION_HANDLERS["ApplicationRepeated"](conn, _over_the_wire(application_repeated(application, vacancy)))
    with engine.connect() as conn:
        [email] = conn.execute(select(emails)).all()

    assert (email.recipient, email.template, email.language) == (candidate.email, "candidate_already_applied", "nl")
    assert email.link_for == application.id and CANDIDATE_LINK in email.body
    assert "92742" in email.subject


def test_no_application_event_carries_a_candidate_token_and_older_ones_lose_theirs(tmp_path):
    engine = _database(tmp_path, notifications)
    vacancy = _known_92742(ApplicationConsultant("Lisa Geudens", "lisa.geudens@example.com"))
    application = apply(vacancy, vacancy.id, Candidate(name="Jan Peeters", email="jan.peeters@example.com"), "", NOW)
    now_sent = _over_the_wire(application_submitted(application, vacancy))
    # Version 1, as producers sent it before: its token is read, and goes nowhere.
    older = replace(now_sent, version=1, data=now_sent.data | {"candidate_token": "an-old-leaked-token"})
    older = _over_the_wire(replace(older, data=contract_for(older.type).schema(1).dump(older.data)))

    with engine.begin() as conn:
        NOTIFICATION_HANDLERS["ApplicationSubmitted"](conn, older)
    with engine.connect() as conn:
        rows = conn.execute(select(emails)).all()

    assert (now_sent.version, older.version, older.data["candidate_token"]) == (2, 1, "an-old-leaked-token")
    assert "candidate_token" not in now_sent.data
    assert not [row for row in rows if "an-old-leaked-token" in f"{row.body}{row.html_body}"]
    assert [row.link_for for row in rows if row.template == "candidate_application_received"] == [application.id]


@pytest.mark.parametrize(
    "environ",
    [
        {"JWT_SECRET": "one-secret-both-services-are-given-0123"},
        {"CANDIDATE_LINKS_SECRET": "a-key-of-its-own-for-candidate-links-0123"},
    ],
    ids=["derived-from-JWT_SECRET", "CANDIDATE_LINKS_SECRET"],
)
def test_the_link_the_notification_sender_signs_opens_the_application_in_the_application_service(environ):
    environ = {"RECRUITMENT_ENV": "development"} | environ
    application_id = uuid.uuid4()

    link = PersonalLinks.from_env(environ).candidate_link(application_id)

    assert CandidateLinks.from_env(environ).application_of(link.rpartition("/")[2]) == application_id
