"""link states

A carrier sees a startup's record while their link is open: an application
is under review there (``applied``) or the startup is enrolled there
(``enrolled``). Once every application there was rejected and it never
enrolled, the link is ``closed``: the carrier keeps its applications and
decisions, nothing of the record. Existing links are given their state from
the enrollments and applications.

Revision ID: a7d4e9b2c5f1
Revises: f3a8c2d6b1e0
Create Date: 2026-12-12 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a7d4e9b2c5f1"
down_revision = "f3a8c2d6b1e0"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("carrier_links") as batch:
        batch.add_column(
            sa.Column("state", sa.String(length=10), nullable=False, server_default="applied")
        )
        batch.create_check_constraint(
            op.f("ck_carrier_links_state"), "state IN ('applied', 'enrolled', 'closed')"
        )
    op.execute(
        "UPDATE carrier_links SET state = 'enrolled' WHERE EXISTS (SELECT 1 FROM enrollments e "
        "WHERE e.startup_id = carrier_links.startup_id AND e.tenant_id = carrier_links.tenant_id)"
    )
    op.execute(
        "UPDATE carrier_links SET state = 'closed' WHERE state = 'applied' AND NOT EXISTS ("
        "SELECT 1 FROM applications a WHERE a.startup_id = carrier_links.startup_id "
        "AND a.tenant_id = carrier_links.tenant_id AND a.status IN ('submitted', 'admitted'))"
    )


def downgrade():
    with op.batch_alter_table("carrier_links") as batch:
        batch.drop_constraint(op.f("ck_carrier_links_state"), type_="check")
        batch.drop_column("state")
