"""The notification service's tables: the email delivery log and the inbox."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from recruitment_shared.db import UtcDateTime
from recruitment_shared.messaging import inbox_table

metadata = MetaData()

emails = Table(
    "emails",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
    Column("template", String(100), nullable=False),
    Column("recipient", String(320), nullable=False, index=True),
    Column("subject", String(500), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime, nullable=False, index=True),
    Column("last_error", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    # One event never yields the same email twice, even if its handler ran twice.
    UniqueConstraint("event_id", "recipient", "template", name="uq_emails_event_recipient_template"),
)

inbox = inbox_table(metadata)
