"""certificates name their enrollment

Certificates read no graduation: the holder is the startup of the enrollment
graduated from. Existing rows take it from their graduation.

Revision ID: 3f6e2a1c9d10
Revises: 9ada04a8a554
Create Date: 2026-12-03 15:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "3f6e2a1c9d10"
down_revision = "9ada04a8a554"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enrollment_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE certificates SET enrollment_id = (SELECT graduations.enrollment_id "
        "FROM graduations WHERE graduations.id = certificates.graduation_id)"
    )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.alter_column("enrollment_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_certificates_enrollment_id"), ["enrollment_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_certificates_enrollment_id_enrollments"),
            "enrollments",
            ["enrollment_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_certificates_enrollment_id_enrollments"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_certificates_enrollment_id"), type_="unique")
        batch_op.drop_column("enrollment_id")
