"""The application service's tables; the rows are read and written by `application_store` and `vacancy_store`."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    func,
)

from recruitment_shared.db import UtcDateTime
from recruitment_shared.messaging import inbox_table, outbox_table

metadata = MetaData()

applications = Table(
    "applications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("vacancy_id", Uuid, nullable=False, index=True),
    Column("candidate_name", String(200), nullable=False),
    Column("candidate_email", String(320), nullable=False),
    Column("motivation", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("phone", String(40)),
    Column("preferred_language", String(2), nullable=False, server_default="en"),
    Column("languages", JSON, nullable=False, server_default="[]"),
    Column("years_of_experience", Integer, nullable=False, server_default="0"),
    Column("contract_preference", String(20), nullable=False, server_default="either"),
    Column("expected_daily_rate", Integer),
    Column("available_from", Date),
    Column("consent_at", UtcDateTime),
    Column("screening", JSON),
    Column("cv", JSON),
    Column("city", String(100)),
    Column("source", String(20), nullable=False, server_default="career_site"),
    # The CV's text, read at upload for the talent-pool search (with the motivation, a tsvector
    # column and its GIN index on PostgreSQL only: migration 0005).
    Column("cv_text", Text),
)
# One application per candidate and vacancy: the index, not a prior check, settles races.
Index(
    "uq_applications_vacancy_email", applications.c.vacancy_id, func.lower(applications.c.candidate_email), unique=True
)
# Every application of an address, whatever its case: what a candidate exports or erases.
Index("ix_applications_email", func.lower(applications.c.candidate_email))

application_history = Table(
    "application_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False, index=True),
    Column("from_status", String(20)),
    Column("to_status", String(20), nullable=False),
    Column("actor", String(320), nullable=False),
    Column("reason", Text),
    Column("at", UtcDateTime, nullable=False),
)

# The first answer to each Idempotency-Key, replayed when a client retries.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("application_id", Uuid, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# Which privacy notice (version) a candidate accepted, for which purpose, when; and a withdrawal.
consents = Table(
    "consents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False, index=True),
    Column("purpose", String(20), nullable=False),
    Column("notice_version", String(40), nullable=False),
    Column("given_at", UtcDateTime, nullable=False),
    Column("withdrawn_at", UtcDateTime),
    UniqueConstraint("application_id", "purpose", name="uq_consents_application_purpose"),
)

# The erasure log: what was erased, when, on whose request; no address, name or key of whom.
erasures = Table(
    "erasures",
    metadata,
    Column("erasure_id", Uuid, primary_key=True),
    Column("requested_by", String(20), nullable=False),
    Column("erased_at", UtcDateTime, nullable=False),
    Column("erased", JSON, nullable=False),  # how many of each kind: {"applications": 2, "cv_files": 2, ...}
    Column("broker_copies_expire_at", UtcDateTime, nullable=False),
)

# What vacancy events told us; VacancyClosed may arrive for a vacancy we never saw open.
known_vacancies = Table(
    "known_vacancies",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("reference", String(20), nullable=False),
    Column("state", String(20), nullable=False),
    Column("title", String(200)),
    Column("consultant", JSON),
    Column("requirements", JSON),
    Column("soft_requirements", JSON),  # tags, experience range, start date: what "suggest candidates" weighs
    Column("updated_at", UtcDateTime, nullable=False),
)

# Interviews, staff notes and scorecards (interview_store.py, note_store.py): staff-only, never in events
# but the interview's time and place, which its invitations carry.
interviews = Table(
    "interviews",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False, index=True),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False, index=True),  # what "upcoming" compares with now
    Column("duration_minutes", Integer, nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("location", String(500)),
    Column("video_link", String(500)),
    Column("interviewers", JSON, nullable=False, server_default="[]"),
    Column("sequence", Integer, nullable=False, server_default="0"),  # the invitations' SEQUENCE
    Column("scheduled_by", String(320), nullable=False),
    Column("scheduled_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime),
    Column("cancelled_at", UtcDateTime),
    Column("cancelled_by", String(320)),
    Column("outcome", String(20)),
    Column("outcome_by", String(320)),
    Column("outcome_at", UtcDateTime),
    # A retried request (same Idempotency-Key) finds the interview it created instead of inviting twice.
    Column("idempotency_key", String(200), unique=True),
    Column("request_fingerprint", String(64)),
)

staff_notes = Table(
    "staff_notes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("application_id", Uuid, ForeignKey("applications.id"), nullable=False, index=True),
    Column("author_email", String(320), nullable=False),
    Column("author_name", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

# One scorecard per interview and author (stored lowercased).
scorecards = Table(
    "scorecards",
    metadata,
    Column("interview_id", Uuid, ForeignKey("interviews.id"), primary_key=True),
    Column("author_email", String(320), primary_key=True),
    Column("author_name", String(200), nullable=False),
    Column("ratings", JSON, nullable=False),
    Column("recommendation", String(20), nullable=False),
    Column("summary", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

outbox = outbox_table(metadata)
# An erasure removes the published events of its applications (keyed by the application id).
Index("ix_outbox_message_key", outbox.c.message_key)
inbox = inbox_table(metadata)
