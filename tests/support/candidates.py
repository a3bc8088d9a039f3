"""Candidates and consultants at work against the running platform, through HTTP only."""

from __future__ import annotations

import re
from email.message import EmailMessage

import requests

from tests.support.auth import bearer
from tests.support.cvs import PDF

LISA = bearer()
CANDIDATE = {
    "name": "Jan Peeters",
    "email": "jan.peeters@example.com",
    "motivation": "Ten years of PRINCE2.",
    "languages": ["nl:C2"],
    "years_of_experience": "6",
    "contract_preference": "either",
    "consent": "true",
}


def apply(applications: str, vacancy_id: str, headers: dict | None = None, **changes) -> requests.Response:
    """A candidate's multipart submission with a CV."""
    form = {"vacancy_id": vacancy_id} | CANDIDATE | changes
    files = {"cv": ("cv.pdf", PDF)}
    return requests.post(f"{applications}/applications", data=form, files=files, headers=headers, timeout=10)


def candidate_link(message: EmailMessage) -> str:
    """The personal link in a candidate's email (its plain-text part), as they would click it."""
    [link] = re.findall(r"\S+/candidate/applications/\S+", message.get_body(("plain",)).get_content())
    return link
