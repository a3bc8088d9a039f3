"""The application app on a fresh, migrated PostgreSQL database."""

import pytest

import applications
from applications.app import create_app
from tests.support.services import migrated_app


@pytest.fixture
def app(new_database):
    with migrated_app(applications, create_app, new_database()) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()
