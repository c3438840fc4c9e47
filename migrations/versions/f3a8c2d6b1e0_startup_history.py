"""startup history

Each audit event names the startup it concerns, so that the startup's
history (its record's changes, seen by every carrier it shares the record
with) is read by an index instead of searching the log's JSON. Existing
events are given theirs: the startup's own events, its records' rows (their
``startup_id`` is in the event's values), applications and enrollments.

Revision ID: f3a8c2d6b1e0
Revises: f7c3a9d2e815
Create Date: 2026-12-12 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f3a8c2d6b1e0"
down_revision = "f7c3a9d2e815"
branch_labels = None
depends_on = None

#: The registry's row models whose events carry ``startup_id`` in their values.
ROWS = ("AnnualFigures", "FundingRound", "IPAsset", "Certification", "CorporateEvent")


def upgrade():
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("startup_id", sa.Integer(), nullable=True))
        batch.create_index("ix_audit_events_startup_id", ["startup_id"])
    bind = op.get_bind()
    op.execute(
        "UPDATE audit_events SET startup_id = CAST(object_id AS INTEGER) "
        "WHERE object_type = 'Startup'"
    )
    if bind.dialect.name == "postgresql":
        value = (
            "CAST(COALESCE(CAST(after AS jsonb) ->> 'startup_id', "
            "CAST(before AS jsonb) ->> 'startup_id') AS INTEGER)"
        )
    else:
        value = (
            "CAST(COALESCE(json_extract(after, '$.startup_id'), "
            "json_extract(before, '$.startup_id')) AS INTEGER)"
        )
    kinds = ", ".join(f"'{name}'" for name in ROWS)
    op.execute(f"UPDATE audit_events SET startup_id = {value} WHERE object_type IN ({kinds})")
    for object_type, table in (("Application", "applications"), ("Enrollment", "enrollments")):
        op.execute(
            f"UPDATE audit_events SET startup_id = (SELECT t.startup_id FROM {table} t "
            f"WHERE CAST(t.id AS VARCHAR(40)) = audit_events.object_id) "
            f"WHERE object_type = '{object_type}'"
        )


def downgrade():
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index("ix_audit_events_startup_id")
        batch.drop_column("startup_id")
