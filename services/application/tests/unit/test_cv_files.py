"""Only real PDF and Word CVs are accepted, whatever the upload claims; stored CVs stay in their folder."""

import io
import zipfile

import pytest

from applications.cv_files import MAX_CV_BYTES, CvFile, CvRejected, CvStorage, LocalCvStorage, check_cv
from tests.support.cvs import CONTENT_TYPES, DOCUMENT, PDF, zip_of

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx() -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT})


def _pdf_of_size(size: int) -> bytes:
    """A real one-page PDF, grown to `size` bytes by a comment line after its header."""
    header = b"%PDF-1.4\n"
    padding = size - len(PDF) - len(b"%\n")
    return header + b"%" + b"0" * padding + b"\n" + PDF[len(header) :]


# Accepted


def test_a_pdf_is_accepted():
    assert check_cv(PDF) == CvFile(kind="pdf", media_type="application/pdf", size=len(PDF))


def test_a_word_document_is_accepted():
    data = _docx()
    assert check_cv(data) == CvFile(kind="docx", media_type=DOCX_MEDIA_TYPE, size=len(data))


def test_a_pdf_of_exactly_the_maximum_size_is_accepted():
    assert check_cv(_pdf_of_size(MAX_CV_BYTES)).size == MAX_CV_BYTES


def test_a_pdf_with_a_little_trailing_padding_after_its_end_marker_is_accepted():
    assert check_cv(PDF + b"\0" * 1000).kind == "pdf"


# Rejected


def test_an_empty_upload_is_rejected():
    with pytest.raises(CvRejected, match="empty"):
        check_cv(b"")


def test_a_pdf_one_byte_over_the_maximum_is_rejected():
    with pytest.raises(CvRejected, match="larger than 5 MB"):
        check_cv(_pdf_of_size(MAX_CV_BYTES + 1))


def test_a_truncated_pdf_is_rejected():
    with pytest.raises(CvRejected, match="incomplete"):
        check_cv(PDF[: len(PDF) // 2])


def test_a_pdf_whose_end_marker_is_far_from_the_end_is_rejected():
    with pytest.raises(CvRejected, match="incomplete"):
        check_cv(PDF + b"\0" * 4096)


def test_an_executable_renamed_to_pdf_is_rejected_naming_the_accepted_formats():
    with pytest.raises(CvRejected, match=r"PDF or a Word document \(\.docx\)"):
        check_cv(b"MZ" + b"\x90\x00" * 500)


def test_an_old_word_doc_is_rejected():
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(CvRejected, match=r"PDF or a Word document \(\.docx\)"):
        check_cv(ole_header + b"\0" * 1000)


def test_plain_text_is_rejected():
    with pytest.raises(CvRejected, match=r"PDF or a Word document \(\.docx\)"):
        check_cv(b"Jan Peeters\nIT Project Manager\n")


def test_an_ordinary_zip_is_rejected():
    with pytest.raises(CvRejected, match=r"not a Word document.*PDF or a Word document \(\.docx\)"):
        check_cv(zip_of({"cv.txt": "Jan Peeters"}))


def test_a_zip_with_only_some_word_parts_is_rejected():
    with pytest.raises(CvRejected, match="not a Word document"):
        check_cv(zip_of({"word/document.xml": DOCUMENT}))


def test_a_word_document_behind_an_executable_stub_is_rejected():
    # zipfile itself would open this (self-extracting archives); the upload is still an executable.
    with pytest.raises(CvRejected, match=r"PDF or a Word document \(\.docx\)"):
        check_cv(b"MZ" + b"\0" * 100 + _docx())


def test_a_damaged_word_document_is_rejected():
    with pytest.raises(CvRejected, match="damaged"):
        check_cv(_docx()[:-30])


def test_a_word_document_that_unpacks_to_more_than_50_mb_is_rejected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCUMENT)
        with archive.open("word/media/padding.bin", "w") as member:
            for _ in range(60):
                member.write(bytes(1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < MAX_CV_BYTES  # small on the wire: only the unpacked size gives it away
    with pytest.raises(CvRejected, match="unpacks to far more than its size"):
        check_cv(data)


# Storage


def test_a_stored_cv_can_be_read_back_and_deleted(tmp_path):
    storage: CvStorage = LocalCvStorage(tmp_path / "cvs")
    key = storage.save(PDF, check_cv(PDF))
    assert key.endswith(".pdf")
    assert storage.load(key) == PDF
    storage.delete(key)
    with pytest.raises(KeyError):
        storage.load(key)


def test_the_folder_is_created_only_when_the_first_cv_is_saved(tmp_path):
    root = tmp_path / "var" / "cvs"
    storage = LocalCvStorage(root)
    assert not root.exists()
    storage.save(_docx(), check_cv(_docx()))
    assert [path.suffix for path in root.iterdir()] == [".docx"]  # no temporary file left behind


def test_deleting_twice_is_harmless(tmp_path):
    storage = LocalCvStorage(tmp_path)
    key = storage.save(PDF, check_cv(PDF))
    storage.delete(key)
    storage.delete(key)


def test_an_unknown_key_is_a_key_error(tmp_path):
    with pytest.raises(KeyError):
        LocalCvStorage(tmp_path).load("0" * 32 + ".pdf")


def test_the_same_cv_saved_twice_gets_two_generated_keys(tmp_path):
    storage = LocalCvStorage(tmp_path)
    cv = check_cv(PDF)
    first, second = storage.save(PDF, cv), storage.save(PDF, cv)
    assert first != second
    assert storage.load(first) == storage.load(second) == PDF


@pytest.mark.parametrize(
    "key",
    ["../etc/passwd", "x.pdf", "/etc/passwd", "../" + "0" * 32 + ".pdf", "0" * 32 + ".pdf\n", "0" * 32 + ".exe", ""],
)
def test_a_key_that_storage_could_not_have_generated_is_refused(tmp_path, key):
    outside = tmp_path / ("0" * 32 + ".pdf")
    outside.write_bytes(PDF)  # a real file one folder up must stay unreachable
    storage = LocalCvStorage(tmp_path / "cvs")
    with pytest.raises(KeyError):
        storage.load(key)
    with pytest.raises(KeyError):
        storage.delete(key)
    assert outside.exists()
