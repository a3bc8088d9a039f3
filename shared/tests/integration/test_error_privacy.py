"""Database errors carry no bound values: an error's text (so any log line or DLQ header made from
it) never holds the address or name a statement was given."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Column, MetaData, String, Table, Uuid, cast, literal
from sqlalchemy.exc import DataError, IntegrityError

from recruitment_shared.events import VACANCIES
from recruitment_shared.messaging import EventProcessor, dead_letter_topic
from recruitment_shared.messaging.clients import make_producer
from recruitment_shared.messaging.consumer import Outcome
from tests.support.kafka import read_topic
from tests.support.messaging_tables import inbox
from tests.support.wire_events import publish, vacancy_published

pytestmark = pytest.mark.integration

ADDRESS = "jan.peeters@example.com"
people = Table("people", MetaData(), Column("email", String(30), unique=True, nullable=False))


@pytest.fixture
def people_engine(engine):
    people.create(engine)
    with engine.begin() as conn:
        conn.execute(people.insert().values(email=ADDRESS))
    return engine


def _error_of(engine, statement) -> Exception:
    with pytest.raises((IntegrityError, DataError)) as raised, engine.begin() as conn:
        conn.execute(statement)
    return raised.value


@pytest.mark.parametrize(
    "statement",
    [
        people.insert().values(email=ADDRESS),  # unique violation: PostgreSQL's DETAIL repeats the key
        people.insert().values(email=ADDRESS * 2),  # too long for the column
        people.insert().values(email=cast(literal(ADDRESS), Uuid).cast(String)),  # not a uuid: quoted back
    ],
    ids=["duplicate", "too-long", "invalid-input"],
)
def test_a_database_error_does_not_repeat_the_values_it_was_given(people_engine, statement):
    error = _error_of(people_engine, statement)

    assert ADDRESS not in str(error)
    assert ADDRESS not in repr(error)
    assert ADDRESS not in str(error.orig)
    assert "people" in str(error)  # still says which statement failed


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    records = Records()
    logging.getLogger().addHandler(records)
    try:
        yield records.lines
    finally:
        logging.getLogger().removeHandler(records)


def test_a_handler_failing_on_an_address_dead_letters_without_it(people_engine, kafka_bootstrap, topics, log_lines):
    topic = topics.physical(VACANCIES)
    publish(kafka_bootstrap, topic, vacancy_published())
    [record] = read_topic(kafka_bootstrap, topic, at_least=1)

    def handler(conn, _event) -> None:  # a bug that writes a candidate twice
        conn.execute(people.insert().values(email=ADDRESS))

    dead_letters = make_producer(kafka_bootstrap, f"test-{uuid.uuid4().hex[:6]}")
    try:
        processor = EventProcessor(
            "privacy", people_engine, inbox, {"VacancyPublished": handler}, dead_letters, 2, 0.01, threading.Event()
        )
        outcome = processor.process(record)
    finally:
        dead_letters.close()

    [dead] = read_topic(kafka_bootstrap, dead_letter_topic(topic), at_least=1)
    headers = {name: value.decode() for name, value in dead.headers}
    assert outcome is Outcome.DEAD_LETTERED
    assert headers["dlq.error_type"] == "IntegrityError"
    assert "people_email_key" in headers["dlq.error"]  # what broke is still told
    assert ADDRESS not in headers["dlq.error"]
    assert [line for line in log_lines if "people_email_key" in line]  # the failures were logged...
    assert not [line for line in log_lines if ADDRESS in line]  # ...without the address
