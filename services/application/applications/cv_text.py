"""The text of a CV, read once at upload for the talent-pool search (pypdf for PDF, python-docx for
Word). Pure Python.

It runs only on a file that `cv_files.check_cv` accepted, and never refuses one: a CV whose text
cannot be read (a scan, an odd encoding) is kept all the same and is found by its motivation and
answers only. What is read is bounded, so no upload makes a submission slow or a row huge.
"""

from __future__ import annotations

import io
import logging
import re

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader, apply_configuration

from applications.cv_pdf import PARSER_LIMITS

log = logging.getLogger(__name__)

MAX_TEXT_PAGES = 20  # a CV's substance is on its first pages; hostile files may have hundreds
MAX_TEXT_CHARS = 100_000
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def extract_cv_text(data: bytes, kind: str) -> str | None:
    """The readable text of a checked CV (`kind` "pdf" or "docx"), tidied and cut to
    MAX_TEXT_CHARS; None when it has none or cannot be read."""
    try:
        text = _pdf_text(data) if kind == "pdf" else _docx_text(data)
    except Exception as exc:  # a file the checks let through may still defeat a text reader
        log.info("CV text not read: %s", type(exc).__name__)  # no content, no file name
        return None
    return _tidy(text) or None


def _pdf_text(data: bytes) -> str:
    parts: list[str] = []
    with apply_configuration(**PARSER_LIMITS):
        reader = PdfReader(io.BytesIO(data), strict=False)
        for page in reader.pages[:MAX_TEXT_PAGES]:
            parts.append(page.extract_text() or "")
            if sum(map(len, parts)) > MAX_TEXT_CHARS:
                break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    # Every paragraph of the body, whether in the flow, a table or a text box; then the headers
    # and footers, where a CV often puts the name and contact details.
    parts = [_paragraph_text(paragraph) for paragraph in document.element.body.iter(qn("w:p"))]
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(paragraph.text for paragraph in part.paragraphs)
    return "\n".join(parts)


def _paragraph_text(paragraph) -> str:
    return "".join(node.text or "" for node in paragraph.iter(qn("w:t")))


def _tidy(text: str) -> str:
    # PostgreSQL's text refuses NUL; runs of spaces and blank lines only cost room.
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\x00", " ").splitlines())
    return "\n".join(line for line in lines if line)[:MAX_TEXT_CHARS]
