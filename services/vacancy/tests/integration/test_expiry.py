"""The scheduled job closes vacancies whose end or closing date has passed, and says so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vacancies.handlers import expire_vacancies

pytestmark = pytest.mark.integration


def test_vacancies_past_their_end_or_closing_date_are_closed_as_expired_once(app, lisa):
    ending = lisa.published_id(reference="40001", end_date="2027-07-15")
    closing = lisa.published_id(reference="40002", end_date=None, closes_on="2027-01-31")
    lasting = lisa.published_id(reference="40003", end_date="2028-12-31")
    draft = lisa.created_id(reference="40004", end_date="2027-07-15")

    with app.extensions["engine"].begin() as conn:
        first = expire_vacancies(conn, datetime(2027, 7, 16, 6, 0, tzinfo=UTC))
    with app.extensions["engine"].begin() as conn:
        second = expire_vacancies(conn, datetime(2027, 7, 17, 6, 0, tzinfo=UTC))

    assert sorted(v.reference for v in first) == ["40001", "40002"]
    assert second == []
    for vacancy_id in (ending, closing):
        shown = lisa.read(vacancy_id).json
        assert (shown["status"], shown["close_reason"]) == ("closed", "expired")
    assert lisa.read(lasting).json["status"] == "published"
    assert lisa.read(draft).json["status"] == "draft"
    closed_events = [e for e in lisa.events() if e.type == "VacancyClosed"]
    assert sorted((e.data["reference"], e.data["reason"]) for e in closed_events) == [
        ("40001", "expired"),
        ("40002", "expired"),
    ]
