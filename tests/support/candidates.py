"""Candidates and consultants at work against the running platform, through HTTP only."""

from __future__ import annotations

import re
from email.message import EmailMessage

import requests

from applications.privacy_notice import CURRENT_VERSION
from tests.support.auth import bearer
from tests.support.cvs import PDF
from tests.support.seed import vacancy_92742
from tests.support.waiting import wait_until

LISA = bearer()
CANDIDATE = {
    "name": "Jan Peeters",
    "email": "jan.peeters@example.com",
    "motivation": "Ten years of PRINCE2.",
    "languages": ["nl:C2"],
    "years_of_experience": "6",
    "contract_preference": "either",
    "consent": "true",
    "privacy_notice_version": CURRENT_VERSION,  # the notice the candidate read (GET /privacy-notice)
}


def open_vacancy_92742(vacancies: str, applications: str) -> str:
    """Lisa creates and publishes vacancy 92742; returns its id once the application service takes
    applications to it (its read model heard of it)."""
    created = requests.post(f"{vacancies}/consultant/vacancies", json=vacancy_92742(), headers=LISA, timeout=10)
    vacancy_id = created.json()["id"]
    requests.post(f"{vacancies}/consultant/vacancies/{vacancy_id}/publish", headers=LISA, timeout=10)
    wait_until(lambda: requests.get(f"{applications}/vacancies/{vacancy_id}", timeout=10).status_code == 200)
    return vacancy_id


def apply(applications: str, vacancy_id: str, headers: dict | None = None, **changes) -> requests.Response:
    """A candidate's multipart submission with a CV."""
    form = {"vacancy_id": vacancy_id} | CANDIDATE | changes
    files = {"cv": ("cv.pdf", PDF)}
    return requests.post(f"{applications}/applications", data=form, files=files, headers=headers, timeout=10)


def candidate_link(message: EmailMessage) -> str:
    """The personal link in a candidate's email (its plain-text part), as they would click it: their
    page on the career site, `WEB_PUBLIC_URL/<language>/my-application/<token>`."""
    [link] = re.findall(r"\S+/my-application/\S+", message.get_body(("plain",)).get_content())
    return link


def own_application_api(link: str, applications: str) -> str:
    """The application API's address of the application a candidate's link (a page of the site) opens."""
    return f"{applications}/candidate/applications/{link.rpartition('/')[2]}"
