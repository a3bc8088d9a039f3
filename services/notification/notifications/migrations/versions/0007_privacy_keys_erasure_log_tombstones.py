"""privacy: the application and candidate key of each email, the key of each alert subscription,
the erasure log and tombstones of erased applications

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 08:00:00.000000

"""

import re
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from recruitment_shared.privacy import candidate_key, candidate_keys_secret

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As they are at this revision (a migration must not change meaning when the code moves on).
CONSULTANT_TEMPLATES = ("consultant_new_application", "consultant_application_withdrawn")
LINKED_TO_APPLICATION = ("candidate_application_received", "candidate_already_applied")
CONSULTANT_LINK = re.compile(r"/consultant/applications/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def upgrade() -> None:
    """Upgrade schema: new nullable columns and tables, then the keys and application ids of the
    rows there are, computed here in Python (the key is a secret the database never sees)."""
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("application_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("recipient_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column("recipient", existing_type=sa.String(length=320), nullable=True)
        batch_op.create_index(batch_op.f("ix_emails_application_id"), ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_emails_recipient_key"), ["recipient_key"], unique=False)
    with op.batch_alter_table("alert_subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_key", sa.String(length=64), nullable=True))

    _backfill(op.get_bind())

    with op.batch_alter_table("alert_subscriptions", schema=None) as batch_op:
        batch_op.alter_column("email_key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_alert_subscriptions_email_key"), ["email_key"], unique=False)

    op.create_table(
        "erasures",
        sa.Column("erasure_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.String(length=20), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applications", sa.Integer(), server_default="0", nullable=False),
        sa.Column("queued_emails_deleted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("emails_purged", sa.Integer(), server_default="0", nullable=False),
        sa.Column("subscriptions_deleted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("alert_matches_deleted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("broker_copies_expire_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("erasure_id"),
    )
    op.create_table(
        "erased_applications",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("forget_after", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("application_id"),
    )
    with op.batch_alter_table("erased_applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erased_applications_forget_after"), ["forget_after"], unique=False)


def _backfill(conn: sa.Connection) -> None:
    """Each email's application (from its signed link, or the consultant's link in its body) and
    its recipient's key unless a consultant's; each subscription's key. Emails about a status
    change name no application anywhere: an erasure finds them by their key, and their bodies go
    with EMAIL_BODY_RETENTION_DAYS anyway."""
    emails = sa.table(
        "emails",
        sa.column("id"),
        sa.column("template"),
        sa.column("recipient"),
        sa.column("link_for", sa.Uuid()),
        sa.column("body"),
        sa.column("application_id", sa.Uuid()),
        sa.column("recipient_key"),
    )
    subscriptions = sa.table(
        "alert_subscriptions", sa.column("id", sa.Uuid()), sa.column("email"), sa.column("email_key")
    )
    keys: dict[str, str] = {}

    def key_of(address: str) -> str:
        if not keys:  # read only when there is something to key: an empty database needs no secret
            keys[""] = candidate_keys_secret()
        return candidate_key(address, keys[""])

    for row in conn.execute(sa.select(emails.c.id, emails.c.template, emails.c.recipient, emails.c.link_for)).all():
        application_id = row.link_for if row.template in LINKED_TO_APPLICATION else None
        if row.template in CONSULTANT_TEMPLATES:
            body = conn.execute(sa.select(emails.c.body).where(emails.c.id == row.id)).scalar_one()
            found = CONSULTANT_LINK.search(body)
            application_id = uuid.UUID(found.group(1)) if found else None
        recipient_key = None if row.template in CONSULTANT_TEMPLATES else key_of(row.recipient)
        values = {"application_id": application_id, "recipient_key": recipient_key}
        conn.execute(sa.update(emails).where(emails.c.id == row.id).values(**values))
    for row in conn.execute(sa.select(subscriptions.c.id, subscriptions.c.email)).all():
        update = sa.update(subscriptions).where(subscriptions.c.id == row.id)
        conn.execute(update.values(email_key=key_of(row.email)))


def downgrade() -> None:
    """Downgrade schema. Erased emails get a placeholder recipient: the column held one always."""
    with op.batch_alter_table("erased_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erased_applications_forget_after"))
    op.drop_table("erased_applications")
    op.drop_table("erasures")
    with op.batch_alter_table("alert_subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_subscriptions_email_key"))
        batch_op.drop_column("email_key")
    op.execute("UPDATE emails SET recipient = 'erased-' || CAST(id AS VARCHAR) WHERE recipient IS NULL")
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emails_recipient_key"))
        batch_op.drop_index(batch_op.f("ix_emails_application_id"))
        batch_op.alter_column("recipient", existing_type=sa.String(length=320), nullable=False)
        batch_op.drop_column("purged_at")
        batch_op.drop_column("recipient_key")
        batch_op.drop_column("application_id")
