"""The notification service's tables: emails with their attempts, alert subscriptions, the erasure
log and its tombstones, the inbox.

Their queries live in the stores: `email_store.py` (emails, attempts), `alert_store.py`
(subscriptions, digest matches) and `erasure_store.py` (erasure log, tombstones)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

from recruitment_shared.db import BIG_ID, UtcDateTime
from recruitment_shared.messaging import inbox_table

metadata = MetaData()

emails = Table(
    "emails",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
    Column("template", String(100), nullable=False),
    # None once erased or purged (the delivery record stays; see notifications/erasure.py).
    Column("recipient", String(320), index=True),
    Column("subject", String(500), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime, nullable=False, index=True),
    Column("last_error", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("html_body", Text),
    Column("language", String(2), nullable=False, server_default="en"),
    Column("priority", Integer, nullable=False, server_default="0"),
    # Of the request and event behind it: in the sender's logs, and a filter of the delivery log.
    Column("correlation_id", String(100), index=True),
    # The application or subscription whose personal link the sender signs into the email as it
    # sends it: the bodies hold a placeholder, never the link (notifications/personal_links.py).
    Column("link_for", Uuid),
    # The vacancy the email is about and its consultant (lowercased): the delivery log shows a
    # consultant only their own vacancies' emails; emails about no vacancy, only admins.
    Column("vacancy_id", Uuid),
    Column("consultant_email", String(320), index=True),
    # The application the email is about, whoever it went to: what erasing that application finds.
    Column("application_id", Uuid, index=True),
    # The recipient's candidate key (privacy_policy.PrivacyPolicy.key_of), only on emails to a
    # candidate or subscriber, never a consultant's: how an erasure or a candidate's export finds
    # the emails to an address without holding it in clear. Erasing the candidate removes it too.
    Column("recipient_key", String(64), index=True),
    # When the body, address and SMTP errors were removed (an erasure, or their retention ran out).
    Column("purged_at", UtcDateTime),
    # The RFC 5545 invitation an interview email carries (notifications/invitations.py); purged with the body.
    Column("calendar", Text),
    # One event never yields the same email twice, even if its handler ran twice.
    UniqueConstraint("event_id", "recipient", "template", name="uq_emails_event_recipient_template"),
)
# The sender's question: what is due, most urgent first.
Index("ix_emails_due", emails.c.status, emails.c.priority, emails.c.next_attempt_at)

email_attempts = Table(
    "email_attempts",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("email_id", BIG_ID, ForeignKey("emails.id"), nullable=False, index=True),
    Column("attempted_at", UtcDateTime, nullable=False),
    Column("outcome", String(30), nullable=False),
    Column("detail", Text),
)

subscriptions = Table(
    "alert_subscriptions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(320), nullable=False, index=True),
    # The candidate key of `email`: what a CandidateErased naming the address finds.
    Column("email_key", String(64), nullable=False, index=True),
    Column("language", String(2), nullable=False),
    Column("criteria", JSON, nullable=False),
    Column("frequency", String(20), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("confirmed_at", UtcDateTime),
    Column("unsubscribed_at", UtcDateTime),
)

# Matches waiting for a daily digest; one row per subscription and vacancy.
alert_matches = Table(
    "alert_matches",
    metadata,
    Column("id", BIG_ID, primary_key=True, autoincrement=True),
    Column("subscription_id", Uuid, ForeignKey("alert_subscriptions.id"), nullable=False),
    Column("vacancy", JSON, nullable=False),
    Column("vacancy_id", Uuid, nullable=False),
    Column("matched_at", UtcDateTime, nullable=False),
    Column("digested_at", UtcDateTime),
    UniqueConstraint("subscription_id", "vacancy_id", name="uq_alert_matches_subscription_vacancy"),
)

# The erasure log: what was erased, when, at whose request; never an address, name or key.
erasures = Table(
    "erasures",
    metadata,
    Column("erasure_id", Uuid, primary_key=True),  # the application service's, or a retention run's own
    Column("requested_by", String(20), nullable=False),  # candidate, admin or retention
    Column("erased_at", UtcDateTime, nullable=False),  # when this service first acted on it
    Column("applications", Integer, nullable=False, server_default="0"),
    Column("queued_emails_deleted", Integer, nullable=False, server_default="0"),
    Column("emails_purged", Integer, nullable=False, server_default="0"),
    Column("subscriptions_deleted", Integer, nullable=False, server_default="0"),
    Column("alert_matches_deleted", Integer, nullable=False, server_default="0"),
    # When the last copy on Kafka of an event about the candidate expires (None: nothing on Kafka).
    Column("broker_copies_expire_at", UtcDateTime),
)

# Tombstones: a late or replayed event about an erased application (say, from the DLQ) creates
# nothing. Kept until no copy of such an event can remain on Kafka, then dropped by the retention job.
erased_applications = Table(
    "erased_applications",
    metadata,
    Column("application_id", Uuid, primary_key=True),
    Column("erased_at", UtcDateTime, nullable=False),
    Column("forget_after", UtcDateTime, nullable=False, index=True),
)

inbox = inbox_table(metadata)
