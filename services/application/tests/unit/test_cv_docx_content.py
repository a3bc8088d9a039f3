"""A Word CV holds no macros, controls or programs, fetches nothing when opened, and cannot unpack into a bomb."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from applications import cv_docx
from applications.cv_files import CvRejected, check_cv
from tests.support.cvs import CONTENT_TYPES, DOCUMENT, docx, relationships, zip_of

MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml"
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _refusal(data: bytes) -> str:
    with pytest.raises(CvRejected) as refused:
        check_cv(data)
    return str(refused.value)


def _lying_about_its_size(real_size: int, declared_size: int) -> bytes:
    """A Word document whose word/media/logo.png holds real_size zero bytes but declares declared_size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCUMENT)
        with archive.open("word/media/logo.png", "w") as member:
            for _ in range(real_size // (1024 * 1024)):
                member.write(bytes(1024 * 1024))
        bomb = archive.getinfo("word/media/logo.png")
    data = bytearray(buffer.getvalue())
    # The uncompressed size sits at offset 22 of the local header and offset 24 of the central directory entry.
    struct.pack_into("<I", data, bomb.header_offset + 22, declared_size)
    central = data.rindex(b"PK\x01\x02")  # the last part written has the last directory entry
    struct.pack_into("<I", data, central + 24, declared_size)
    return bytes(data)


# Accepted


@pytest.mark.parametrize(
    "parts",
    [
        {},
        {"word/_rels/document.xml.rels": relationships(("hyperlink", "https://www.linkedin.com/in/jan", "External"))},
        {"word/_rels/document.xml.rels": relationships(("hyperlink", "mailto:jan.peeters@example.com", "External"))},
        {"word/_rels/document.xml.rels": relationships(("image", "media/photo.png", None))},
        {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x03\x04 chart data"},
        {"word/printerSettings/printerSettings1.bin": bytes(64)},
        {  # Word records the template a CV was made from, as a path on the writer's disk
            "word/_rels/settings.xml.rels": relationships(
                (
                    "attachedTemplate",
                    "file:///C:\\Users\\jan\\AppData\\Roaming\\Microsoft\\Templates\\CV.dotx",
                    "External",
                )
            )
        },
    ],
    ids=["plain", "web-link", "mail-link", "own-image", "chart-data", "printer-settings", "template-on-own-disk"],
)
def test_plain_word_documents_with_links_images_and_charts_are_accepted(parts):
    assert check_cv(docx(parts)).kind == "docx"


# Refused: macros, controls, embedded programs


@pytest.mark.parametrize(
    "parts",
    [
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"},
        {"WORD/VBAPROJECT.BIN": b"\xd0\xcf\x11\xe0 macros"},  # part names are case-insensitive
        {"word/vbaData.xml": "<wne:vbaSuppData/>"},
        {"[Content_Types].xml": CONTENT_TYPES.replace(WORD_DOCUMENT, MACRO_DOCUMENT)},
        {
            "[Content_Types].xml": CONTENT_TYPES.replace(
                "<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '
            ),
            "word/settings-data.bin": b"\xd0\xcf\x11\xe0 macros under another name",
        },
    ],
    ids=["vba-project", "vba-project-in-capitals", "vba-data", "macro-enabled-main-document", "renamed-vba-project"],
)
def test_a_word_document_with_macros_is_refused(parts):
    assert _refusal(docx(parts)) == (
        "This Word document contains macros; please save it as a plain Word Document (.docx) and upload it again."
    )


@pytest.mark.parametrize(
    "parts",
    [
        {"word/activeX/activeX1.xml": "<ax:ocx/>", "word/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0"},
        {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 Package: invoice.exe"},
        {"word/embeddings/setup.exe": b"MZ\x90\x00"},
        {
            "word/_rels/document.xml.rels": relationships(("aFChunk", "afchunk.rtf", None)),
            "word/afchunk.rtf": "{\\rtf1}",
        },
    ],
    ids=["activex-control", "ole-object", "embedded-executable", "imported-rtf"],
)
def test_a_word_document_with_controls_or_embedded_programs_is_refused(parts):
    assert "embedded programs, controls or imported files" in _refusal(docx(parts))


# Refused: content fetched from elsewhere when the document opens


@pytest.mark.parametrize(
    ("rels_part", "relationship"),
    [
        ("word/_rels/settings.xml.rels", ("attachedTemplate", "https://evil.example.com/cv.dotm", "External")),
        ("word/_rels/settings.xml.rels", ("attachedTemplate", "\\\\evil.example.com\\share\\cv.dotm", "External")),
        ("word/_rels/document.xml.rels", ("image", "https://tracker.example.com/pixel.png", "External")),
        ("word/_rels/document.xml.rels", ("oleObject", "https://evil.example.com/x.html", "External")),
        ("word/_rels/webSettings.xml.rels", ("frame", "https://evil.example.com/frame.html", "external")),
    ],
    ids=["remote-template", "template-on-a-windows-share", "tracking-image", "remote-ole-object", "frame"],
)
def test_a_word_document_that_loads_content_from_elsewhere_is_refused(rels_part, relationship):
    refusal = _refusal(docx({rels_part: relationships(relationship)}))
    assert refusal.startswith("This Word document loads content from elsewhere when it opens")


@pytest.mark.parametrize("target", ["file:///C:/Windows/System32/calc.exe", "\\\\evil.example.com\\share", "../x.exe"])
def test_a_word_document_linking_to_local_files_is_refused(target):
    rels = relationships(("hyperlink", "https://example.com", "External"), ("hyperlink", target, "External"))
    assert "links to a local file or script" in _refusal(docx({"word/_rels/document.xml.rels": rels}))


# Refused: archives built to exhaust whoever unpacks them


def test_a_word_document_that_declares_1_kb_and_unpacks_to_100_mb_is_refused():
    data = _lying_about_its_size(real_size=100 * 1024 * 1024, declared_size=1024)
    assert len(data) < 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # what the archive claims
        assert sum(member.file_size for member in archive.infolist()) < 2048
    assert "The Word document unpacks to far more than its size" in _refusal(data)


def test_a_word_document_whose_part_is_larger_than_it_declares_is_refused_even_when_small():
    data = _lying_about_its_size(real_size=1024 * 1024, declared_size=1024)
    assert _refusal(data) == "The Word document is damaged; please save it again and upload it."


def test_a_word_document_that_unpacks_to_more_than_50_mb_in_many_parts_is_refused():
    parts = {f"word/media/image{n}.png": bytes(1024 * 1024) for n in range(51)}
    assert "unpacks to more than 50 MB" in _refusal(docx(parts))


def test_a_word_document_with_too_many_parts_is_refused(monkeypatch):
    monkeypatch.setattr(cv_docx, "MAX_DOCX_PARTS", 20)
    assert "more than 20 parts" in _refusal(docx({f"word/media/image{n}.png": b"" for n in range(20)}))


def test_a_relationships_part_with_a_billion_laughs_dtd_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
        + ']><Relationships><Relationship Id="x" Target="&j;"/></Relationships>'
    )
    assert "damaged" in _refusal(docx({"_rels/.rels": laughs}))


def test_a_word_document_holding_one_part_twice_is_refused():
    buffer = io.BytesIO(docx())
    with zipfile.ZipFile(buffer, "a") as archive:  # Word treats part names case-insensitively
        archive.writestr("word/_rels/document.xml.rels", relationships())
        archive.writestr("Word/_rels/document.xml.rels", relationships(("image", "http://x.example.com", "External")))
    assert "damaged" in _refusal(buffer.getvalue())


def test_a_zip_with_only_some_word_parts_is_still_not_a_word_document():
    assert "not a Word document" in _refusal(zip_of({"word/document.xml": DOCUMENT}))
