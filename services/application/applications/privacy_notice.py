"""The privacy notice candidates accept when they apply, versioned in the repository.

Each version is a folder `privacy_notices/<version>/` with the text in nl, fr and en (Markdown).
A version, once published, is never edited: a consent records the version it was given under,
so the text a candidate accepted can always be shown again. A changed text is a new folder and
a new CURRENT_VERSION; from then on the application form must name the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

CURRENT_VERSION = "2026-12-01"
LANGUAGES = ("nl", "fr", "en")
_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # the folder names: nothing else may reach the file system


class UnknownNoticeVersion(LookupError):
    """No privacy notice has this version."""


@dataclass(frozen=True)
class PrivacyNotice:
    """One version of the notice, its text per language."""

    version: str
    texts: dict[str, str]


def privacy_notice(version: str = CURRENT_VERSION) -> PrivacyNotice:
    """The notice of `version` (the current one by default), or UnknownNoticeVersion."""
    folder = resources.files("applications") / "privacy_notices" / version
    if not _VERSION.fullmatch(version) or not folder.is_dir():
        raise UnknownNoticeVersion(f"there is no privacy notice of version {version!r}")
    return PrivacyNotice(version, {language: (folder / f"{language}.md").read_text("utf-8") for language in LANGUAGES})


# Why an application without the current version is refused, and what the client should do.
NOT_READ = f"Read the privacy notice (GET /privacy-notice) and send its version, {CURRENT_VERSION}."
NOT_CURRENT = f"This is not the current privacy notice: read version {CURRENT_VERSION} (GET /privacy-notice)."
