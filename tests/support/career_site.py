"""Applying through the career site in tests: a rendered apply form, filled as a candidate fills it,
and the candidate's own link (signed as the notification service signs it)."""

from __future__ import annotations

import io
import re
import uuid

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from applications.db import applications as application_table
from applications.tokens import SALT
from tests.support.cvs import PDF


def rendered_form(site, lang: str = "en") -> dict[str, str]:
    """The hidden fields of a freshly rendered apply form (CSRF token and Idempotency-Key)."""
    html = site.get(f"/{lang}/vacancies/92742/apply").get_data(as_text=True)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)"', html))


def filled(hidden: dict[str, str], email: str, cv: bytes = PDF, **changes) -> dict:
    form = {
        "name": "Jan Peeters",
        "email": email,
        "preferred_language": "nl",
        "language_0": "nl",
        "level_0": "C2",
        "language_1": "en",
        "level_1": "B2",
        "years_of_experience": "6",
        "contract_preference": "freelance",
        "expected_daily_rate": "600",
        "available_from": "2027-03-01",
        "motivation": "Ten years of PRINCE2.",
        "consent": "true",
    }
    return hidden | form | {"cv": (io.BytesIO(cv), "cv.pdf")} | changes


def applications_of(application_service, email: str) -> list[dict]:
    with application_service.app.extensions["engine"].connect() as conn:
        rows = conn.execute(select(application_table).where(application_table.c.candidate_email == email))
        return [dict(row._mapping) for row in rows]


def unique_email() -> str:
    return f"jan.{uuid.uuid4().hex[:8]}@example.com"


def own_link(application_service, application_id) -> str:
    key = application_service.app.extensions["candidate_links"].key
    return URLSafeTimedSerializer(key, salt=SALT).dumps(str(application_id))
