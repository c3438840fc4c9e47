"""user sessions

Log-in sessions are kept on the server, one row per browser, with the times
that give their inactivity and absolute timeouts (core/auth/sessions.py).
They replace the one session token per user, so everyone logs in again once.

Revision ID: e7b2c9d4a1f8
Revises: d4e8a1c6f3b7
Create Date: 2026-12-07 00:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e7b2c9d4a1f8"
down_revision = "d4e8a1c6f3b7"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_agent", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_user_sessions_key_hash")),
    )
    op.create_index(op.f("ix_user_sessions_user_id"), "user_sessions", ["user_id"])
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_token")


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_token", sa.String(length=64), nullable=False, server_default="")
        )
    op.execute("UPDATE users SET session_token = 'u' || id")
    op.drop_index(op.f("ix_user_sessions_user_id"), table_name="user_sessions")
    op.drop_table("user_sessions")
