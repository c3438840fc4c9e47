"""carrier links

A startup is linked to a carrier once it applied there (beyond a draft) or is
enrolled there; access to its record asks this table alone. Existing
applications and enrollments are linked here.

Revision ID: 7c4b8d2e5a61
Revises: 3f6e2a1c9d10
Create Date: 2026-12-03 15:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = "7c4b8d2e5a61"
down_revision = "3f6e2a1c9d10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "carrier_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("startup_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["startup_id"],
            ["startups.id"],
            name=op.f("fk_carrier_links_startup_id_startups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_carrier_links_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier_links")),
        sa.UniqueConstraint(
            "startup_id", "tenant_id", name=op.f("uq_carrier_links_startup_id_tenant_id")
        ),
    )
    with op.batch_alter_table("carrier_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_carrier_links_startup_id"), ["startup_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_carrier_links_tenant_id"), ["tenant_id"], unique=False)
    op.execute(
        "INSERT INTO carrier_links (startup_id, tenant_id, created_at) "
        "SELECT startup_id, tenant_id, CURRENT_TIMESTAMP FROM ("
        "SELECT startup_id, tenant_id FROM enrollments "
        "UNION SELECT startup_id, tenant_id FROM applications WHERE status <> 'draft'"
        ") AS linked"
    )


def downgrade():
    with op.batch_alter_table("carrier_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carrier_links_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_carrier_links_startup_id"))
    op.drop_table("carrier_links")
