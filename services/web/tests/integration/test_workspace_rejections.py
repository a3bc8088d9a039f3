"""Rejecting on the consultant's application page, against the REAL application service and the REAL
OpenID Connect provider: the page asks why (the reasons the API offers, in the consultant's language)
and whether the candidate gets the email; a rejection without a reason is refused beside the field."""

from __future__ import annotations

import html
import re
import uuid

import pytest
from sqlalchemy import select

from applications.db import applications as application_table
from applications.db import outbox
from recruitment_shared.events import from_message
from tests.support.candidates import apply
from tests.support.identity import provider_settings, sign_in
from webclient.app import create_app

pytestmark = pytest.mark.integration

LISA = "lisa.geudens@example.com"
SUITABLE = {"name": "Jan Peeters", "languages": ["nl:C2"], "contract_preference": "either"}


@pytest.fixture
def workspace(vacancy_service, application_service, identity_provider):
    config = {
        "VACANCY_API_URL": vacancy_service.url,
        "APPLICATION_API_URL": application_service.url,
        "API_RETRIES": "0",
        "TESTING": True,
    }
    client = create_app(config | provider_settings(identity_provider)).test_client()
    sign_in(client, LISA)
    return client


@pytest.fixture
def application_id(vacancy_service, application_service) -> str:
    """A new application of a suitable candidate to Lisa's vacancy 92742."""
    vacancy_id = vacancy_service.app.test_client().get("/vacancies/by-reference/92742").get_json()["id"]
    email = f"candidate.{uuid.uuid4().hex[:8]}@example.com"
    assert apply(application_service.url, vacancy_id, email=email, **SUITABLE).status_code == 202
    with application_service.app.extensions["engine"].connect() as conn:
        query = select(application_table.c.id).where(application_table.c.candidate_email == email)
        return str(conn.execute(query).scalar_one())


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _status_changes(application_service, application_id: str) -> list[dict]:
    with application_service.app.extensions["engine"].connect() as conn:
        query = select(outbox.c.payload).where(outbox.c.message_key == application_id).order_by(outbox.c.id)
        events = [from_message(payload) for payload in conn.execute(query).scalars()]
    return [event.data for event in events if event.type == "ApplicationStatusChanged"]


def test_the_reject_form_offers_the_apis_reasons_in_dutch_and_sending_the_email_by_default(workspace, application_id):
    page = html.unescape(workspace.get(f"/nl/consultant/applications/{application_id}").get_data(as_text=True))

    form = page[page.index('class="reject-form"') :]
    options = re.findall(r'<option value="(\w*)"[^>]*>([^<]+)</option>', form)
    assert options == [
        ("", "Kies een reden"),
        ("requirements_not_met", "Vereisten niet vervuld"),
        ("another_candidate_chosen", "Andere kandidaat gekozen"),
        ("candidate_not_available", "Kandidaat niet beschikbaar"),
        ("no_show", "Niet komen opdagen"),
        ("vacancy_closed", "Vacature afgesloten"),
    ]
    assert re.search(r'id="notify-yes" name="notify_candidate" value="yes" checked', form)
    assert 'name="csrf_token"' in form and 'value="rejected"' in form
    # The other moves need no reason: the rejection has a form of its own.
    assert re.findall(r'name="status" value="(\w+)"', page) == ["screening", "rejected"]


def test_rejecting_without_a_reason_is_refused_beside_the_select_and_moves_nothing(
    workspace, application_service, application_id
):
    url = f"/en/consultant/applications/{application_id}"
    page = workspace.get(url).get_data(as_text=True)

    refused = workspace.post(
        f"{url}/status",
        data={"csrf_token": _csrf(page), "status": "rejected", "notify_candidate": "no", "reason": "Keep for later"},
    )

    shown = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 422
    assert re.search(r'id="rejection_reason"[^>]*aria-invalid="true"', shown)
    assert '<p class="field-error" id="rejection_reason-error">Choose why you reject the application.</p>' in shown
    assert re.search(r'id="notify-no" name="notify_candidate" value="no" checked', shown)  # as the consultant left it
    assert re.search(r'id="reject-note"[^>]*>Keep for later</textarea>', shown)
    assert _status_changes(application_service, application_id) == []


def test_lisa_rejects_with_a_reason_and_without_the_email_and_the_page_says_so(
    workspace, application_service, application_id
):
    url = f"/en/consultant/applications/{application_id}"
    page = workspace.get(url).get_data(as_text=True)

    moved = workspace.post(
        f"{url}/status",
        data={
            "csrf_token": _csrf(page),
            "status": "rejected",
            "rejection_reason": "another_candidate_chosen",
            "notify_candidate": "no",
            "reason": "Client chose the candidate with ERP experience.",
        },
    )
    after = html.unescape(workspace.get(moved.headers["Location"]).get_data(as_text=True))

    assert moved.status_code == 303
    assert "Moved to “Rejected”. The candidate gets no email." in after
    assert 'data-status="rejected"' in after and "This application is final" in after
    [change] = _status_changes(application_service, application_id)
    assert (change["rejection_reason"], change["notify_candidate"]) == ("another_candidate_chosen", False)
    assert change["reason"] == "Client chose the candidate with ERP experience."


def test_a_rejection_that_emails_the_candidate_names_the_reason_in_the_flash(
    workspace, application_service, application_id
):
    url = f"/fr/consultant/applications/{application_id}"
    page = workspace.get(url).get_data(as_text=True)

    moved = workspace.post(
        f"{url}/status", data={"csrf_token": _csrf(page), "status": "rejected", "rejection_reason": "no_show"}
    )
    after = html.unescape(workspace.get(moved.headers["Location"]).get_data(as_text=True))

    assert "Le candidat reçoit l'e-mail prévu pour « Ne s'est pas présenté »." in after
    [change] = _status_changes(application_service, application_id)
    assert (change["rejection_reason"], change["notify_candidate"]) == ("no_show", True)
