"""An error in the email itself is final; one from the network, the server or its certificate may pass."""

from __future__ import annotations

import smtplib
import ssl

import pytest

from notifications.domain import DeliveryOutcome, outcome_of
from recruitment_shared.email_addresses import InvalidEmailAddress


@pytest.mark.parametrize(
    "error",
    [
        ValueError("Header values may not contain linefeed or carriage return characters"),
        UnicodeEncodeError("ascii", "jörg", 1, 2, "ordinal not in range(128)"),
        InvalidEmailAddress("Quoting the part before the @-sign is not allowed here."),
        KeyError("link"),
    ],
    ids=["header", "encoding", "address", "bug"],
)
def test_an_error_in_the_email_itself_is_final(error):
    assert outcome_of(error) is DeliveryOutcome.PERMANENT_FAILURE


@pytest.mark.parametrize(
    "error",
    [
        ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
        smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."),
        TimeoutError("timed out"),
    ],
    ids=["certificate", "no-starttls", "timeout"],
)
def test_a_network_server_or_certificate_error_may_pass_later(error):
    assert outcome_of(error) is DeliveryOutcome.TEMPORARY_FAILURE
