"""Candidates' links are signed into their emails as the sender builds them, and only there."""

from __future__ import annotations

import uuid

from itsdangerous import URLSafeTimedSerializer

from notifications.personal_links import CANDIDATE_LINK, SALT, PersonalLinks
from recruitment_shared.secrets import CANDIDATE_LINKS, signing_key

DEVELOPMENT = {"RECRUITMENT_ENV": "development", "JWT_SECRET": "a-secret-only-these-unit-tests-use-0123"}
LINKS = PersonalLinks.from_env(DEVELOPMENT | {"APPLICATION_PUBLIC_URL": "https://jobs.example.com/api/applications/"})
TEXT = f"Dear Jan,\n\nFollow your application here:\n{CANDIDATE_LINK}\n"
HTML = f'<p><a href="{CANDIDATE_LINK}">Follow my application</a></p>'


def _opened(link: str) -> uuid.UUID:
    token = link.rpartition("/candidate/applications/")[2]
    return uuid.UUID(URLSafeTimedSerializer(LINKS.key, salt=SALT).loads(token, max_age=60))


def test_the_sender_fills_in_a_link_to_the_emails_application_in_both_parts():
    application_id = uuid.uuid4()

    text, html = LINKS.fill(application_id, TEXT, HTML)

    [link] = [line for line in text.splitlines() if line.startswith("https://")]
    assert link.startswith("https://jobs.example.com/api/applications/candidate/applications/")
    assert _opened(link) == application_id
    assert f'href="{link}"' in html
    assert CANDIDATE_LINK not in text + html


def test_an_email_recorded_without_an_application_gets_no_link():
    assert LINKS.fill(None, TEXT, HTML) == (TEXT, HTML)
    assert LINKS.fill(None, "no placeholder", None) == ("no placeholder", None)


def test_the_link_is_signed_with_the_candidate_link_key_and_escaped_for_html():
    odd = PersonalLinks(LINKS.key, "https://jobs.example.com/a?b=1&c=2")

    _text, html = odd.fill(uuid.uuid4(), TEXT, HTML)

    assert LINKS.key == signing_key(CANDIDATE_LINKS, DEVELOPMENT) != DEVELOPMENT["JWT_SECRET"]
    assert "?b=1&amp;c=2/candidate/applications/" in html
