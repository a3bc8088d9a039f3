"""Checking a Word (.docx) CV: a real Word package, no macros, controls or embedded programs, nothing
fetched from elsewhere when it opens, and no more than 50 MB once unpacked.

Sizes written in the archive are the uploader's word: every part is unpacked here, counting the
bytes it really yields, before anything else trusts it.
"""

from __future__ import annotations

import copy
import io
import re
import sys
import zipfile
import zlib
from pyexpat import ExpatError, ParserCreate

from applications.cv_checks import ACCEPTED_FORMATS, CvRejected, is_safe_link

MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_DOCX_PARTS = 1000
MAX_DOCX_RATIO = 500  # Word XML deflates 5-20x, pictures less; a bomb of zeros reaches deflate's ~1000x
_RATIO_FLOOR = 1024 * 1024  # small parts may compress freely
_MAX_PARSED_PART = 1024 * 1024  # relationships and content types, read into memory and parsed
_CHUNK = 64 * 1024
_REQUIRED_PARTS = ("[content_types].xml", "word/document.xml")
_DAMAGED = "The Word document is damaged; please save it again and upload it."
_MACROS = "This Word document contains macros; please save it as a plain Word Document (.docx) and upload it again."
_OBJECTS = (
    "This Word document contains embedded programs, controls or imported files; please remove them and try again."
)
_EXTERNAL = (
    "This Word document loads content from elsewhere when it opens (an external template, image or object); "
    "please remove it and upload the document again."
)
_LOCAL_LINK = "This Word document links to a local file or script; please link only to web or email addresses."
_LOCAL_DRIVE_PATH = re.compile(r"(?i)(?:file:///)?/?[a-z]:[\\/]")  # C:\..., file:///C:/...
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_SAFE_EMBEDDINGS = (".xlsx", ".docx", ".pptx")  # Word keeps a chart's data as an embedded .xlsx
_MACRO_CONTENT_TYPES = ("vbaproject", "vbadata", "macroenabled")
_OBJECT_CONTENT_TYPES = ("activex", "oleobject")


def check_docx_content(data: bytes) -> None:
    """Refuse (CvRejected) an archive that is not a safe Word document, saying why."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = _part_names(members)
            parsed = _unpack(archive, members)
    except CvRejected:
        raise
    # A damaged archive surfaces as more than BadZipFile: NotImplementedError for an unknown
    # compression, RuntimeError for an encrypted part, zlib.error for broken data; all mean unreadable.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise CvRejected(_DAMAGED) from exc
    _check_parts(names)
    for name, xml in parsed.items():
        attributes = _attributes(xml)
        if name == "[content_types].xml":
            _check_content_types(attributes)
        else:
            _check_relationships(attributes)


def _part_names(members: list[zipfile.ZipInfo]) -> list[str]:
    # Part names are case-insensitive in Word packages, and some tools write backslashes.
    names = [member.filename.replace("\\", "/").lower() for member in members]
    if not all(required in names for required in _REQUIRED_PARTS):
        raise CvRejected("This archive is not a Word document; " + ACCEPTED_FORMATS + ".")
    if len(names) > MAX_DOCX_PARTS:
        raise CvRejected(f"The Word document has more than {MAX_DOCX_PARTS} parts; please upload a simpler CV.")
    if len(set(names)) != len(names):  # which copy a reader uses is its own choice: this one cannot check both
        raise CvRejected(_DAMAGED)
    return names


def _unpack(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Unpack every part, counting real bytes; return the relationship and content type parts."""
    parsed: dict[str, bytes] = {}
    total = 0
    for member in members:
        name = member.filename.replace("\\", "/").lower()
        keep = name == "[content_types].xml" or name.endswith(".rels")
        content, size = _read(archive, member, MAX_DOCX_UNPACKED_BYTES - total, keep)
        total += size
        if keep:
            parsed[name] = content
    return parsed


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, keep: bool) -> tuple[bytes, int]:
    # zipfile stops at the size the archive declares (and checks the CRC there); declaring no limit
    # makes it read on until the compressed data really ends, so a part that lies about its size is
    # measured here, chunk by chunk, against the real budget.
    unbounded = copy.copy(member)
    unbounded.file_size = sys.maxsize
    kept, size = [], 0
    with archive.open(unbounded) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                raise CvRejected("The Word document unpacks to more than 50 MB; please upload a simpler CV.")
            if size > _RATIO_FLOOR and size > MAX_DOCX_RATIO * max(member.compress_size, 1):
                raise CvRejected("The Word document unpacks to far more than its size; please upload a simpler CV.")
            if keep:
                if size > _MAX_PARSED_PART:
                    raise CvRejected(_DAMAGED)
                kept.append(chunk)
    if size != member.file_size:
        raise CvRejected(_DAMAGED)
    return b"".join(kept), size


def _check_parts(names: list[str]) -> None:
    for name in names:
        if name.endswith(_MACRO_PARTS):
            raise CvRejected(_MACROS)
        if "/activex/" in name or ("/embeddings/" in name and not name.endswith(_SAFE_EMBEDDINGS)):
            raise CvRejected(_OBJECTS)


def _attributes(xml: bytes) -> list[dict[str, str]]:
    """The attributes of every element of a small XML part, refusing DTDs (and so entity expansion)."""

    def refuse(*_args: object) -> None:
        raise CvRejected(_DAMAGED)

    attributes: list[dict[str, str]] = []
    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda _name, attrs: attributes.append(attrs)
    try:
        parser.Parse(xml, True)
    except ExpatError as exc:
        raise CvRejected(_DAMAGED) from exc
    return attributes


def _check_content_types(elements: list[dict[str, str]]) -> None:
    for element in elements:
        content_type = element.get("ContentType", "").lower()
        if any(marker in content_type for marker in _MACRO_CONTENT_TYPES):
            raise CvRejected(_MACROS)
        if any(marker in content_type for marker in _OBJECT_CONTENT_TYPES):
            raise CvRejected(_OBJECTS)


def _check_relationships(elements: list[dict[str, str]]) -> None:
    for element in elements:
        kind = element.get("Type", "").lower()
        if kind.endswith("/afchunk"):  # Word converts the imported HTML, MHT or RTF file as it opens
            raise CvRejected(_OBJECTS)
        target = element.get("Target", "")
        if element.get("TargetMode", "").lower() != "external" or _own_template(kind, target):
            continue
        # A hyperlink is followed only when clicked; anything else external is fetched on opening.
        if not kind.endswith("/hyperlink"):
            raise CvRejected(_EXTERNAL)
        if not is_safe_link(target):
            raise CvRejected(_LOCAL_LINK)


def _own_template(kind: str, target: str) -> bool:
    """Whether this is the template the CV was made from, recorded as a path on the writer's own disk.

    Word writes that for every document made from a template (most CV templates). A reader's Word
    looks for it on the reader's disk, where the uploader can place nothing; a template on a web
    server or a Windows share (\\\\host\\share) is what template injection uses, and is refused.
    """
    return kind.endswith("/attachedtemplate") and _LOCAL_DRIVE_PATH.match(target) is not None
