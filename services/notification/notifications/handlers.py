"""Event handlers of the notification service: they only record emails; the sender delivers.

Each handler takes the `Links` its emails carry, then the consumer's `(conn, event)`;
`event_handlers` binds the links, for the consumer's table of handlers.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import Connection

from notifications.alert_store import confirmed_subscriptions, remember_match
from notifications.alerts import Frequency
from notifications.domain import Priority
from notifications.email_queue import queue_email
from notifications.links import Links
from notifications.personal_links import CANDIDATE_LINK
from recruitment_shared.events import Event
from recruitment_shared.messaging import Handler

CANDIDATE_STATUS_NEWS = {"interview", "offer", "rejected", "hired"}  # what a candidate should hear of


def on_application_submitted(links: Links, conn: Connection, event: Event) -> None:
    """Tell the consultant of the new application, and the candidate that it arrived (with their
    personal link, which the sender signs in as it sends: any token an older event carries is ignored)."""
    data = event.data
    facts = _facts(data) | {"motivation": data["motivation"], "screening": data.get("screening")}
    to_consultant = facts | {"consultant_url": links.consultant_application(str(data["application_id"]))}
    queue_email(conn, event.id, "consultant_new_application", data["consultant"]["email"], "en", to_consultant)
    candidate = data["candidate"]
    to_candidate = facts | {"self_service_url": CANDIDATE_LINK}
    language, template = candidate.get("preferred_language"), "candidate_application_received"
    link_for = uuid.UUID(str(data["application_id"]))
    queue_email(conn, event.id, template, candidate["email"], language, to_candidate, link_for=link_for)


def on_application_repeated(conn: Connection, event: Event) -> None:
    """Someone applied again with the address of an application: tell the address's owner, with
    their personal link (whoever applied learns nothing; the email only reaches the owner)."""
    data = event.data
    context = {
        "vacancy_title": data["vacancy_title"],
        "vacancy_reference": data["vacancy_reference"],
        "self_service_url": CANDIDATE_LINK,
    }
    candidate, template = data["candidate"], "candidate_already_applied"
    language = candidate.get("preferred_language")
    link_for = uuid.UUID(str(data["application_id"]))
    queue_email(conn, event.id, template, candidate["email"], language, context, link_for=link_for)


def on_status_changed(conn: Connection, event: Event) -> None:
    """Tell the candidate of the steps worth hearing of (an interview, an offer, the outcome)."""
    data = event.data
    if data["to_status"] in CANDIDATE_STATUS_NEWS:
        candidate = data["candidate"]
        context = _facts(data) | {"to_status": data["to_status"]}
        language = candidate.get("preferred_language")
        queue_email(conn, event.id, "candidate_status_changed", candidate["email"], language, context)


def on_withdrawn(links: Links, conn: Connection, event: Event) -> None:
    """Tell the consultant that the candidate withdrew."""
    data = event.data
    context = _facts(data) | {
        "reason": data.get("reason"),
        "consultant_url": links.consultant_application(str(data["application_id"])),
    }
    queue_email(conn, event.id, "consultant_application_withdrawn", data["consultant"]["email"], "en", context)


def on_vacancy_published(links: Links, conn: Connection, event: Event) -> None:
    """Alert every confirmed subscriber the vacancy matches: at once, or in their next digest."""
    vacancy = event.data
    summary = vacancy_summary(vacancy, links)
    for subscription in confirmed_subscriptions(conn):
        if not subscription.criteria.matches(vacancy):
            continue
        if subscription.frequency is Frequency.DAILY:
            remember_match(conn, subscription.id, vacancy["vacancy_id"], summary, datetime.now(UTC))
            continue
        context = {"vacancy": summary, "unsubscribe_url": links.unsubscribe(subscription.id)}
        queue_email(conn, event.id, "job_alert", subscription.email, subscription.language, context, Priority.ALERTS)


def event_handlers(links: Links) -> Mapping[str, Handler]:
    """The handler of every event type this service acts on, with the links its emails carry."""
    return {
        "ApplicationSubmitted": partial(on_application_submitted, links),
        "ApplicationRepeated": on_application_repeated,
        "ApplicationStatusChanged": on_status_changed,
        "ApplicationWithdrawn": partial(on_withdrawn, links),
        "VacancyPublished": partial(on_vacancy_published, links),
    }


def vacancy_summary(vacancy: Mapping, links: Links) -> dict:
    """What an alert shows of a vacancy."""
    terms = vacancy.get("contract_terms") or {}
    offers = []
    if terms.get("freelance"):
        offers.append(f"Freelance ({terms['freelance']['daily_rate']} {terms['freelance']['currency']}/day)")
    if terms.get("permanent"):
        offers.append("permanent")
    return {
        "reference": vacancy["reference"],
        "title": vacancy["title"],
        "city": vacancy["city"],
        "workplace": vacancy["workplace"],
        "contract": " or ".join(offers),
        "url": links.vacancy(vacancy["reference"]),
    }


def _facts(data: Mapping) -> dict:
    return {
        "consultant": data["consultant"],
        "candidate": {"phone": None} | data["candidate"],
        "vacancy_reference": data["vacancy_reference"],
        "vacancy_title": data["vacancy_title"],
        "application_id": str(data["application_id"]),
    }
