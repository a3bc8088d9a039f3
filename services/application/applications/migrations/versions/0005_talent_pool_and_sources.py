"""talent pool search (CV text, full-text index) and application sources for reports

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00.000000

Applications stored before this revision keep no CV text (their CVs are not read again): the
talent-pool search finds them by their motivation and their answers only. Vacancies known before
it have no soft requirements until their next VacancyUpdated (or a rebuild of the read model).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("city", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(length=20), server_default="career_site", nullable=False))
        batch_op.add_column(sa.Column("cv_text", sa.Text(), nullable=True))
    with op.batch_alter_table("known_vacancies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("soft_requirements", sa.JSON(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # Full text over the motivation and the CV, as written ('simple': no stemming, no stop
        # words), so that PRINCE2, "projectleider" and "chef de projet" are found in any language.
        op.execute(
            "ALTER TABLE applications ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "to_tsvector('simple', motivation || ' ' || coalesce(cv_text, ''))) STORED"
        )
        op.execute("CREATE INDEX ix_applications_search_vector ON applications USING gin (search_vector)")


def downgrade() -> None:
    """Downgrade schema."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE applications DROP COLUMN search_vector")
    with op.batch_alter_table("known_vacancies", schema=None) as batch_op:
        batch_op.drop_column("soft_requirements")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("cv_text")
        batch_op.drop_column("source")
        batch_op.drop_column("city")
