"""The walking skeleton end to end: every service a real process on real Kafka, PostgreSQL
and SMTP, driven through HTTP only, as clients do: through the front proxy, and read back
through HTTP and the mailbox."""

from __future__ import annotations

import pytest
import requests

from tests.support.candidates import LISA, apply, candidate_link, own_application_api
from tests.support.platform import SERVICES
from tests.support.seed import vacancy_92742
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


def test_a_consultant_publishes_a_candidate_applies_and_the_consultant_gets_one_email(platform):
    vacancies, applications, notifications = (platform.api[name] for name in SERVICES)

    created = requests.post(f"{vacancies}/consultant/vacancies", json=vacancy_92742(), headers=LISA, timeout=10)
    vacancy_id = created.json()["id"]
    published = requests.post(f"{vacancies}/consultant/vacancies/{vacancy_id}/publish", headers=LISA, timeout=10)
    assert published.status_code == 200
    assert requests.get(f"{vacancies}/vacancies", params={"q": "PRINCE2 Antwerp"}, timeout=10).json()["total"] == 1
    wait_until(lambda: _accepting(applications, vacancy_id) is True, what="the application service to learn of it")

    correlation_id = f"e2e-{vacancy_id}"
    applied = apply(applications, vacancy_id, headers={"X-Correlation-ID": correlation_id})
    assert applied.status_code == 202

    mail = wait_until(lambda: len(platform.mail()) >= 2 and platform.mail(), timeout=60, what="two emails")
    [email] = [m for m in mail if m["To"] == "lisa.geudens@example.com"]
    [confirmation] = [m for m in mail if m["To"] == "jan.peeters@example.com"]
    assert "92742" in email["Subject"]
    assert "Jan Peeters" in email.get_body(("plain",)).get_content()
    assert "92742" in confirmation.get_body(("plain",)).get_content()
    # The candidate's own link, from their email, opens their page on the career site, behind the proxy.
    link = candidate_link(confirmation)
    assert link.startswith(f"{applications.rpartition('/api/')[0]}/"), link
    page = requests.get(link, timeout=10)
    assert (page.status_code, 'data-status="submitted"' in page.text) == (200, True)
    own = requests.get(own_application_api(link, applications), timeout=10)
    assert (own.status_code, own.json()["status"]) == (200, "submitted")
    application_id = own.json()["id"]
    log = requests.get(
        f"{notifications}/emails", params={"recipient": "lisa.geudens@example.com"}, headers=LISA, timeout=10
    )
    assert [(e["status"], e["attempts"]) for e in log.json()["items"]] == [("sent", 1)]
    # Ops start from an email (or its absence) and follow it: the delivery log names the
    # request's correlation id, and the application's id is in every line about it.
    assert [e["correlation_id"] for e in log.json()["items"]] == [correlation_id]
    by_request = requests.get(
        f"{notifications}/emails", params={"correlation_id": correlation_id}, headers=LISA, timeout=10
    )
    assert by_request.json()["total"] == 2  # the consultant's alert and the candidate's confirmation
    about = {"application-web", "application-relay", "notification-consumer"}
    assert about <= platform.processes_logging(application_id)
    # One request, followed through three services' processes by its correlation id...
    followed = wait_until(
        lambda: (
            {"proxy", "application-web", "application-relay", "notification-consumer", "notification-sender"}
            <= platform.processes_logging(correlation_id)
        ),
        what="the correlation id in the proxy's, the relay's, the consumer's and the sender's log lines",
    )
    assert followed
    # ...and no candidate's address in any log line but the mail catcher's (it prints what it receives).
    assert not platform.processes_logging("jan.peeters@example.com") - {"mail"}

    closed = requests.post(
        f"{vacancies}/consultant/vacancies/{vacancy_id}/close", json={"reason": "filled"}, headers=LISA, timeout=10
    )
    assert closed.status_code == 200
    wait_until(lambda: _accepting(applications, vacancy_id) is False, what="the application service to learn it closed")
    # Jan's application was still open: closing the vacancy as filled rejected it, and told him so.
    wait_until(lambda: len(platform.mail()) == 3, timeout=60, what="Jan's email about the closed vacancy")
    refused = apply(applications, vacancy_id, name="An Claes", email="an.claes@example.com")

    assert refused.status_code == 409
    assert refused.headers["Content-Type"] == "application/problem+json"
    [told] = [m for m in platform.mail() if "has now been closed" in m.get_body(("plain",)).get_content()]
    assert told["To"] == "jan.peeters@example.com"
    assert len(platform.mail()) == 3  # the refused application sent nothing


def _accepting(applications: str, vacancy_id: str) -> bool | None:
    response = requests.get(f"{applications}/vacancies/{vacancy_id}", timeout=10)
    return response.json()["accepting_applications"] if response.status_code == 200 else None
