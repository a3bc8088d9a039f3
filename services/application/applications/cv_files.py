"""Checking and storing CV uploads. Pure Python.

A CV is judged by its bytes only: file names and client content types are chosen by whoever
uploads, so they prove nothing. What a PDF or Word file may hold is decided in cv_pdf.py and
cv_docx.py: nothing that runs, is attached, or is fetched from elsewhere when it opens.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from applications.cv_checks import ACCEPTED_FORMATS, CvRejected
from applications.cv_docx import check_docx_content
from applications.cv_pdf import check_pdf_content

__all__ = ["MAX_CV_BYTES", "CvFile", "CvRejected", "CvStorage", "LocalCvStorage", "check_cv"]

MAX_CV_BYTES = 5 * 1024 * 1024

PDF_MEDIA_TYPE = "application/pdf"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_PDF_MAGIC = b"%PDF-"
_PDF_EOF = b"%%EOF"
_PDF_EOF_WINDOW = 2048  # writers may append a little after %%EOF (newlines, padding)
_ZIP_MAGIC = b"PK\x03\x04"
_KEY = re.compile(r"[0-9a-f]{32}\.(pdf|docx)")


@dataclass(frozen=True)
class CvFile:
    """What check_cv found the upload to be."""

    kind: str  # "pdf" | "docx"
    media_type: str
    size: int


def check_cv(data: bytes) -> CvFile:
    """Accept a PDF or DOCX CV judged by its content; raise CvRejected saying why otherwise."""
    if not data:
        raise CvRejected("The file is empty; " + ACCEPTED_FORMATS + ".")
    if len(data) > MAX_CV_BYTES:
        raise CvRejected("The file is larger than 5 MB; please upload a smaller CV.")
    if data.startswith(_PDF_MAGIC):
        return _check_pdf(data)
    # Require the ZIP signature at offset 0: zipfile also opens archives with anything prepended
    # (self-extracting executables), which must not pass as a Word document.
    if data.startswith(_ZIP_MAGIC):
        return _check_docx(data)
    raise CvRejected("This file type is not accepted; " + ACCEPTED_FORMATS + ".")


def _check_pdf(data: bytes) -> CvFile:
    if _PDF_EOF not in data[-_PDF_EOF_WINDOW:]:
        raise CvRejected("The PDF is incomplete (its end is missing); please export it again and upload it.")
    check_pdf_content(data)
    return CvFile(kind="pdf", media_type=PDF_MEDIA_TYPE, size=len(data))


def _check_docx(data: bytes) -> CvFile:
    check_docx_content(data)
    return CvFile(kind="docx", media_type=DOCX_MEDIA_TYPE, size=len(data))


class CvStorage(Protocol):
    """Where CV files live; keys are generated, never taken from the upload."""

    def save(self, data: bytes, cv: CvFile) -> str:
        """Store the bytes and return a new storage key."""
        ...

    def load(self, key: str) -> bytes:
        """The bytes stored under key; KeyError if unknown."""
        ...

    def delete(self, key: str) -> None:
        """Forget the file under key; deleting an unknown key is not an error."""
        ...

    def keys(self, stored_before: datetime) -> list[str]:
        """The keys of the files stored before `stored_before` (the retention job looks for orphans)."""
        ...


class LocalCvStorage:
    """CV files in a folder on this machine, one file per CV, named by its key."""

    def __init__(self, root: Path) -> None:
        """Store under root; the folder is created on the first save."""
        self.root = Path(root)

    def save(self, data: bytes, cv: CvFile) -> str:
        """Write the CV atomically under a new random key and return the key."""
        key = f"{uuid.uuid4().hex}.{cv.kind}"
        if not _KEY.fullmatch(key):
            raise ValueError(f"cannot store a CV of kind {cv.kind!r}")
        self.root.mkdir(parents=True, exist_ok=True)
        # Temp file in the same folder so os.replace is a rename on one file system: readers see
        # either no file or the whole file, never a half-written CV.
        fd, temp_name = tempfile.mkstemp(dir=self.root, prefix=".upload-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as temp:
                temp.write(data)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, self.root / key)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return key

    def load(self, key: str) -> bytes:
        """The CV stored under key; KeyError if the key is malformed or unknown."""
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def delete(self, key: str) -> None:
        """Remove the CV under key; a second delete does nothing. KeyError if the key is malformed."""
        self._path(key).unlink(missing_ok=True)

    def keys(self, stored_before: datetime) -> list[str]:
        """The keys of the CVs written before `stored_before`; none if the folder does not exist yet."""
        if not self.root.is_dir():
            return []
        cutoff = stored_before.timestamp()
        return [
            entry.name
            for entry in os.scandir(self.root)
            if _KEY.fullmatch(entry.name) and entry.is_file() and entry.stat().st_mtime < cutoff
        ]

    def _path(self, key: str) -> Path:
        # Only keys this storage could have generated map to a path, so no key can leave the folder.
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise KeyError(key)
        return self.root / key
