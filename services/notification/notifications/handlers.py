"""Event handlers of the notification service: they only record emails (the sender delivers), and
erase a candidate's data when the application service erased their application.

Each handler takes what its emails need (the `Links` they carry, the recipients' cooldown, the
privacy policy with the key of candidates' addresses), then the consumer's `(conn, event)`;
`event_handlers` binds those, for the consumer's table of handlers. An email about an application
records the application, the vacancy and its consultant (`EmailOwner`), who sees it in the delivery
log, and, when it goes to the candidate, their candidate key. An event about an application that
was erased creates nothing.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import partial

from sqlalchemy import Connection

from notifications.alert_store import confirmed_subscriptions, remember_match
from notifications.alerts import Frequency
from notifications.consultant_language import ConsultantLanguage
from notifications.domain import EmailOwner, Priority
from notifications.email_queue import queue_email
from notifications.erasure import ErasureRequest, erase_candidate, was_erased
from notifications.interview_emails import CHANGES as INTERVIEW_EVENTS
from notifications.interview_emails import on_interview_changed
from notifications.links import Links
from notifications.personal_links import CANDIDATE_LINK, UNSUBSCRIBE_LINK
from notifications.privacy_policy import PrivacyPolicy
from notifications.rejection_emails import queue_rejection_email
from recruitment_shared.events import Event
from recruitment_shared.messaging import Handler

log = logging.getLogger(__name__)
CANDIDATE_STATUS_NEWS = {"interview", "offer", "rejected", "hired"}  # what a candidate should hear of


def on_application_submitted(
    links: Links, privacy: PrivacyPolicy, consultants: ConsultantLanguage, conn: Connection, event: Event
) -> None:
    """Tell the consultant of the new application (in their language), and the candidate that it
    arrived (with their personal link, which the sender signs in as it sends: any token an older
    event carries is ignored) and how long their data is kept."""
    data, owner, application_id = event.data, _owner(event.data), _application_id(event.data)
    facts = _facts(data) | {"motivation": data["motivation"], "screening": data.get("screening")}
    speaks = consultants.of(data["consultant"])
    to_consultant = facts | {"consultant_url": links.consultant_application(str(application_id), speaks)}
    consultant, template = data["consultant"]["email"], "consultant_new_application"
    about = {"application_id": application_id, "owner": owner}
    queue_email(conn, event.id, template, consultant, speaks, to_consultant, recipient_key=None, **about)
    candidate, kept_days = data["candidate"], privacy.application_retention.days
    to_candidate = facts | {"self_service_url": CANDIDATE_LINK, "kept_days": kept_days}
    language, template = candidate.get("preferred_language"), "candidate_application_received"
    about |= {"recipient_key": privacy.key_of(candidate["email"]), "link_for": application_id}
    queue_email(conn, event.id, template, candidate["email"], language, to_candidate, **about)


def on_application_repeated(cooldown: timedelta, privacy: PrivacyPolicy, conn: Connection, event: Event) -> None:
    """Someone applied again with the address of an application: tell the address's owner, with
    their personal link (whoever applied learns nothing; the email only reaches the owner), at most
    once per `cooldown`. The event names no consultant: only admins see this email in the log."""
    data = event.data
    context = {
        "vacancy_title": data["vacancy_title"],
        "vacancy_reference": data["vacancy_reference"],
        "self_service_url": CANDIDATE_LINK,
    }
    candidate, template = data["candidate"], "candidate_already_applied"
    language, application_id = candidate.get("preferred_language"), _application_id(data)
    about = {"recipient_key": privacy.key_of(candidate["email"]), "application_id": application_id}
    about |= {"link_for": application_id, "cooldown": cooldown}
    queue_email(conn, event.id, template, candidate["email"], language, context, **about)


def on_status_changed(privacy: PrivacyPolicy, conn: Connection, event: Event) -> None:
    """Tell the candidate of the steps worth hearing of (an interview, an offer, the outcome)."""
    data = event.data
    if data.get("interview_id"):  # scheduling that interview moved it: its invitation tells the candidate
        return
    if data["to_status"] == "rejected":  # worded for its reason, or not sent at the consultant's choice
        queue_rejection_email(privacy, conn, event)
        return
    if data["to_status"] in CANDIDATE_STATUS_NEWS:
        candidate = data["candidate"]
        context = _facts(data) | {"to_status": data["to_status"]}
        language, key = candidate.get("preferred_language"), privacy.key_of(candidate["email"])
        template, about = "candidate_status_changed", {"application_id": _application_id(data), "owner": _owner(data)}
        queue_email(conn, event.id, template, candidate["email"], language, context, recipient_key=key, **about)


def on_withdrawn(links: Links, consultants: ConsultantLanguage, conn: Connection, event: Event) -> None:
    """Tell the consultant (in their language) that the candidate withdrew."""
    data = event.data
    speaks = consultants.of(data["consultant"])
    context = _facts(data) | {
        "reason": data.get("reason"),
        "consultant_url": links.consultant_application(str(data["application_id"]), speaks),
    }
    consultant, template = data["consultant"]["email"], "consultant_application_withdrawn"
    about = {"application_id": _application_id(data), "owner": _owner(data)}
    queue_email(conn, event.id, template, consultant, speaks, context, recipient_key=None, **about)


def on_vacancy_published(links: Links, conn: Connection, event: Event) -> None:
    """Alert every confirmed subscriber the vacancy matches: at once, or in their next digest."""
    vacancy = event.data
    for subscription in confirmed_subscriptions(conn):
        if not subscription.criteria.matches(vacancy):
            continue
        summary = vacancy_summary(vacancy, links, subscription.language)  # its link in the subscriber's language
        if subscription.frequency is Frequency.DAILY:
            remember_match(conn, subscription.id, vacancy["vacancy_id"], summary, datetime.now(UTC))
            continue
        context = {"vacancy": summary, "unsubscribe_url": UNSUBSCRIBE_LINK}  # the sender signs it in
        email, language, link_for = subscription.email, subscription.language, subscription.id
        key = subscription.email_key
        queue_email(
            conn, event.id, "job_alert", email, language, context, Priority.ALERTS, recipient_key=key, link_for=link_for
        )


def on_candidate_erased(privacy: PrivacyPolicy, conn: Connection, event: Event) -> None:
    """Erase what this service holds of the erased application and, if the event names the
    candidate, of their address (notifications/erasure.py)."""
    erase_candidate(conn, ErasureRequest.from_event(event.data), datetime.now(UTC), privacy)


def unless_erased(handler: Handler) -> Handler:
    """`handler`, skipping events about an application that was erased (a late or replayed one)."""

    def handle(conn: Connection, event: Event) -> None:
        if was_erased(conn, _application_id(event.data)):
            log.info("%s %s ignored: its application was erased", event.type, event.id)
            return
        handler(conn, event)

    return handle


def event_handlers(
    links: Links,
    cooldown: timedelta,
    privacy: PrivacyPolicy | None = None,
    consultants: ConsultantLanguage | None = None,
) -> Mapping[str, Handler]:
    """The handler of every event type this service acts on, with the links its emails carry, the
    cooldown of emails anyone may cause (`email_queue.COOLDOWN_TEMPLATES`), the privacy policy and
    the consultants' default language (both by default from the environment, as the processes
    configure them)."""
    privacy = privacy or PrivacyPolicy.from_env(os.environ)
    consultants = consultants or ConsultantLanguage.from_env(os.environ)
    return {
        "ApplicationSubmitted": unless_erased(partial(on_application_submitted, links, privacy, consultants)),
        "ApplicationRepeated": unless_erased(partial(on_application_repeated, cooldown, privacy)),
        "ApplicationStatusChanged": unless_erased(partial(on_status_changed, privacy)),
        "ApplicationWithdrawn": unless_erased(partial(on_withdrawn, links, consultants)),
        "VacancyPublished": partial(on_vacancy_published, links),
        "CandidateErased": partial(on_candidate_erased, privacy),
        **dict.fromkeys(INTERVIEW_EVENTS, unless_erased(partial(on_interview_changed, links, privacy))),
    }


def vacancy_summary(vacancy: Mapping, links: Links, language: str) -> dict:
    """What an alert shows of a vacancy, with a link to its page on the career site in `language`."""
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
        "url": links.vacancy_page(vacancy["reference"], language),
    }


def _application_id(data: Mapping) -> uuid.UUID:
    return uuid.UUID(str(data["application_id"]))


def _owner(data: Mapping) -> EmailOwner:
    """The vacancy an application event is about, and its consultant."""
    return EmailOwner(uuid.UUID(str(data["vacancy_id"])), data["consultant"]["email"])


def _facts(data: Mapping) -> dict:
    return {
        "consultant": data["consultant"],
        "candidate": {"phone": None} | data["candidate"],
        "vacancy_reference": data["vacancy_reference"],
        "vacancy_title": data["vacancy_title"],
        "application_id": str(data["application_id"]),
    }
