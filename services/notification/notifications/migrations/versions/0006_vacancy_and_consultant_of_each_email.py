"""the vacancy and consultant of each email (whose delivery log shows it)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 06:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema: nullable columns (expand only). Emails recorded before have neither, so
    only admins see them in the delivery log: their events are gone, and nothing else says whose
    vacancy they were about."""
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vacancy_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("consultant_email", sa.String(length=320), nullable=True))
    # The delivery log's filter for a consultant.
    op.create_index(op.f("ix_emails_consultant_email"), "emails", ["consultant_email"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_emails_consultant_email"), table_name="emails")
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.drop_column("consultant_email")
        batch_op.drop_column("vacancy_id")
