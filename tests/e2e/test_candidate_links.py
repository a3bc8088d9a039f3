"""A candidate's personal link on the running platform: it reaches them by email only, it works,
and it is nowhere else: not in any answer, event (topic or DLQ), outbox row, stored email or log
line. Applying again with the same address answers exactly as the first time, and only the
address's owner hears of it, with their link."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import MetaData, select

from recruitment_shared.db import make_engine
from recruitment_shared.events import APPLICATIONS, from_message
from recruitment_shared.messaging import dead_letter_topic
from tests.support.candidates import CANDIDATE, apply, candidate_link, open_vacancy_92742, own_application_api
from tests.support.kafka import read_topic
from tests.support.platform import SERVICES
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
JAN = CANDIDATE["email"]


def test_the_link_arrives_by_email_only_works_and_leaks_nowhere_and_a_repeat_reveals_nothing(
    platform, kafka_bootstrap, topics
):
    vacancies, applications, _ = (platform.api[name] for name in SERVICES)  # as clients: through the proxy
    vacancy_id = open_vacancy_92742(vacancies, applications)

    first = apply(applications, vacancy_id)
    confirmation = wait_until(lambda: _mail(platform, "We have received"), timeout=60, what="Jan's confirmation")
    link = candidate_link(confirmation)
    own = requests.get(own_application_api(link, applications), timeout=10)
    # Someone applies in Jan's name, with his address: they learn nothing, and Jan is told.
    again = apply(applications, vacancy_id, name="Mallory Mischief", preferred_language="fr")
    reminder = wait_until(lambda: _mail(platform, "You have already applied"), timeout=60, what="Jan's second email")
    link_again = candidate_link(reminder)
    own_again = requests.get(own_application_api(link_again, applications), timeout=10)

    assert (first.status_code, first.json()["status"]) == (202, "received")
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert "Location" not in first.headers and "Location" not in again.headers
    assert (own.status_code, own.json()["status"], own.json()["name"]) == (200, "submitted", "Jan Peeters")
    assert [m["To"] for m in platform.mail()].count(JAN) == 2  # the second in Jan's English, not in French
    assert (own_again.status_code, own_again.json()["id"]) == (200, own.json()["id"])
    assert "Mallory" not in reminder.get_body(("plain",)).get_content()

    tokens = [link.rpartition("/")[2], link_again.rpartition("/")[2]]
    events = read_topic(kafka_bootstrap, topics.physical(APPLICATIONS), at_least=2)
    dead = read_topic(kafka_bootstrap, dead_letter_topic(topics.physical(APPLICATIONS)))
    assert [from_message(record.value).type for record in events] == ["ApplicationSubmitted", "ApplicationRepeated"]
    for token in tokens:
        assert not [record for record in events + dead if token.encode() in _raw(record)], "on a topic"
        assert not _rows_holding(platform.databases["application"], token), "in the application database"
        assert not _rows_holding(platform.databases["notification"], token), "in the notification database"
        # Every process's output (the mail catcher prints what it receives: it stands for Jan's inbox).
        assert platform.processes_logging(token) - {"mail"} == set(), "in a log line"
    assert {"proxy", "application-web"} <= platform.processes_logging("/candidate/applications/***")


def _mail(platform, subject: str):
    """Jan's email whose subject has `subject`, once it arrived."""
    return next((m for m in platform.mail() if m["To"] == JAN and subject in m["Subject"]), None)


def _raw(record) -> bytes:
    return (record.key or b"") + record.value + b"".join(name.encode() + value for name, value in record.headers)


def _rows_holding(database_url: str, text: str) -> list[tuple[str, tuple]]:
    """Every row of every table of a database in which `text` appears, as (table, row)."""
    engine = make_engine(database_url)
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as conn:
            return [
                (table.name, tuple(row))
                for table in tables.sorted_tables
                for row in conn.execute(select(table))
                if text in repr(tuple(row))
            ]
    finally:
        engine.dispose()
