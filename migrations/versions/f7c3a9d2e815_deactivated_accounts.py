"""deactivated accounts

The platform admin can deactivate an account: it can no longer log in, and
its sessions and API tokens stop working. Every existing account is active.

Revision ID: f7c3a9d2e815
Revises: f3c8a6d2b915
Create Date: 2026-12-14 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "f7c3a9d2e815"
down_revision = "f3c8a6d2b915"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("deactivated_at")
