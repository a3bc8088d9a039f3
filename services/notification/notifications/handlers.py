"""Event handlers of the notification service: they only record emails; the sender delivers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Connection

from notifications import db
from notifications.alert_store import confirmed_subscriptions
from notifications.alerts import Frequency
from notifications.domain import Priority
from notifications.links import Links
from notifications.outbox_of_emails import queue_email
from recruitment_shared.db import insert_unless_present
from recruitment_shared.events import Event
from recruitment_shared.messaging import Handler

CANDIDATE_STATUS_NEWS = {"interview", "offer", "rejected", "hired"}  # what a candidate should hear of


def event_handlers(links: Links) -> Mapping[str, Handler]:
    """The handler of every event type this service acts on."""

    def on_application_submitted(conn: Connection, event: Event) -> None:
        data = event.data
        facts = _facts(data) | {"motivation": data["motivation"], "screening": data.get("screening")}
        consultant_url = links.consultant_application(str(data["application_id"]))
        to_consultant = facts | {"consultant_url": consultant_url}
        queue_email(conn, event.id, "consultant_new_application", data["consultant"]["email"], "en", to_consultant)
        candidate = data["candidate"]
        self_service = links.candidate_application(data.get("candidate_token"))
        to_candidate = facts | {"self_service_url": self_service}
        language = candidate.get("preferred_language")
        queue_email(conn, event.id, "candidate_application_received", candidate["email"], language, to_candidate)

    def on_status_changed(conn: Connection, event: Event) -> None:
        data = event.data
        if data["to_status"] in CANDIDATE_STATUS_NEWS:
            candidate = data["candidate"]
            context = _facts(data) | {"to_status": data["to_status"]}
            language = candidate.get("preferred_language")
            queue_email(conn, event.id, "candidate_status_changed", candidate["email"], language, context)

    def on_withdrawn(conn: Connection, event: Event) -> None:
        data = event.data
        context = _facts(data) | {
            "reason": data.get("reason"),
            "consultant_url": links.consultant_application(str(data["application_id"])),
        }
        queue_email(conn, event.id, "consultant_application_withdrawn", data["consultant"]["email"], "en", context)

    def on_vacancy_published(conn: Connection, event: Event) -> None:
        vacancy = event.data
        summary = vacancy_summary(vacancy, links)
        for subscription in confirmed_subscriptions(conn):
            if not subscription.criteria.matches(vacancy):
                continue
            if subscription.frequency is Frequency.DAILY:
                _remember_match(conn, subscription.id, vacancy["vacancy_id"], summary)
                continue
            context = {"vacancy": summary, "unsubscribe_url": links.unsubscribe(subscription.id)}
            queue_email(
                conn, event.id, "job_alert", subscription.email, subscription.language, context, Priority.ALERTS
            )

    return {
        "ApplicationSubmitted": on_application_submitted,
        "ApplicationStatusChanged": on_status_changed,
        "ApplicationWithdrawn": on_withdrawn,
        "VacancyPublished": on_vacancy_published,
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


def _remember_match(conn: Connection, subscription_id, vacancy_id, summary: dict) -> None:
    values = {
        "subscription_id": subscription_id,
        "vacancy_id": vacancy_id,
        "vacancy": summary,
        "matched_at": datetime.now(UTC),
    }
    insert_unless_present(conn, db.alert_matches, values, key=("subscription_id", "vacancy_id"))
