"""index emails by correlation id (the delivery log's filter)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 19:55:00.000000

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index(op.f("ix_emails_correlation_id"), "emails", ["correlation_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_emails_correlation_id"), table_name="emails")
