"""The language of the emails a consultant gets: theirs, as the events carry it (`consultant.language`,
from the `locale` claim of their token), or CONSULTANT_EMAIL_LANGUAGE when an event names none (a
token without a locale, or an event from before the field existed)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from notifications.emails import LANGUAGES
from recruitment_shared.config import ConfigurationError
from recruitment_shared.languages import working_language


@dataclass(frozen=True)
class ConsultantLanguage:
    """Which language to write to a consultant in."""

    default: str = "en"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> ConsultantLanguage:
        """CONSULTANT_EMAIL_LANGUAGE: nl, fr or en (the default); anything else stops the process."""
        default = (environ.get("CONSULTANT_EMAIL_LANGUAGE") or "en").strip().lower()
        if default not in LANGUAGES:
            choices = ", ".join(LANGUAGES)
            raise ConfigurationError(f"CONSULTANT_EMAIL_LANGUAGE must be one of {choices}, not {default!r}")
        return cls(default)

    def of(self, consultant: Mapping) -> str:
        """The language of an email to `consultant` (an event's consultant object)."""
        return working_language(consultant.get("language")) or self.default
