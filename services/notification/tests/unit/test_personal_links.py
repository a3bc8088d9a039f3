"""Personal links are signed into emails as the sender builds them, and only there: a candidate's
link into their application emails, a subscription's confirm and unsubscribe links into its alerts."""

from __future__ import annotations

import uuid

from itsdangerous import URLSafeTimedSerializer

from notifications.links import CONFIRM, UNSUBSCRIBE, Links
from notifications.personal_links import CANDIDATE_LINK, CONFIRM_LINK, SALT, UNSUBSCRIBE_LINK, PersonalLinks
from recruitment_shared.secrets import ALERT_LINKS, CANDIDATE_LINKS, signing_key

DEVELOPMENT = {"RECRUITMENT_ENV": "development", "JWT_SECRET": "a-secret-only-these-unit-tests-use-0123"}
PUBLIC = {
    "APPLICATION_PUBLIC_URL": "https://jobs.example.com/api/applications/",
    "NOTIFICATION_PUBLIC_URL": "https://jobs.example.com/api/notifications",
    "WEB_PUBLIC_URL": "https://jobs.example.com/",
}
LINKS = PersonalLinks.from_env(DEVELOPMENT | PUBLIC)
TEXT = f"Dear Jan,\n\nFollow your application here:\n{CANDIDATE_LINK}\n"
HTML = f'<p><a href="{CANDIDATE_LINK}">Follow my application</a></p>'
ALERT_TEXT = f"A new vacancy.\n\nUnsubscribe: {UNSUBSCRIBE_LINK}\n"


def _opened(link: str) -> uuid.UUID:
    token = link.rpartition("/my-application/")[2]
    return uuid.UUID(URLSafeTimedSerializer(LINKS.key, salt=SALT).loads(token, max_age=60))


def test_the_sender_fills_in_a_link_to_the_candidates_page_on_the_site_in_the_emails_language_in_both_parts():
    application_id = uuid.uuid4()

    filled = LINKS.fill("candidate_application_received", application_id, TEXT, HTML, language="fr")

    [link] = [line for line in filled.text.splitlines() if line.startswith("https://")]
    assert link.startswith("https://jobs.example.com/fr/my-application/")
    assert _opened(link) == application_id
    assert f'href="{link}"' in filled.html
    assert CANDIDATE_LINK not in filled.text + filled.html
    assert filled.unsubscribe is None


def test_an_email_recorded_without_an_application_gets_no_link():
    assert LINKS.fill("candidate_application_received", None, TEXT, HTML) == (TEXT, HTML, None)
    assert LINKS.fill("candidate_application_received", None, "no placeholder", None) == ("no placeholder", None, None)


def test_the_link_is_signed_with_the_candidate_link_key_and_escaped_for_html():
    odd = PersonalLinks(LINKS.key, Links("alert-key", web="https://jobs.example.com/a?b=1&c=2"))

    html = odd.fill("candidate_already_applied", uuid.uuid4(), TEXT, HTML).html

    assert LINKS.key == signing_key(CANDIDATE_LINKS, DEVELOPMENT) != DEVELOPMENT["JWT_SECRET"]
    assert "?b=1&amp;c=2/my-application/" in html


def test_a_confirmation_gets_its_subscriptions_confirm_link_signed_with_the_alert_key():
    subscription_id = uuid.uuid4()
    text = f"Open this link to confirm:\n{CONFIRM_LINK}\n"

    filled = LINKS.fill(
        "subscription_confirmation", subscription_id, text, f'<a href="{CONFIRM_LINK}">x</a>', language="nl"
    )

    link = filled.text.splitlines()[1]
    assert link.startswith("https://jobs.example.com/nl/alerts/confirm/")  # the site's page, in Dutch
    assert LINKS.links.subscription_of(CONFIRM, link.rpartition("/")[2]) == subscription_id
    assert LINKS.links.secret == signing_key(ALERT_LINKS, DEVELOPMENT) != LINKS.key
    assert f'href="{link}"' in filled.html and filled.unsubscribe is None


def test_an_alert_links_to_the_sites_unsubscribe_page_and_one_click_unsubscribes_at_the_api():
    subscription_id = uuid.uuid4()

    filled = LINKS.fill("job_alert_digest", subscription_id, ALERT_TEXT, None, language="fr")

    page = filled.text.removeprefix("A new vacancy.\n\nUnsubscribe: ").strip()
    assert page.startswith("https://jobs.example.com/fr/alerts/unsubscribe/")
    # A mail provider's one-click POST carries no CSRF token: it goes to the API, not to the page.
    assert filled.unsubscribe and filled.unsubscribe.startswith(
        "https://jobs.example.com/api/notifications/alerts/unsubscribe/"
    )
    for link in (page, filled.unsubscribe):
        assert LINKS.links.subscription_of(UNSUBSCRIBE, link.rpartition("/")[2]) == subscription_id


def test_an_alert_in_a_language_the_site_has_not_links_to_its_english_pages():
    link = LINKS.links.confirm(uuid.uuid4(), "de")

    assert link.startswith("https://jobs.example.com/en/alerts/confirm/")
    assert LINKS.links.vacancy_page("92742", "de") == "https://jobs.example.com/en/vacancies/92742"


def test_each_template_gets_only_its_own_link_whatever_its_bodies_hold():
    # A consultant's email quoting a candidate's motivation that holds placeholders gets no link,
    # and an alert gets no candidate link.
    typed = f"{CANDIDATE_LINK} {CONFIRM_LINK} {UNSUBSCRIBE_LINK}"

    consultants = LINKS.fill("consultant_new_application", uuid.uuid4(), typed, typed)
    alert = LINKS.fill("job_alert", uuid.uuid4(), typed, None)

    assert consultants == (typed, typed, None)
    assert alert.text.startswith(f"{CANDIDATE_LINK} {CONFIRM_LINK} https://jobs.example.com/en/alerts/unsubscribe/")
