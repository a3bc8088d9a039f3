"""Reading a CV's text for the talent pool: PDF and Word, bounded, and never a refusal."""

from __future__ import annotations

from applications.cv_files import check_cv
from applications.cv_text import MAX_TEXT_CHARS, extract_cv_text
from tests.support.cvs import PDF
from tests.support.talent_pool import cv_docx, cv_pdf


def test_a_pdfs_lines_are_read_in_order():
    data = cv_pdf("Anna Verschueren", "PRINCE2 Practitioner (2019)", "Chef de projet à Liège")
    assert check_cv(data).kind == "pdf"  # a CV the checks accept

    assert extract_cv_text(data, "pdf") == "Anna Verschueren\nPRINCE2 Practitioner (2019)\nChef de projet à Liège"


def test_a_word_documents_paragraphs_tables_and_header_are_read():
    data = cv_docx("Marc Dubois", "Scrum master", table=["SAFe", "ITIL v4"], header="Namur")
    assert check_cv(data).kind == "docx"

    text = extract_cv_text(data, "docx")

    assert text.splitlines()[:2] == ["Marc Dubois", "Scrum master"]
    assert "SAFe" in text and "ITIL v4" in text and text.endswith("Namur")


def test_spaces_are_tidied_and_nul_characters_dropped():
    data = cv_pdf("Jan\u00a0\u00a0Peeters\x00", "", "", "   PMO   lead  ")
    assert extract_cv_text(data, "pdf") == "Jan Peeters\nPMO lead"


def test_a_long_cv_is_cut_short():
    data = cv_docx(*["PRINCE2 " * 200] * 100)  # 160,000 characters
    assert len(extract_cv_text(data, "docx")) == MAX_TEXT_CHARS


def test_a_file_without_readable_text_gives_none():
    assert extract_cv_text(cv_pdf(), "pdf") is None  # nothing written on the page
    assert extract_cv_text(b"%PDF-1.4 not really", "pdf") is None
    assert extract_cv_text(b"PK\x03\x04 not really", "docx") is None
    assert extract_cv_text(PDF, "pdf") == "Jan Peeters - IT Project Manager"
