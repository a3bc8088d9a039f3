"""Marshmallow fields every service takes input with the same way."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from recruitment_shared.email_addresses import MAX_LENGTH, InvalidEmailAddress, normalized_email


class EmailAddress(fields.String):
    """An email address the platform can deliver to (see `recruitment_shared.email_addresses`),
    loaded in its stored form: the local part as typed, the domain lowercased.

    Every email address a request brings in goes through this field, so an address that would
    break a mail header later (`"\\x0b"@example.com`) is a 422 now, not a stuck email queue.
    """

    default_error_messages = {"invalid_address": "{reason}"}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["metadata"] = {"format": "email", **(kwargs.get("metadata") or {})}
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Length(max=MAX_LENGTH))  # also documents maxLength

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return normalized_email(text)
        except InvalidEmailAddress as exc:
            raise self.make_error("invalid_address", reason=str(exc)) from None
