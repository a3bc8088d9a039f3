"""An application's whole journey on the real platform: published, applied with a CV, moved
to interview by the consultant, withdrawn by the candidate; each step seen through HTTP and
each event on the applications topic."""

from __future__ import annotations

import pytest
import requests

from recruitment_shared.events import APPLICATIONS, from_message
from tests.support.candidates import CANDIDATE, LISA, apply, candidate_link, open_vacancy_92742, own_application_api
from tests.support.cvs import PDF
from tests.support.kafka import read_topic
from tests.support.platform import SERVICES
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


def test_publish_apply_with_cv_interview_withdraw(platform, kafka_bootstrap, topics):
    vacancies, applications, _ = (platform.urls[name] for name in SERVICES)
    consultant = f"{applications}/consultant"

    vacancy_id = open_vacancy_92742(vacancies, applications)

    assert apply(applications, vacancy_id, languages=["nl:B2"]).status_code == 202
    mail = wait_until(lambda: _confirmations(platform), timeout=60, what="the candidate's confirmation")
    own_link = candidate_link(mail[0])  # only the email holds it
    application_id = requests.get(own_application_api(own_link, applications), timeout=10).json()["id"]
    token = own_link.rpartition("/")[2]
    seen = requests.get(f"{consultant}/applications/{application_id}", headers=LISA, timeout=10).json()
    cv = requests.get(f"{consultant}/applications/{application_id}/cv", headers=LISA, timeout=10)
    for status in ("screening", "interview"):
        moved = requests.post(
            f"{consultant}/applications/{application_id}/status", json={"status": status}, headers=LISA, timeout=10
        )
        assert moved.status_code == 200
    candidate_view = requests.get(f"{applications}/candidate/applications/{token}", timeout=10).json()
    withdrawn = requests.post(f"{applications}/candidate/applications/{token}/withdraw", json={}, timeout=10).json()
    final = requests.get(f"{consultant}/applications/{application_id}", headers=LISA, timeout=10).json()

    assert seen["screening"]["passed"] is False  # Dutch B2 against the C2 that 92742 requires
    assert seen["screening"]["reasons"] == ["Dutch at C2 is required; the candidate declares B2."]
    assert (cv.status_code, cv.content) == (200, PDF)
    assert candidate_view["status"] == "interview"
    assert withdrawn["status"] == final["status"] == "withdrawn"
    assert [h["to_status"] for h in final["history"]] == ["submitted", "screening", "interview", "withdrawn"]

    events = [from_message(r.value) for r in read_topic(kafka_bootstrap, topics.physical(APPLICATIONS), at_least=4)]
    assert [(e.type, e.subject) for e in events] == [
        ("ApplicationSubmitted", application_id),
        ("ApplicationStatusChanged", application_id),
        ("ApplicationStatusChanged", application_id),
        ("ApplicationWithdrawn", application_id),
    ]
    assert [e.data.get("to_status") for e in events[1:3]] == ["screening", "interview"]


def _confirmations(platform) -> list:
    return [message for message in platform.mail() if message["To"] == CANDIDATE["email"]]
