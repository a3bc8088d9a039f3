"""An address that no mail header could carry is a 422 at the door, and nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from applications.db import applications
from tests.support.email_addresses import BAD_ADDRESSES, GOOD_ADDRESS, GOOD_ADDRESS_STORED

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_an_undeliverable_address_is_a_422_problem_and_stores_nothing(desk, tmp_path, address):
    vacancy_id = desk.publish()

    response = desk.apply(vacancy_id, email=address)

    assert (response.status_code, response.content_type) == (422, "application/problem+json")
    assert [error["field"] for error in response.json["errors"]] == ["email"]
    assert desk.stored() == (0, 0)
    assert not [path for path in (tmp_path / "cvs").rglob("*") if path.is_file()]


def test_an_address_with_a_tag_and_an_internationalised_domain_is_taken_with_its_domain_lowercased(desk):
    vacancy_id = desk.publish()

    response = desk.apply(vacancy_id, email=GOOD_ADDRESS)

    assert response.status_code in (201, 202), response.json
    with desk.app.extensions["engine"].connect() as conn:
        assert conn.execute(select(applications.c.candidate_email)).scalars().all() == [GOOD_ADDRESS_STORED]
    assert desk.events()[0].data["candidate"]["email"] == GOOD_ADDRESS_STORED
