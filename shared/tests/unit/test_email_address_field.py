"""The one email field every endpoint takes addresses with: what it refuses, and how it stores the rest."""

from __future__ import annotations

import pytest
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, ValidationError

from recruitment_shared.email_addresses import InvalidEmailAddress, deliverable_address
from recruitment_shared.web.fields import EmailAddress
from tests.support.email_addresses import BAD_ADDRESSES, GOOD_ADDRESS, GOOD_ADDRESS_STORED


class Form(Schema):
    email = EmailAddress(required=True)


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_addresses_a_mail_header_or_server_cannot_take_are_refused_with_a_reason(address):
    with pytest.raises(ValidationError) as refused:
        Form().load({"email": address})
    [reason] = refused.value.messages["email"]
    assert reason.endswith(".") and address not in reason  # says why, without echoing the input
    with pytest.raises(InvalidEmailAddress):
        deliverable_address(address)  # and the sender refuses it too, should one be stored anyway


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (GOOD_ADDRESS, GOOD_ADDRESS_STORED),
        ("Lisa.Geudens@Example.COM", "Lisa.Geudens@example.com"),
        ("jörg@example.com", "jörg@example.com"),
        ("o'brien-2@sub.example.co.uk", "o'brien-2@sub.example.co.uk"),
    ],
)
def test_good_addresses_keep_their_local_part_and_get_a_lowercase_domain(typed, stored):
    assert Form().load({"email": typed}) == {"email": stored}


def test_the_sender_writes_an_internationalised_domain_in_ascii():
    assert deliverable_address(GOOD_ADDRESS_STORED) == "Jan.Peeters+jobs@xn--bcher-kva.be"
    assert deliverable_address("jörg@example.com") == "jörg@example.com"  # needs SMTPUTF8 as it is


def test_the_openapi_document_shows_the_format_and_the_limit():
    spec = APISpec("t", "1", "3.0.3", plugins=[MarshmallowPlugin()])
    spec.components.schema("Form", schema=Form)
    assert spec.to_dict()["components"]["schemas"]["Form"]["properties"]["email"] == {
        "type": "string",
        "format": "email",
        "maxLength": 254,
    }
