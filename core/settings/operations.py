"""Changing a carrier's stage settings."""

from __future__ import annotations

from sqlalchemy import select

from core.audit import service as audit
from core.extensions import db
from core.settings.models import StageSettings
from core.settings.services import values_for
from core.tenancy.models import Tenant


def save(tenant: Tenant, stage: str, values: dict) -> None:
    """Store a stage's settings for ``tenant`` and audit what changed."""
    row = db.session.scalar(
        select(StageSettings).where(
            StageSettings.tenant_id == tenant.id, StageSettings.stage == stage
        )
    )
    if row is None:
        row = StageSettings(tenant_id=tenant.id, stage=stage, values={})
        db.session.add(row)
    old = values_for(tenant.id, stage, row.values)
    new = {key: str(value) for key, value in values.items()}
    before, after = audit.changes({k: str(v) for k, v in old.items()}, new)
    if not after:
        return
    row.values = {**row.values, **new}
    audit.record(
        "settings.updated",
        row,
        tenant=tenant,
        before={"stage": stage, **before},
        after={"stage": stage, **after},
    )
