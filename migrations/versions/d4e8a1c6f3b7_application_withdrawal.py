"""application withdrawal

A founder may withdraw an application under review: its status becomes
``withdrawn``, and, as after a rejection, the carrier keeps the application
and nothing more of the record.

Revision ID: d4e8a1c6f3b7
Revises: c9f2a5d8e3b1
Create Date: 2026-12-06 23:30:00

"""

from alembic import op

revision = "d4e8a1c6f3b7"
down_revision = "c9f2a5d8e3b1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("applications") as batch:
        batch.drop_constraint(op.f("ck_applications_status"), type_="check")
        batch.create_check_constraint(
            op.f("ck_applications_status"),
            "status IN ('draft', 'submitted', 'admitted', 'rejected', 'withdrawn')",
        )


def downgrade():
    op.execute("UPDATE applications SET status = 'rejected' WHERE status = 'withdrawn'")
    with op.batch_alter_table("applications") as batch:
        batch.drop_constraint(op.f("ck_applications_status"), type_="check")
        batch.create_check_constraint(
            op.f("ck_applications_status"),
            "status IN ('draft', 'submitted', 'admitted', 'rejected')",
        )
