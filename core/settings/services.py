"""Reading and changing a carrier's stage settings."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from core import hooks
from core.extensions import db
from core.plugin_api import SettingSpec, TenantRef
from core.plugins import incuchain
from core.settings.models import StageSettings
from core.tenancy.models import Tenant


def parse(spec: SettingSpec, raw) -> int | Decimal:
    """A stored or typed value as the spec's type; raises ``ValueError`` when it is not one."""
    try:
        value = Decimal(str(raw).strip()) if spec.type == "decimal" else int(str(raw).strip())
    except (InvalidOperation, ValueError) as error:
        raise ValueError(str(raw)) from error
    if spec.type == "decimal" and not value.is_finite():
        raise ValueError(str(raw))
    return value


def values_for(tenant_id: int, stage: str, stored: dict | None) -> dict:
    """The stage's settings: each spec's default, overridden by a valid stored value."""
    values = {}
    for spec in hooks.stage_settings(stage):
        value = spec.default
        if stored and spec.key in stored:
            try:
                value = parse(spec, stored[spec.key])
            except ValueError:
                value = spec.default
        values[spec.key] = value
    return values


def tenant_refs(tenants: Iterable[Tenant]) -> dict[int, TenantRef]:
    """``tenant_ref`` for several carriers, keyed by id: one query for all their settings."""
    tenants = {tenant.id: tenant for tenant in tenants}
    if not tenants:
        return {}
    stored: dict[int, dict] = {tenant_id: {} for tenant_id in tenants}
    for row in db.session.scalars(
        select(StageSettings).where(StageSettings.tenant_id.in_(list(tenants)))
    ):
        stored[row.tenant_id][row.stage] = row.values
    stages = [s.key for s in incuchain().stages]
    return {
        tenant.id: TenantRef(
            id=tenant.id,
            slug=tenant.slug,
            name_zh=tenant.name_zh,
            name_en=tenant.name_en,
            settings={
                stage: values_for(tenant.id, stage, stored[tenant.id].get(stage))
                for stage in stages
            },
        )
        for tenant in tenants.values()
    }


def tenant_ref(tenant: Tenant) -> TenantRef:
    """The immutable view of ``tenant`` that plugins receive (one query for its settings)."""
    return tenant_refs([tenant])[tenant.id]
