"""IP lifecycle: the record's dates and facts, annuity payments and 转移 events

The single ``date`` of an IP row was its filing date while applied and its
grant date once granted; it becomes ``filed_on`` or ``granted_on``.

Revision ID: 233b2e55daf8
Revises: e7b2c9d4a1f8
Create Date: 2026-12-06 23:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "233b2e55daf8"
down_revision = "e7b2c9d4a1f8"
branch_labels = None
depends_on = None

DATES = ("filed_on", "published_on", "granted_on", "exam_requested_on")


def upgrade():
    for name in DATES:
        op.add_column("ip_assets", sa.Column(name, sa.Date(), nullable=True))
    op.add_column(
        "ip_assets",
        sa.Column("ipc_main_group", sa.String(20), nullable=False, server_default=""),
    )
    for name in ("co_owners", "overseas_family"):
        op.add_column("ip_assets", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "ip_assets", sa.Column("award", sa.String(30), nullable=False, server_default="")
    )
    op.add_column("ip_assets", sa.Column("award_year", sa.Integer(), nullable=True))
    op.add_column("ip_assets", sa.Column("term_extension_days", sa.Integer(), nullable=True))
    op.add_column("ip_assets", sa.Column("termination_notice_on", sa.Date(), nullable=True))
    op.add_column("ip_assets", sa.Column("invalidated_on", sa.Date(), nullable=True))
    op.execute("UPDATE ip_assets SET filed_on = date WHERE status = 'applied'")
    op.execute("UPDATE ip_assets SET granted_on = date WHERE status = 'granted'")
    with op.batch_alter_table("ip_assets") as batch:
        batch.drop_column("date")

    op.create_table(
        "ip_annuity_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_yuan", sa.Numeric(12, 2), nullable=True),
        sa.Column("surcharge_yuan", sa.Numeric(12, 2), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ip_id"],
            ["ip_assets.id"],
            name=op.f("fk_ip_annuity_payments_ip_id_ip_assets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_annuity_payments")),
        sa.UniqueConstraint("ip_id", "year", name=op.f("uq_ip_annuity_payments_ip_id_year")),
    )
    op.create_index(op.f("ix_ip_annuity_payments_ip_id"), "ip_annuity_payments", ["ip_id"])
    op.create_table(
        "ip_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("counterparty", sa.String(200), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("licence_kind", sa.String(10), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("amount", sa.Numeric(16, 4), nullable=True),
        sa.Column("released_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('assignment', 'licence', 'pledge', 'restoration', 'renewal')",
            name=op.f("ck_ip_events_kind"),
        ),
        sa.CheckConstraint("direction IN ('in', 'out')", name=op.f("ck_ip_events_direction")),
        sa.ForeignKeyConstraint(
            ["ip_id"], ["ip_assets.id"], name=op.f("fk_ip_events_ip_id_ip_assets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_events")),
    )
    op.create_index(op.f("ix_ip_events_ip_id"), "ip_events", ["ip_id"])
    op.create_index(op.f("ix_ip_events_happened_on"), "ip_events", ["happened_on"])


def downgrade():
    op.drop_table("ip_events")
    op.drop_table("ip_annuity_payments")
    op.add_column("ip_assets", sa.Column("date", sa.Date(), nullable=True))
    op.execute("UPDATE ip_assets SET date = COALESCE(granted_on, filed_on)")
    with op.batch_alter_table("ip_assets") as batch:
        for name in (
            "invalidated_on",
            "termination_notice_on",
            "term_extension_days",
            "award_year",
            "award",
            "overseas_family",
            "co_owners",
            "ipc_main_group",
            *DATES,
        ):
            batch.drop_column(name)
