"""The vacancy app on a fresh PostgreSQL database, and helpers to drive it as a consultant."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

import vacancies
from recruitment_shared.events import Event
from tests.support.auth import bearer
from tests.support.seed import vacancy_92742
from tests.support.services import migrated_app, outbox_events
from vacancies.app import create_app
from vacancies.db import outbox
from vacancies.db import vacancies as vacancy_table

LISA = bearer()


@pytest.fixture
def app(new_database):
    with migrated_app(vacancies, create_app, new_database()) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


class Consultant:
    """Lisa Geudens at work, through the consultant API."""

    def __init__(self, client, app) -> None:
        self.client, self.app = client, app

    def create(self, headers=LISA, **changes):
        return self.client.post("/consultant/vacancies", json=vacancy_92742() | changes, headers=headers)

    def created_id(self, **changes) -> str:
        response = self.create(**changes)
        assert response.status_code == 201, response.json
        return response.json["id"]

    def published_id(self, **changes) -> str:
        vacancy_id = self.created_id(**changes)
        assert self.publish(vacancy_id).status_code == 200
        return vacancy_id

    def publish(self, vacancy_id: str, headers=LISA):
        return self.client.post(f"/consultant/vacancies/{vacancy_id}/publish", headers=headers)

    def close(self, vacancy_id: str, reason: str = "filled", headers=LISA):
        return self.client.post(f"/consultant/vacancies/{vacancy_id}/close", json={"reason": reason}, headers=headers)

    def read(self, vacancy_id: str, headers=LISA):
        return self.client.get(f"/consultant/vacancies/{vacancy_id}", headers=headers)

    def events(self) -> list[Event]:
        """What the outbox holds, oldest first, as consumers will receive it."""
        return outbox_events(self.app.extensions["engine"], outbox)

    def stored(self) -> int:
        with self.app.extensions["engine"].connect() as conn:
            return conn.execute(select(func.count()).select_from(vacancy_table)).scalar_one()


@pytest.fixture
def lisa(client, app) -> Consultant:
    return Consultant(client, app)
