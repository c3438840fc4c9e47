"""users' language

Each account keeps the language its mail is written in; existing accounts
get the interface's default, Chinese.

Revision ID: c8e1f4a2b930
Revises: b5d19e3a7f02
Create Date: 2026-12-10 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c8e1f4a2b930"
down_revision = "b5d19e3a7f02"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locale", sa.String(length=10), nullable=False, server_default="zh_CN")
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locale")
