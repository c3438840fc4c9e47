"""Reading carriers and their members."""

from __future__ import annotations

from sqlalchemy import select

from core.auth.models import User
from core.extensions import db
from core.tenancy.models import Membership, Role, Tenant


def members(tenant: Tenant, role: Role) -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.user)
            .where(Membership.tenant_id == tenant.id, Membership.role == role)
            .order_by(User.name)
        )
    )


def find_membership(tenant: Tenant, membership_id: int, role: Role) -> Membership | None:
    """The membership with this id, only if it gives ``role`` at ``tenant``."""
    return db.session.scalar(
        select(Membership).where(
            Membership.id == membership_id,
            Membership.tenant_id == tenant.id,
            Membership.role == role,
        )
    )


def carriers_running(stage_key: str) -> list[Tenant]:
    """Carriers that run a stage; filtered in Python because the stage list is JSON."""
    tenants = db.session.scalars(select(Tenant).order_by(Tenant.name_zh)).all()
    return [t for t in tenants if stage_key in (t.enabled_stages or ())]
