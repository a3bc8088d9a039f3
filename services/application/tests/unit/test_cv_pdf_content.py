"""A PDF CV is read with a real parser: nothing that runs, opens or is attached gets to a consultant."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from applications import cv_pdf_objects
from applications.cv_files import CvRejected, check_cv
from tests.support.cvs import PDF, pdf

DEMO_CV = Path(__file__).parents[2] / "demo" / "cv-jan-peeters.pdf"
JS = b"<< /S /JavaScript /JS (app.alert('hi')) >>"


def _refusal(data: bytes) -> str:
    with pytest.raises(CvRejected) as refused:
        check_cv(data)
    return str(refused.value)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank_pages(count: int) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    return writer


def _link(action: bytes) -> bytes:
    return b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A " + action + b" >>"


def _unlisted(data: bytes, obj: bytes) -> bytes:
    """`data` with `obj` written before the cross-reference table, which does not list it."""
    start = data.rindex(b"\nxref\n") + 1
    moved = data[:start] + obj + b"\n" + data[start:]
    return re.sub(rb"startxref\n\d+", b"startxref\n%d" % (start + len(obj) + 1), moved)


# Accepted


@pytest.mark.parametrize(
    "data",
    [
        PDF,
        DEMO_CV.read_bytes(),
        _written(_blank_pages(2)),
        pdf(catalog=b"/OpenAction [3 0 R /Fit]"),  # Word and LibreOffice set the first view this way
        pdf(catalog=b"/OpenAction << /S /GoTo /D [3 0 R /XYZ 0 842 0] >>"),
        pdf(_link(b"<< /S /URI /URI (https://www.linkedin.com/in/jan-peeters) >>"), page=b"/Annots [5 0 R]"),
        pdf(_link(b"<< /S /URI /URI (mailto:jan.peeters@example.com) >>"), page=b"/Annots [5 0 R]"),
        pdf(_link(b"<< /S /URI /URI (www.example.com/portfolio) >>"), page=b"/Annots [5 0 R]"),  # as LaTeX writes
        pdf(b"<< /Title (Curriculum vitae) /Dest [3 0 R /Fit] >>", catalog=b"/Outlines << /First 5 0 R >>"),
    ],
    ids=["plain", "demo", "pypdf", "destination", "goto", "https-link", "mailto-link", "relative-link", "outline"],
)
def test_plain_pdfs_with_links_and_a_first_view_are_accepted(data):
    assert check_cv(data).kind == "pdf"


# Refused: not a PDF


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n<html><body><script>fetch('/consultant/applications')</script></body></html>\n%%EOF\n",
        b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n",
        pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0"),
        b"%PDF-1.4\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ],
    ids=["html-in-a-pdf-shell", "garbage", "no-pages", "nesting-bomb"],
)
def test_what_only_looks_like_a_pdf_is_refused_as_unreadable(data):
    assert "not a readable PDF" in _refusal(data)


def test_an_encrypted_pdf_is_refused_since_its_content_cannot_be_checked():
    writer = _blank_pages(1)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    assert "password-protected" in _refusal(_written(writer))


def test_a_pdf_with_too_many_pages_is_refused():
    assert "more than 500 pages" in _refusal(_written(_blank_pages(501)))


def test_a_pdf_with_too_many_objects_is_refused_before_they_are_all_parsed(monkeypatch):
    monkeypatch.setattr(cv_pdf_objects, "MAX_PDF_OBJECTS", 50)
    assert "too complex" in _refusal(pdf(*[b"null"] * 60))


# Refused: active content, wherever it hides


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (pdf(catalog=b"/OpenAction " + JS), "JavaScript"),
        (pdf(b"<< /Names [(init) 6 0 R] >>", JS, catalog=b"/Names << /JavaScript 5 0 R >>"), "JavaScript"),
        (pdf(b"<< /S /Launch /F (C:\\\\Windows\\\\System32\\\\cmd.exe) >>", catalog=b"/OpenAction 5 0 R"), "opened"),
        (pdf(catalog=b"/OpenAction << /S /URI /URI (https://tracker.example.com/opened) >>"), "opened"),
        (pdf(page=b"/AA << /O " + JS + b" >>"), "JavaScript"),
        (pdf(catalog=b"/AA << /WC << /S /GoTo /D [3 0 R /Fit] >> >>"), "by themselves"),
        (pdf(_link(b"<< /S /Launch /F (calc.exe) >>"), page=b"/Annots [5 0 R]"), "starts a program"),
        (pdf(_link(b"<< /S /SubmitForm /F (https://x.example.com) >>"), page=b"/Annots [5 0 R]"), "sends data"),
        (pdf(_link(b"<< /S /ImportData /F (data.fdf) >>"), page=b"/Annots [5 0 R]"), "loads data"),
        (
            pdf(_link(b"<< /S /GoToR /F (\\\\\\\\evil\\\\share\\\\cv.pdf) /D [0 /Fit] >>"), page=b"/Annots [5 0 R]"),
            "file",
        ),
        (pdf(_link(b"<< /S /URI /URI (file:///C:/Windows/System32/calc.exe) >>"), page=b"/Annots [5 0 R]"), "local"),
        (pdf(_link(b"<< /S /URI /URI (javascript:alert(1)) >>"), page=b"/Annots [5 0 R]"), "local file or script"),
        (pdf(b"<< /Length 0 >>\nstream\n\nendstream", catalog=b"/AcroForm << /Fields [] /XFA 5 0 R >>"), "XFA"),
        (
            pdf(b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>", page=b"/Annots [5 0 R]"),
            "embedded media",
        ),
    ],
    ids=[
        "open-action-javascript",
        "document-javascript",
        "open-action-launch",
        "open-action-web-address",
        "page-additional-action",
        "document-additional-action",
        "link-launches",
        "submit-form",
        "import-data",
        "remote-goto-windows-share",
        "file-uri",
        "javascript-uri",
        "xfa-form",
        "rich-media",
    ],
)
def test_a_pdf_with_active_content_is_refused_saying_what_it_holds(data, why):
    refusal = _refusal(data)
    assert refusal.startswith("This PDF contains active content") and why in refusal
    assert refusal.endswith("please upload a plain PDF (for example, print it to PDF again).")


@pytest.mark.parametrize(
    "data",
    [
        pdf(JS),  # referenced by nothing: a viewer that rebuilds the file may still use it
        pdf(b"<< /S /J#61vaScript /JS (app.alert(1)) >>", catalog=b"/OpenAction [3 0 R /Fit] /Names 5 0 R"),
        _unlisted(pdf(), b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction " + JS + b" >>\nendobj"),
    ],
    ids=["unreferenced-object", "escaped-name", "object-missing-from-the-cross-reference-table"],
)
def test_javascript_hidden_from_the_document_structure_is_still_found(data):
    assert "JavaScript" in _refusal(data)


def test_javascript_packed_in_a_compressed_object_stream_is_found():
    packed = b"6 0 " + JS
    objstm = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
    compressed = zlib.compress(packed)
    assert b"JavaScript" not in compressed
    assert "JavaScript" in _refusal(pdf(objstm % (len(compressed), compressed), catalog=b"/OpenAction 6 0 R"))


# Refused: embedded files


def test_a_pdf_with_an_attachment_made_by_pypdf_is_refused():
    writer = _blank_pages(1)
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    assert "embedded files (attachments)" in _refusal(_written(writer))


@pytest.mark.parametrize(
    "data",
    [
        pdf(
            b"<< /Type /Filespec /F (cv.exe) /EF << /F 6 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ\x90\x00\nendstream",
            catalog=b"/Names << /EmbeddedFiles << /Names [(cv.exe) 5 0 R] >> >>",
        ),
        pdf(
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS (cv.exe) >>",
            page=b"/Annots [5 0 R]",
        ),
    ],
    ids=["embedded-files-name-tree", "file-attachment-annotation"],
)
def test_a_pdf_with_embedded_files_is_refused(data):
    assert "This PDF contains embedded files (attachments)" in _refusal(data)


def test_a_link_added_with_pypdf_that_launches_a_program_is_refused():
    writer = _blank_pages(1)
    launch = {"/S": NameObject("/Launch"), "/F": TextStringObject("cmd.exe")}
    writer.add_annotation(0, {"/Type": NameObject("/Annot"), "/Subtype": NameObject("/Link"), "/A": launch})
    assert "starts a program" in _refusal(_written(writer))
