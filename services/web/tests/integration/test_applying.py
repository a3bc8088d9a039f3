"""Applying through the site and following the application, against the REAL vacancy and application
services: the form reaches the application API as multipart with its CV and Idempotency-Key, its 422
errors come back beside the fields, a CSRF token is required, and the self-service page opens by token."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from applications.db import consents, outbox
from applications.privacy_notice import CURRENT_VERSION
from tests.support.career_site import applications_of, filled, own_link, rendered_form, unique_email
from tests.support.cvs import PDF
from tests.support.services import outbox_events

pytestmark = pytest.mark.integration


def test_an_application_reaches_the_api_and_the_thank_you_page_names_the_address_but_the_url_does_not(
    site, application_service
):
    email = unique_email()
    sent = site.post("/en/vacancies/92742/apply", data=filled(rendered_form(site), email))

    assert sent.status_code == 303
    assert sent.headers["Location"] == "/en/applied?vacancy=92742"
    thanks = site.get(sent.headers["Location"]).get_data(as_text=True)
    assert f"we have sent a confirmation to {email} with a link to follow your application" in thanks
    [stored] = applications_of(application_service, email)
    assert (stored["preferred_language"], stored["languages"], stored["expected_daily_rate"]) == (
        "nl",
        [{"language": "nl", "level": "C2"}, {"language": "en", "level": "B2"}],
        600,
    )


def test_the_same_rendered_form_sent_twice_is_one_application(site, application_service):
    email, hidden = unique_email(), rendered_form(site)
    first = site.post("/en/vacancies/92742/apply", data=filled(hidden, email))
    second = site.post("/en/vacancies/92742/apply", data=filled(hidden, email))

    assert (first.status_code, second.status_code) == (303, 303)
    assert len(applications_of(application_service, email)) == 1
    # Replayed, not "applied again": without the key the second would emit ApplicationRepeated (a second email).
    assert "ApplicationRepeated" not in [
        event.type for event in outbox_events(application_service.app.extensions["engine"], outbox)
    ]


def test_the_apis_field_errors_appear_beside_their_fields_and_the_form_stays_filled(site, application_service):
    page = site.post(
        "/en/vacancies/92742/apply", data=filled(rendered_form(site), "not-an-address", language_1="en", level_1="")
    )

    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert re.search(r'id="email"[^>]*aria-invalid="true"[^>]*>\s*<p class="field-error" id="email-error">', html)
    assert re.search(
        r'<select id="language_1"[^>]*aria-invalid="true"', html
    )  # the second row sent, not the API's index
    assert 'value="Jan Peeters"' in html and "Ten years of PRINCE2." in html
    assert not applications_of(application_service, "not-an-address")


def test_a_post_without_the_sessions_csrf_token_is_refused_and_sends_nothing(site, application_service):
    email = unique_email()
    hidden = rendered_form(site)
    page = site.post("/en/vacancies/92742/apply", data=filled(hidden | {"csrf_token": "forged"}, email))

    assert page.status_code == 400
    assert "Form expired" in page.get_data(as_text=True)
    assert not applications_of(application_service, email)


def test_a_cv_over_5_mb_is_refused_by_the_site_with_a_page_that_says_so(site, application_service):
    email = unique_email()
    page = site.post("/en/vacancies/92742/apply", data=filled(rendered_form(site), email, cv=PDF + b"0" * 5_300_000))

    assert page.status_code == 413
    assert "larger than 5 MB" in page.get_data(as_text=True)
    assert not applications_of(application_service, email)


def test_the_self_service_page_shows_the_status_and_withdraws_only_after_confirmation(site, application_service):
    email = unique_email()
    site.post("/en/vacancies/92742/apply", data=filled(rendered_form(site), email))
    [stored] = applications_of(application_service, email)
    token = own_link(application_service, stored["id"])

    page = site.get(f"/en/my-application/{token}").get_data(as_text=True)
    asked = site.get(f"/en/my-application/{token}/withdraw")
    after_asking = applications_of(application_service, email)[0]["status"]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', asked.get_data(as_text=True))[1]
    done = site.post(f"/en/my-application/{token}/withdraw", data={"csrf_token": csrf, "reason": "Found a job"})

    assert 'data-status="submitted">Received<' in page
    assert "IT Project Manager – Public Sector" in page
    assert after_asking == "submitted"
    assert done.status_code == 303
    assert 'data-status="withdrawn"' in site.get(done.headers["Location"]).get_data(as_text=True)


def test_a_dutch_candidate_reads_the_form_and_the_status_in_dutch_not_as_raw_codes(site, application_service):
    email = unique_email()
    site.post("/nl/vacancies/92742/apply", data=filled(rendered_form(site, "nl"), email))
    [stored] = applications_of(application_service, email)

    form = site.get("/nl/vacancies/92742/apply").get_data(as_text=True)
    page = site.get(f"/nl/my-application/{own_link(application_service, stored['id'])}").get_data(as_text=True)

    assert '<option value="either">Geen voorkeur</option>' in form
    assert '<option value="permanent">Vast contract</option>' in form
    for english in ("No preference", ">either<", "Email address", "Years of experience", "Send my application"):
        assert english not in form
    assert 'data-status="submitted">Ontvangen<' in page
    assert page.count("Ontvangen") == 2  # the status line and the history's one step
    assert ">submitted<" not in page and ": submitted" not in page and "Your application" not in page


@pytest.mark.parametrize("token", ["not-a-token", "a.b.c", "a..b", "x" * 600])
def test_a_link_that_opens_nothing_is_a_friendly_404(site, token):
    page = site.get(f"/en/my-application/{token}")
    assert page.status_code == 404
    assert "This link is not valid" in page.get_data(as_text=True)


def test_the_form_shows_the_privacy_notice_and_sends_its_version_and_the_optional_talent_pool(
    site, application_service
):
    email, other = unique_email(), unique_email()
    form = site.get("/nl/vacancies/92742/apply").get_data(as_text=True)

    site.post("/nl/vacancies/92742/apply", data=filled(rendered_form(site, "nl"), email, talent_pool_consent="true"))
    site.post("/nl/vacancies/92742/apply", data=filled(rendered_form(site, "nl"), other))

    assert f'name="privacy_notice_version" value="{CURRENT_VERSION}"' in form
    assert "Lees onze privacyverklaring" in form and "Gegevensbeschermingsautoriteit" in form
    assert 'id="talent_pool_consent"' in form and "Bewaar mijn profiel" in form
    assert _purposes(application_service, email) == ["application", "talent_pool"]
    assert _purposes(application_service, other) == ["application"]


def test_a_notice_changed_while_the_form_was_open_is_said_above_the_form_and_nothing_is_sent(site, application_service):
    email = unique_email()

    page = site.post(
        "/fr/vacancies/92742/apply",
        data=filled(rendered_form(site, "fr"), email) | {"privacy_notice_version": "2025-01-01"},
    )

    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Notre déclaration de confidentialité vient de changer" in html
    assert f'name="privacy_notice_version" value="{CURRENT_VERSION}"' in html  # the new one, to send next time
    assert not applications_of(application_service, email)


def _purposes(application_service, email: str) -> list[str]:
    [stored] = applications_of(application_service, email)
    with application_service.app.extensions["engine"].connect() as conn:
        rows = conn.execute(select(consents.c.purpose).where(consents.c.application_id == stored["id"]))
        return sorted(rows.scalars())
