"""A fresh PostgreSQL database with the messaging tables, per test."""

import pytest

from recruitment_shared.db import make_engine
from tests.support.messaging_tables import metadata


@pytest.fixture
def engine(new_database):
    engine = make_engine(new_database())
    metadata.create_all(engine)
    yield engine
    engine.dispose()
