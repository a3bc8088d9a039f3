"""CV files as candidates upload them, and builders for the harmful ones attackers upload."""

from __future__ import annotations

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Jan Peeters, IT Project Manager</w:t></w:r></w:p></w:body></w:document>"
)
RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def pdf(*objects: bytes, catalog: bytes = b"", page: bytes = b"") -> bytes:
    """A one-page PDF with a correct cross-reference table.

    `catalog` and `page` are added to those dictionaries; `objects` become objects 5, 6, ...
    (object 4 is the page's text).
    """
    text = b"BT /F1 14 Tf 72 760 Td (Jan Peeters - IT Project Manager) Tj ET"
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> " + page + b" >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        *objects,
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


PDF = pdf()


def zip_of(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP archive holding `parts`, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(parts: dict[str, str | bytes] | None = None) -> bytes:
    """A minimal Word document, with `parts` added (or replacing its own)."""
    return zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT} | (parts or {}))


def relationships(*relationships: tuple[str, str, str | None]) -> str:
    """A relationships part (`word/_rels/...rels`) of (type, target, target mode) triples."""
    elements = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATIONSHIP_TYPES}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for n, (kind, target, mode) in enumerate(relationships, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{elements}</Relationships>'
    )
