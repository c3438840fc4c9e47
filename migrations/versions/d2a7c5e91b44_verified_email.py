"""verified email

Accounts prove their address by a link mailed at sign-up. Every account that
exists before this revision counts as verified: its owner was known to the
carrier or the platform that created it.

Revision ID: d2a7c5e91b44
Revises: c8e1f4a2b930
Create Date: 2026-12-10 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "d2a7c5e91b44"
down_revision = "c8e1f4a2b930"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE users SET email_verified_at = created_at")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
