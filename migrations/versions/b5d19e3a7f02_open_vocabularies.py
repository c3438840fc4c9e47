"""open vocabularies

Certification and funding kinds are registered by plugins (core.vocabulary)
and checked against that registry where they are entered, no longer by the
database: a plugin adds a kind without a migration.

Revision ID: b5d19e3a7f02
Revises: 7c4b8d2e5a61
Create Date: 2026-12-03 18:30:00

"""
from alembic import op

revision = "b5d19e3a7f02"
down_revision = "7c4b8d2e5a61"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("certifications", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_certifications_kind"), type_="check")
    with op.batch_alter_table("funding_rounds", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_funding_rounds_kind"), type_="check")


def downgrade():
    with op.batch_alter_table("funding_rounds", schema=None) as batch_op:
        batch_op.create_check_constraint("kind", "kind IN ('angel', 'vc', 'grant', 'tech_loan')")
    with op.batch_alter_table("certifications", schema=None) as batch_op:
        batch_op.create_check_constraint(
            "kind", "kind IN ('tech_sme', 'high_tech', 'specialized', 'gazelle')"
        )
