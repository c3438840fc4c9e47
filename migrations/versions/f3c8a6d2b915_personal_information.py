"""personal information

Sign-up records which version of the privacy notice the person consented to,
and when. Accounts that exist before this revision keep both empty: they count
as having consented to the first version of the notice (docs/security.md,
"Personal information"), so they are asked at log-in once the version changes.
A closed account keeps the time it was closed and a digest of its former
address, by which the audit log shows its pseudonym.

Revision ID: f3c8a6d2b915
Revises: e4b9d1c7a2f6
Create Date: 2026-12-20 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f3c8a6d2b915"
down_revision = "e4b9d1c7a2f6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("privacy_notice_version", sa.String(length=20), nullable=True)
        )
        batch_op.add_column(
            sa.Column("privacy_consented_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closed_email_digest", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_users_closed_email_digest"), ["closed_email_digest"], unique=False
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_closed_email_digest"))
        batch_op.drop_column("closed_email_digest")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("privacy_consented_at")
        batch_op.drop_column("privacy_notice_version")
