"""Every string the site shows has its Dutch and French translation: a page never mixes languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir

from webclient.languages import merged_catalogue

WEB = Path(__file__).resolve().parents[2]
METHODS = [("webclient/**.py", "python"), ("webclient/templates/**.html", "jinja2")]


def _shown_strings() -> set[str]:
    """The msgids of every gettext call in the web client's code and templates."""
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(WEB), METHODS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_shown_string_is_translated(language: str) -> None:
    catalogue = merged_catalogue(language)
    missing = sorted(s for s in _shown_strings() if not _translated(catalogue.get(s)))
    assert missing == [], f"untranslated in {language}: {missing}"


def _translated(message: Message | None) -> bool:
    """A translation for every form: French has three plural forms (one, many, other)."""
    if message is None:
        return False
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms)


def test_the_extraction_finds_the_site_strings() -> None:
    assert "Apply" in _shown_strings()  # guards the test above against extracting nothing
