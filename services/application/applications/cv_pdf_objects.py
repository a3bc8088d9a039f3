"""Every object of an uploaded PDF, within a budget.

A viewer may rebuild a damaged file from whatever objects its bytes hold, so the objects checked
are all those written anywhere in the bytes (hidden, superseded, or packed into compressed
object streams) plus any other the parser would use, not only the ones the document refers to.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import IndirectObject, PdfObject, StreamObject, read_object

from applications.cv_checks import CvRejected

MAX_PDF_OBJECTS = 20_000  # CVs from Word, LibreOffice, LaTeX or Canva hold hundreds to a few thousand

_WHITESPACE = rb"[\0\t\n\f\r ]"
# Searched for backwards from each "obj" keyword: a regex run over every digit of a 5 MB upload is slow.
_HEADER_ENDING_HERE = re.compile(rb"(?<![0-9])(\d{1,10})" + _WHITESPACE + rb"+\d{1,5}" + _WHITESPACE + rb"+obj\Z")
_HEADER_WINDOW = 40
# Starts with a literal, so it stays fast over long runs of digits; an upper bound is enough here.
_XREF_ENTRY = re.compile(rb" \d{5} [nf][\r\n ]")
_SPACE = re.compile(_WHITESPACE + rb"*")


def refuse_too_many_declared(data: bytes) -> None:
    """Refuse a file that declares more objects than the budget, before the parser visits each of them."""
    declared_entries = sum(1 for _ in itertools.islice(_XREF_ENTRY.finditer(data), MAX_PDF_OBJECTS + 1))
    # Each written object holds "obj" twice (its header and "endobj").
    _within_limit(max(declared_entries, data.count(b"obj") // 2))


def every_object(reader: PdfReader, data: bytes) -> Iterator[PdfObject]:
    """The trailer, every object written anywhere in the bytes, and any other the reader would use."""
    yield reader.trailer
    raw, parsed_at, unpacked, count = io.BytesIO(data), set(), set(), 0
    for start, number, body in _object_headers(data):
        raw.seek(body)
        try:
            found = read_object(raw, reader)
        except LimitReachedError:
            raise
        except Exception:  # "12 0 obj" can occur by chance inside binary data
            continue
        parsed_at.add(start)
        packed = _packed_objects(found, reader)
        if packed:
            unpacked.add(number)
        for obj in (found, *packed):
            count += 1
            _within_limit(count)
            yield obj
    # The reader repairs damaged files its own way: also check what it would use that the scan missed.
    listed = [
        (number, generation)
        for generation, offsets in reader.xref.items()
        for number, offset in offsets.items()
        if offset not in parsed_at
    ]
    listed += [(number, 0) for number, (stream, _) in reader.xref_objStm.items() if stream not in unpacked]
    for number, generation in listed:
        count += 1
        _within_limit(count)
        yield reader.get_object(IndirectObject(number, generation, reader))


def _object_headers(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(where the header starts, the object number, where the object starts) for each "12 0 obj"."""
    keyword = data.find(b"obj")
    while keyword != -1:
        after = keyword + len(b"obj")
        header = _HEADER_ENDING_HERE.search(data, max(0, keyword - _HEADER_WINDOW), after)
        if header:
            yield header.start(), int(header[1]), _SPACE.match(data, after).end()
        keyword = data.find(b"obj", after)


def _packed_objects(found: PdfObject, reader: PdfReader) -> list[PdfObject]:
    """The objects inside a compressed object stream (none for any other object)."""
    if not isinstance(found, StreamObject) or found.get("/Type") != "/ObjStm":
        return []
    content, first = found.get_data(), int(found["/First"])
    offsets = [int(offset) for offset in content[:first].split()[1::2][: int(found["/N"])]]
    _within_limit(len(offsets))
    packed, objects = io.BytesIO(content), []
    for offset in offsets:
        packed.seek(_SPACE.match(content, first + offset).end())
        objects.append(read_object(packed, reader))
    return objects


def _within_limit(count: int) -> None:
    if count > MAX_PDF_OBJECTS:
        raise CvRejected("This PDF is too complex to check; please export your CV to PDF again and upload it.")
