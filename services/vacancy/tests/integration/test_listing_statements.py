"""Listings cost the same statements whatever the page holds: no query per row (N+1)."""

from __future__ import annotations

import pytest

from tests.support.statements import statements_sent

from .conftest import LISA

pytestmark = pytest.mark.integration


def _statements_and_items(app, client, url: str, headers: dict | None = None) -> tuple[int, int]:
    with statements_sent(app.extensions["engine"]) as sent:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, response.json
    return len(sent), len(response.json["items"])


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/consultant/vacancies?status=published", LISA),
        ("/vacancies?q=project", None),  # text search: PostgreSQL's readings, then count and page
        ("/vacancies?city=Antwerp", None),
    ],
)
def test_a_page_of_one_and_a_page_of_many_cost_the_same_statements(app, client, lisa, path, headers):
    for number in range(5):
        lisa.published_id(reference=f"5000{number}")

    one, one_shown = _statements_and_items(app, client, f"{path}&page_size=1", headers)
    many, many_shown = _statements_and_items(app, client, f"{path}&page_size=50", headers)

    assert (one_shown, many_shown) == (1, 5)
    assert one > 0  # the listener saw the request's statements (count and page, at least)
    assert one == many
