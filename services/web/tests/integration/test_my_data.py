"""A candidate's own data on the career site (GDPR articles 15, 17, 20): how long it is kept, the
download of everything (one JSON document from both services, plus the CV), the withdrawal of the
talent-pool consent, and erasure behind a confirmation. Real application and notification services."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.career_site import applications_of, filled, own_link, rendered_form, unique_email
from tests.support.cvs import PDF
from webclient.app import create_app

pytestmark = pytest.mark.integration


@pytest.fixture
def candidate_site(vacancy_service, application_service, notification_service):
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "APPLICATION_API_URL": application_service.url,
        "NOTIFICATION_API_URL": notification_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    return create_app(config).test_client()


def _applied(site, application_service, **changes) -> tuple[str, str]:
    email = unique_email()
    site.post("/en/vacancies/92742/apply", data=filled(rendered_form(site), email, **changes))
    [stored] = applications_of(application_service, email)
    return email, own_link(application_service, stored["id"])


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def test_the_page_says_until_when_the_application_is_kept(candidate_site, application_service):
    _, token = _applied(candidate_site, application_service)
    page = candidate_site.get(f"/en/my-application/{token}").get_data(as_text=True)
    assert re.search(r'id="kept-until">We keep this application until \w+ \d+, 20\d\d', page)


def test_the_download_holds_the_candidates_data_and_nobody_elses(candidate_site, application_service):
    email, token = _applied(candidate_site, application_service)
    other, _ = _applied(candidate_site, application_service)

    answer = candidate_site.get(f"/en/my-application/{token}/my-data.json")
    document = json.loads(answer.get_data(as_text=True))

    assert answer.headers["Content-Disposition"].startswith("attachment")
    assert answer.headers["Cache-Control"] == "no-store"
    assert [a["candidate"]["email"] for a in document["applications"]] == [email]
    assert other not in answer.get_data(as_text=True)
    assert set(document) >= {"applications", "emails", "job_alerts"}


def test_the_cv_downloads_as_the_file_sent(candidate_site, application_service):
    _, token = _applied(candidate_site, application_service)
    page = candidate_site.get(f"/en/my-application/{token}").get_data(as_text=True)
    cv_path = re.search(r'href="(/en/my-application/[^"]+/cv/[^"]+)"', page)[1]
    answer = candidate_site.get(cv_path)
    assert answer.status_code == 200 and answer.data == PDF
    assert answer.headers["Content-Disposition"] == 'attachment; filename="cv.pdf"'


def test_the_talent_pool_consent_is_withdrawn_with_a_post(candidate_site, application_service):
    _, token = _applied(candidate_site, application_service, talent_pool_consent="true")
    page = candidate_site.get(f"/en/my-application/{token}").get_data(as_text=True)
    assert "keep your profile for future vacancies" in page

    done = candidate_site.post(f"/en/my-application/{token}/talent-pool/withdraw", data={"csrf_token": _csrf(page)})
    after = candidate_site.get(done.headers["Location"]).get_data(as_text=True)
    assert done.status_code == 303
    assert "You withdrew your consent" in after


def test_erasure_asks_first_then_erases_and_the_link_opens_nothing_after(candidate_site, application_service):
    email, token = _applied(candidate_site, application_service)
    asked = candidate_site.get(f"/en/my-application/{token}/erase")
    still_there = applications_of(application_service, email)

    erased = candidate_site.post(
        f"/en/my-application/{token}/erase", data={"csrf_token": _csrf(asked.get_data(as_text=True))}
    )

    assert "Erase all your data?" in asked.get_data(as_text=True) and still_there
    assert erased.status_code == 200 and 'id="erased"' in erased.get_data(as_text=True)
    assert applications_of(application_service, email) == []
    assert candidate_site.get(f"/en/my-application/{token}").status_code == 404


def test_erasure_needs_the_forms_csrf_token(candidate_site, application_service):
    email, token = _applied(candidate_site, application_service)
    assert candidate_site.post(f"/en/my-application/{token}/erase").status_code == 400
    assert applications_of(application_service, email)


def test_a_forged_link_downloads_nothing(candidate_site):
    assert candidate_site.get("/en/my-application/forged.token/my-data.json").status_code == 404
