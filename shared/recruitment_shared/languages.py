"""The languages the agency works in, and how a person's preferred one is read from what they send.

Consultants' tokens carry the OpenID Connect `locale` claim (a BCP 47 tag such as `nl-BE`); the
platform speaks Dutch, French and English, so only the primary language counts, and anything else
means "not known" rather than a guess.
"""

from __future__ import annotations

import re

WORKING_LANGUAGES = ("nl", "fr", "en")


def working_language(locale: object) -> str | None:
    """ "nl-BE" -> "nl", "fr_BE" -> "fr", "EN" -> "en"; None for anything the agency does not write in."""
    if not isinstance(locale, str) or not locale.strip():
        return None
    primary = re.split(r"[-_]", locale.strip().lower(), maxsplit=1)[0]
    return primary if primary in WORKING_LANGUAGES else None
