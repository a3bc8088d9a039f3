"""Listing a vacancy's applications: each with its own history, for the same number of queries
whatever the page's size."""

from __future__ import annotations

import pytest

from tests.support.auth import bearer
from tests.support.statements import statements_sent

pytestmark = pytest.mark.integration

LISA = bearer()


def test_a_page_of_twenty_takes_as_many_queries_as_a_page_of_one(app, client, desk):
    vacancy_id = desk.publish()
    for n in range(20):
        assert desk.apply(vacancy_id, email=f"candidate{n}@example.com").status_code == 202
    ids = desk.submitted()
    for moved in ids[3], ids[7]:
        body = {"status": "screening"}
        assert client.post(f"/consultant/applications/{moved}/status", json=body, headers=LISA).status_code == 200
    url = f"/consultant/vacancies/{vacancy_id}/applications"

    with statements_sent(app.extensions["engine"]) as for_one:
        one = client.get(f"{url}?page_size=1", headers=LISA).json
    with statements_sent(app.extensions["engine"]) as for_twenty:
        twenty = client.get(f"{url}?page_size=20", headers=LISA).json

    assert (len(one["items"]), len(twenty["items"]), twenty["total"]) == (1, 20, 20)
    assert len(for_one) == len(for_twenty), "\n\n".join(for_twenty)
    histories = {item["id"]: [entry["to_status"] for entry in item["history"]] for item in twenty["items"]}
    expected = {
        application_id: ["submitted", "screening"] if application_id in (ids[3], ids[7]) else ["submitted"]
        for application_id in ids
    }
    assert histories == expected
