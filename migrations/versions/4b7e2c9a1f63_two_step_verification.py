"""two-step verification: a TOTP secret (encrypted), the last used time step, recovery code hashes

Revision ID: 4b7e2c9a1f63
Revises: 83acd1425b0c
Create Date: 2026-12-07 00:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "4b7e2c9a1f63"
down_revision = "83acd1425b0c"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "two_step_credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret_encrypted", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_step", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )
    op.create_table(
        "two_step_recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["credential_id"], ["two_step_credentials.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_two_step_recovery_codes_credential_id"),
        "two_step_recovery_codes",
        ["credential_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(
        op.f("ix_two_step_recovery_codes_credential_id"), table_name="two_step_recovery_codes"
    )
    op.drop_table("two_step_recovery_codes")
    op.drop_table("two_step_credentials")
