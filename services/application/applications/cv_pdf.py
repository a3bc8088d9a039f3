"""Checking a PDF CV with a real parser (pypdf): readable, at least one page, nothing that runs or is attached.

A viewer runs JavaScript, launches programs and opens attachments found in any dictionary of the
file, so every dictionary of every object (cv_pdf_objects.py) is checked, however deeply nested.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from pypdf import PdfReader, apply_configuration
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from applications import cv_pdf_objects
from applications.cv_checks import CvRejected, is_safe_link

MAX_PDF_PAGES = 500

# pypdf warns about every oddity of a damaged file; hostile uploads would fill the logs with them.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Lower than pypdf's defaults (75 MB per stream): a 5 MB CV has no business inflating further.
PARSER_LIMITS = {
    "zlib_maximum_output_length": 20_000_000,
    "lzw_maximum_output_length": 20_000_000,
    "run_length_maximum_output_length": 20_000_000,
    "brotli_maximum_output_length": 20_000_000,
    "array_maximum_element_count": 50_000,
    "dictionary_maximum_element_count": 50_000,
}

_JAVASCRIPT = "active content (JavaScript)"
_ATTACHMENTS = "embedded files (attachments)"
_MEDIA = "active content (embedded media or 3D)"
_KEYS = {
    "/JavaScript": _JAVASCRIPT,
    "/JS": _JAVASCRIPT,
    "/AA": "active content (actions that run by themselves)",
    "/XFA": "active content (an XFA form)",
    "/EmbeddedFiles": _ATTACHMENTS,
    "/EF": _ATTACHMENTS,
    "/RichMediaContent": _MEDIA,
}
_ACTIONS = {  # values of an action's /S
    "/JavaScript": _JAVASCRIPT,
    "/Launch": "active content (an action that starts a program)",
    "/SubmitForm": "active content (a form that sends data)",
    "/ImportData": "active content (a form that loads data)",
    "/GoToR": "active content (a link that opens another file)",
    "/GoToE": _ATTACHMENTS,
    "/RichMediaExecute": _MEDIA,
    "/Rendition": _MEDIA,
    "/Movie": _MEDIA,
    "/Sound": _MEDIA,
}
_TYPES = {  # values of /Type or /Subtype
    "/EmbeddedFile": _ATTACHMENTS,
    "/FileAttachment": _ATTACHMENTS,
    "/RichMedia": _MEDIA,
    "/Screen": _MEDIA,
    "/Movie": _MEDIA,
    "/Sound": _MEDIA,
    "/3D": _MEDIA,
}


def check_pdf_content(data: bytes) -> None:
    """Refuse (CvRejected) a PDF that cannot be read, has no page, is encrypted, or holds active content."""
    unreadable = CvRejected("This file is not a readable PDF; please export your CV to PDF again and upload it.")
    cv_pdf_objects.refuse_too_many_declared(data)
    with apply_configuration(**PARSER_LIMITS):
        try:
            limit = cv_pdf_objects.MAX_PDF_OBJECTS
            reader = PdfReader(io.BytesIO(data), strict=False, xref_stream_maximum_entries=limit)
            if reader.is_encrypted:
                raise CvRejected("This PDF is password-protected or encrypted; please upload an unprotected PDF.")
            pages = len(reader.pages)
            found = _active_content(cv_pdf_objects.every_object(reader, data))
        except CvRejected:
            raise
        except Exception as exc:  # a hostile file can make the parser fail in any way; all mean unreadable
            raise unreadable from exc
    if pages == 0:
        raise unreadable
    if pages > MAX_PDF_PAGES:
        raise CvRejected(f"This PDF has more than {MAX_PDF_PAGES} pages; please upload a shorter CV.")
    if found:
        raise CvRejected(f"This PDF contains {found}; please upload a plain PDF (for example, print it to PDF again).")


def _active_content(objects: Iterator[PdfObject]) -> str | None:
    """What the dictionaries anywhere inside the objects hold that a plain CV never needs, or None.

    JavaScript is named first wherever it sits (an /OpenAction or /AA holding it is found first).
    """
    found: str | None = None
    for obj in objects:
        stack = [obj]
        while stack:  # a loop, not recursion: nesting depth is the uploader's choice
            item = stack.pop()
            if isinstance(item, DictionaryObject):
                here = _active_content_of(item)
                if here == _JAVASCRIPT:
                    return here
                found = found or here
                stack.extend(item.values())
            elif isinstance(item, ArrayObject):
                stack.extend(item)
    return found


def _active_content_of(dictionary: DictionaryObject) -> str | None:
    """What one dictionary itself (not what it contains) does that a plain CV never needs."""
    for key, found in _KEYS.items():
        if key in dictionary:
            return found
    for key in ("/Type", "/Subtype"):
        if (found := _TYPES.get(_name(dictionary.get(key)))) is not None:
            return found
    action = _name(dictionary.get("/S"))
    if action in _ACTIONS:
        return _ACTIONS[action]
    if action == "/URI" and not is_safe_link(_text(dictionary.get("/URI"))):
        return "active content (a link to a local file or script)"
    # A destination ([page /Fit], as Word and LibreOffice write) only sets the first view; an action
    # other than going to a page (a web address, a script) would run as soon as the file opens.
    opening = dictionary.get("/OpenAction")
    opening = opening.get_object() if opening is not None else None
    if isinstance(opening, DictionaryObject) and _name(opening.get("/S")) != "/GoTo":
        return "active content (an action that runs when it is opened)"
    return None


def _name(value: PdfObject | None) -> str:
    """A name value as a str (names may be indirect, a viewer follows them); "" for anything else."""
    value = value.get_object() if value is not None else None
    return str(value) if isinstance(value, str) else ""


def _text(value: PdfObject | None) -> str:
    value = value.get_object() if value is not None else None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value) if isinstance(value, str) else ""
