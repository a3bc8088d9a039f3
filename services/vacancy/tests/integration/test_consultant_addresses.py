"""A vacancy's consultant address reaches every application email's `To`: one no header could carry is a 422."""

from __future__ import annotations

import pytest

from tests.support.auth import bearer
from tests.support.email_addresses import BAD_ADDRESSES

pytestmark = pytest.mark.integration
ADMIN = bearer("office@example.com", roles=("admin",))


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_an_undeliverable_consultant_address_is_a_422_problem_and_stores_nothing(client, lisa, address):
    response = lisa.create(headers=ADMIN, consultant={"name": "Tom Peeters", "email": address})
    listing = client.get("/consultant/vacancies", query_string={"consultant": address}, headers=ADMIN)

    assert (response.status_code, response.content_type) == (422, "application/problem+json")
    assert [error["field"] for error in response.json["errors"]] == ["consultant.email"]
    assert lisa.stored() == 0
    assert (listing.status_code, listing.content_type) == (422, "application/problem+json")
