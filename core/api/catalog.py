"""Stages and carriers: what the chain offers and where the caller belongs."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from core.api.common import api_blueprint
from core.api.schemas import StageSchema, TenantSchema
from core.extensions import db
from core.plugins import incuchain
from core.tenancy.models import Membership, Role, Tenant

stages_bp = api_blueprint("api_stages", "/stages", "The stages of the chain, in order.")
tenants_bp = api_blueprint("api_tenants", "/tenants", "The carriers the caller belongs to.")


def blueprints():
    return (stages_bp, tenants_bp)


@stages_bp.route("")
@stages_bp.response(200, StageSchema(many=True))
def list_stages():
    """Every stage the installed plugins define, in chain order."""
    return list(incuchain().stages)


@tenants_bp.route("")
@tenants_bp.response(200, TenantSchema(many=True))
def list_tenants():
    """The carriers the caller has a role at, with those roles (the platform admin: all)."""
    rows = db.session.execute(
        select(Membership.tenant_id, Membership.role).where(Membership.user_id == current_user.id)
    )
    roles: dict[int, set[str]] = {}
    for tenant_id, role in rows:
        roles.setdefault(tenant_id, set()).add(role)
    query = select(Tenant).order_by(Tenant.slug)
    if not current_user.is_platform_admin:
        query = query.where(Tenant.id.in_(roles))
    registry = incuchain().stages
    result = []
    for tenant in db.session.scalars(query):
        mine = roles.get(tenant.id, set())
        if current_user.is_platform_admin:
            mine = mine | {Role.MANAGER.value}
        result.append(
            {
                "slug": tenant.slug,
                "name_zh": tenant.name_zh,
                "name_en": tenant.name_en,
                "enabled_stages": [s.key for s in registry.in_order(tenant.enabled_stages)],
                "roles": sorted(mine),
            }
        )
    return result
