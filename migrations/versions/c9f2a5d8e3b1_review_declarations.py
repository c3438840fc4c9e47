"""review declarations: a reviewer declares no conflict of interest before scoring, or abstains

Revision ID: c9f2a5d8e3b1
Revises: b8e1f4c7d2a9
Create Date: 2026-12-14 11:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c9f2a5d8e3b1"
down_revision = "b8e1f4c7d2a9"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs: SQLite adds them in place (a batch would recreate the table).
    op.add_column(
        "reviews", sa.Column("no_conflict_declared_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("reviews", sa.Column("abstained_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "reviews",
        sa.Column("abstention_reason", sa.Text(), nullable=False, server_default=""),
    )


def downgrade():
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("abstention_reason")
        batch.drop_column("abstained_at")
        batch.drop_column("no_conflict_declared_at")
