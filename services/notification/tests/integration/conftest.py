"""The notification service on a fresh PostgreSQL database, fed events over real Kafka."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

import notifications
from notifications.db import emails
from notifications.email_queue import DEFAULT_EMAIL_COOLDOWN
from notifications.handlers import event_handlers
from notifications.links import Links
from notifications.personal_links import PersonalLinks
from notifications.privacy_policy import PrivacyPolicy
from notifications.sender import EmailSender, SmtpSettings
from recruitment_shared.db import make_engine
from recruitment_shared.migrations import upgrade
from tests.support.auth import ALERT_LINKS_KEY
from tests.support.wire_events import application_status_changed, application_submitted, vacancy_published

LINKS = Links(ALERT_LINKS_KEY)  # the alert-link key of the test apps: their links open what the sender signs
PERSONAL_LINKS = PersonalLinks("a-candidate-link-key-only-these-tests-use", LINKS)
COOLDOWN = DEFAULT_EMAIL_COOLDOWN
# The candidate key the handlers use, and the app too when given PRIVACY_CONFIG (with the candidate-link
# key of PERSONAL_LINKS, so the app opens the links the sender signs).
PRIVACY = PrivacyPolicy("a-candidate-key-only-these-tests-use")
PRIVACY_CONFIG = {"CANDIDATE_KEYS_SECRET": PRIVACY.candidate_keys, "CANDIDATE_LINKS_SECRET": PERSONAL_LINKS.key}


@pytest.fixture
def database_url(new_database):
    url = new_database()
    upgrade(Path(notifications.__file__).parent / "migrations", url)
    return url


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def deliver(engine, port: int) -> int:
    """One pass of the real sender against the SMTP server on `port`."""
    return EmailSender(engine, SmtpSettings(host="127.0.0.1", port=port, timeout_seconds=5), PERSONAL_LINKS).send_due()


def queued(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(emails).order_by(emails.c.id)).all()


# --- Two candidates, for the privacy tests: what erasure, retention and export act on ----------------

JAN, JAN_NAME, JAN_PHONE = "jan.peeters@example.com", "Jan Peeters", "+32 470 12 34 56"
ELS, ELS_NAME = "els.claes@example.com", "Els Claes"


@dataclass(frozen=True)
class TwoCandidates:
    """Jan: two applications (the first with an interview email still queued, the second's
    confirmation refused by the SMTP server) and a daily job alert with a pending match; Els: one
    application and an immediate job alert that sent her one alert."""

    jan: tuple[uuid.UUID, uuid.UUID]
    els: uuid.UUID
    jan_subscription: uuid.UUID
    els_subscription: uuid.UUID


def two_candidates(app, engine, smtp_server) -> TwoCandidates:
    """Record and send what the platform would for Jan and Els (see `TwoCandidates`)."""
    handlers, client = event_handlers(LINKS, COOLDOWN, PRIVACY), app.test_client()
    first, second = application_submitted(JAN_NAME, JAN), application_submitted(JAN_NAME, JAN)
    first.data["candidate"]["phone"] = JAN_PHONE  # the consultant's email shows it
    hers = application_submitted(ELS_NAME, ELS, language="fr")
    with engine.begin() as conn:
        for event in (first, hers):
            handlers[event.type](conn, event)
    subscriptions = [_confirmed_alert(client, JAN, "daily"), _confirmed_alert(client, ELS, "immediate")]
    with engine.begin() as conn:
        handlers["VacancyPublished"](conn, vacancy_published("70001"))  # Jan: a match; Els: an alert
    deliver(engine, smtp_server.port)
    smtp_server.handler.refused.add(JAN)  # 550: the failed email's error quotes the address
    with engine.begin() as conn:
        handlers[second.type](conn, second)
    deliver(engine, smtp_server.port)
    smtp_server.handler.refused.clear()
    with engine.begin() as conn:  # queued, not sent yet
        handlers["ApplicationStatusChanged"](conn, application_status_changed(_id(first), "interview", JAN_NAME, JAN))
    return TwoCandidates((_id(first), _id(second)), _id(hers), *subscriptions)


def _confirmed_alert(client, email: str, frequency: str) -> uuid.UUID:
    body = {"email": email, "language": "nl", "cities": ["Antwerp"], "frequency": frequency}
    answer = client.post("/alerts/subscriptions", json=body)
    assert answer.status_code == 202, answer.json
    subscription_id = uuid.UUID(answer.json["id"])
    token = LINKS.confirm(subscription_id, "nl").rpartition("/")[2]
    assert client.post(f"/alerts/confirm/{token}").status_code == 200
    return subscription_id


def _id(event) -> uuid.UUID:
    return uuid.UUID(str(event.data["application_id"]))
