"""consents (which privacy notice, which purpose, when), the erasure log, indexes for erasure

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Applications stored before notices were versioned consented to the form's text of the time.
UNVERSIONED = "unversioned"


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("notice_version", sa.String(length=40), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id", "purpose", name="uq_consents_application_purpose"),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_application_id"), ["application_id"], unique=False)

    op.create_table(
        "erasures",
        sa.Column("erasure_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.String(length=20), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased", sa.JSON(), nullable=False),
        sa.Column("broker_copies_expire_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("erasure_id"),
    )
    op.create_index("ix_applications_email", "applications", [sa.text("lower(candidate_email)")], unique=False)
    op.create_index("ix_outbox_message_key", "outbox", ["message_key"], unique=False)
    # Every application stored so far was submitted with the consent box ticked.
    op.execute(
        "INSERT INTO consents (application_id, purpose, notice_version, given_at) "
        f"SELECT id, 'application', '{UNVERSIONED}', COALESCE(consent_at, submitted_at) FROM applications"
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_outbox_message_key", table_name="outbox")
    op.drop_index("ix_applications_email", table_name="applications")
    op.drop_table("erasures")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_application_id"))

    op.drop_table("consents")
