"""The delivery log shows a consultant only the emails about their own vacancies, and lets them
retry only those; another consultant's email is a 404 like one that does not exist. Admins see
and retry every email, and they alone see emails about no vacancy (job alerts, confirmations,
"you already applied")."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

import notifications
from notifications.alert_store import add_subscription
from notifications.alerts import AlertCriteria, Subscription, SubscriptionStatus
from notifications.app import create_app
from notifications.db import emails
from notifications.handlers import event_handlers
from tests.support.auth import LISA, bearer
from tests.support.services import migrated_app
from tests.support.wire_events import application_repeated, application_submitted, vacancy_published

from .conftest import COOLDOWN, LINKS, deliver, queued

pytestmark = pytest.mark.integration
TOM = "tom.claes@example.com"
ADMIN = bearer("ops@example.com", roles=("admin",))


@pytest.fixture
def emails_of_each(database_url, engine, smtp_server):
    """Lisa's vacancy's two emails (her candidate's refused: failed), Tom's two, a job alert and a
    "you already applied"; all delivered once. The events, by whose emails they caused."""
    handlers = event_handlers(LINKS, COOLDOWN)
    lisas = application_submitted()
    # Tom's address as his vacancy holds it; his token says it in lower case.
    toms = application_submitted(
        "Els Maes", "els.maes@example.com", consultant={"name": "Tom", "email": "Tom.Claes@example.com"}
    )
    subscription = Subscription(email="an.claes@example.com", language="en", criteria=AlertCriteria())
    subscription.status = SubscriptionStatus.CONFIRMED
    with engine.begin() as conn:
        handlers["ApplicationSubmitted"](conn, lisas)
        handlers["ApplicationSubmitted"](conn, toms)
        add_subscription(conn, subscription, datetime.now(UTC))
        handlers["VacancyPublished"](conn, vacancy_published("70401"))
        handlers["ApplicationRepeated"](conn, application_repeated(uuid.uuid4(), email="piet@example.com"))
    smtp_server.handler.refused.add("jan.peeters@example.com")
    deliver(engine, smtp_server.port)
    with migrated_app(notifications, create_app, database_url) as app:
        yield app.test_client(), {"lisa": lisas, "tom": toms}


def _ids(engine, **where) -> list[int]:
    with engine.connect() as conn:
        query = select(emails.c.id).where(*[emails.c[name] == value for name, value in where.items()])
        return list(conn.execute(query.order_by(emails.c.id)).scalars())


def _listed(client, headers, **query) -> tuple[int, set[str]]:
    page = client.get("/emails", query_string={"page_size": 100} | query, headers=headers).json
    return page["total"], {email["recipient"] for email in page["items"]}


def test_each_consultant_lists_only_the_emails_about_their_own_vacancies(emails_of_each, engine):
    client, events = emails_of_each

    lisa, tom, admin = (_listed(client, headers) for headers in (bearer(), bearer(TOM), ADMIN))
    by_recipient = _listed(client, bearer(), recipient="els.maes@example.com")
    by_event = _listed(client, bearer(TOM), event_id=events["lisa"].id)
    items = client.get("/emails", headers=bearer()).json["items"]

    assert lisa == (2, {LISA, "jan.peeters@example.com"})
    assert tom == (2, {"Tom.Claes@example.com", "els.maes@example.com"})
    everyone = {LISA, "jan.peeters@example.com", "Tom.Claes@example.com", "els.maes@example.com"}
    assert admin == (6, everyone | {"an.claes@example.com", "piet@example.com"})
    assert by_recipient == by_event == (0, set())  # no filter reaches past the caller's own
    assert {email["vacancy_id"] for email in items} == {str(events["lisa"].data["vacancy_id"])}


def test_another_consultants_email_is_not_found_and_cannot_be_retried(emails_of_each, engine):
    client, _events = emails_of_each
    [failed] = _ids(engine, recipient="jan.peeters@example.com")
    [alert] = _ids(engine, template="job_alert")
    missing = failed + 1000

    read, retried = (
        client.get(f"/emails/{failed}", headers=bearer(TOM)),
        client.post(f"/emails/{failed}/retry", headers=bearer(TOM)),
    )
    absent = client.get(f"/emails/{missing}", headers=bearer(TOM))
    status_after = next(row.status for row in queued(engine) if row.id == failed)
    own = client.get(f"/emails/{failed}", headers=bearer())
    alert_for_lisa = client.get(f"/emails/{alert}", headers=bearer())

    assert (read.status_code, retried.status_code, absent.status_code) == (404, 404, 404)
    # Word for word an email that does not exist: nothing tells Tom the id is taken.
    assert read.json["detail"].replace(str(failed), "N") == absent.json["detail"].replace(str(missing), "N")
    assert status_after == "failed"  # Tom's retry changed nothing
    assert (own.status_code, own.json["status"]) == (200, "failed")
    assert alert_for_lisa.status_code == 404


def test_the_owner_and_an_admin_retry_a_failed_email(emails_of_each, engine):
    client, _events = emails_of_each
    [failed] = _ids(engine, recipient="jan.peeters@example.com")

    by_lisa = client.post(f"/emails/{failed}/retry", headers=bearer())
    again_by_admin = client.post(f"/emails/{failed}/retry", headers=ADMIN)  # pending now: not retryable

    assert (by_lisa.status_code, by_lisa.json["status"]) == (200, "pending")
    assert again_by_admin.status_code == 409


def test_admins_alone_see_emails_about_no_vacancy(emails_of_each, engine):
    client, _events = emails_of_each
    alert_and_repeat = _ids(engine, template="job_alert") + _ids(engine, template="candidate_already_applied")

    for_admin = [client.get(f"/emails/{email_id}", headers=ADMIN) for email_id in alert_and_repeat]
    for_lisa = [client.get(f"/emails/{email_id}", headers=bearer()) for email_id in alert_and_repeat]

    assert [answer.status_code for answer in for_admin] == [200, 200]
    assert [answer.json["vacancy_id"] for answer in for_admin] == [None, None]
    assert [answer.status_code for answer in for_lisa] == [404, 404]
    assert _listed(client, bearer(), recipient="an.claes@example.com") == (0, set())
