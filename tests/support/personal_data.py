"""Looking for a person's data anywhere in a database: every table and every column, read through
SQLAlchemy's reflection (so a table added later is scanned too), compared case-insensitively, also
as HTML and URLs write it (an HTML body escapes an apostrophe, a link escapes the @)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from sqlalchemy import MetaData, create_engine, select


def find_personal_data(database_url: str, needles: Iterable[str]) -> list[tuple[str, str]]:
    """Every (table, column) of the database at `database_url` in which some row holds one of
    `needles` (an address, a name, a phone number) anywhere in its value, sorted; [] if none does."""
    wanted = {form.lower() for needle in needles if needle for form in (needle, html.escape(needle), quote(needle))}
    engine = create_engine(database_url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        found: set[tuple[str, str]] = set()
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                for row in conn.execute(select(table)).mappings():
                    found |= {
                        (table.name, column)
                        for column, value in row.items()
                        if value is not None and any(needle in _text(value) for needle in wanted)
                    }
        return sorted(found)
    finally:
        engine.dispose()


def _text(value: Any) -> str:
    """A column's value as lower-cased text: bytes decoded, JSON as written (non-ASCII kept)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace").lower()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str).lower()
    return str(value).lower()
