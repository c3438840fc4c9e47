"""blind review: a carrier may keep reviewers' scores hidden from each other until the decision

Revision ID: b8e1f4c7d2a9
Revises: a7d4e9b2c5f1
Create Date: 2026-12-14 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b8e1f4c7d2a9"
down_revision = "a7d4e9b2c5f1"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: SQLite adds a NOT NULL column with a constant default in place.
    op.add_column(
        "tenants",
        sa.Column(
            "reviews_hidden_until_decision",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )


def downgrade():
    with op.batch_alter_table("tenants") as batch:
        batch.drop_column("reviews_hidden_until_decision")
