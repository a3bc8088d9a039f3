"""Email addresses as the platform takes them in and sends to: plain `local@domain` that any mail
server can route and any mail header can carry, checked by `email-validator`.

Refused: control and other unsafe characters, quoted local parts (`"…"@example.com`), address
literals (`hr@[10.0.0.5]`), hosts without a dot (`root@localhost`) and special-use names
(`.local`, `.test`, …), display names, and addresses longer than RFC 5321 allows (254 in all,
64 before the `@`). No DNS lookup is made: whether the domain takes mail shows at delivery.
Pure Python: the web schemas and the sender both use it.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, ValidatedEmail, validate_email

MAX_LENGTH = 254  # RFC 5321's 256-octet path less its angle brackets


class InvalidEmailAddress(ValueError):
    """Not an address the platform sends to; the message says why without repeating the address."""


def normalized_email(text: str) -> str:
    """`text` as the platform stores it: the local part as typed, the domain lowercased (an
    internationalised domain in Unicode). Raises InvalidEmailAddress."""
    return _validated(text).normalized


def deliverable_address(address: str) -> str:
    """`address` as an SMTP envelope and `To` header carry it: the domain in ASCII (IDNA) where the
    local part is ASCII, so no SMTPUTF8 is needed; otherwise as stored. Raises InvalidEmailAddress."""
    validated = _validated(address)
    return validated.ascii_email or validated.normalized


def _validated(text: str) -> ValidatedEmail:
    try:
        return validate_email(
            text,
            check_deliverability=False,  # no DNS at the request: offline-safe and not a probe for attackers
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
            allow_empty_local=False,
            globally_deliverable=True,  # a dot in the domain, and no special-use names
            test_environment=False,
            strict=True,  # also holds the local part to 64 characters
        )
    except EmailNotValidError as exc:
        raise InvalidEmailAddress(str(exc)) from None
