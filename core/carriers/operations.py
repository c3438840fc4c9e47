"""Creating and changing carriers and their memberships, with an audit trail."""

from __future__ import annotations

from sqlalchemy import select

from core.audit import service as audit
from core.auth import operations as accounts
from core.auth.models import User
from core.extensions import db
from core.tenancy.models import Membership, Role, Tenant

#: The tenant fields a platform admin sets.
ADMIN_FIELDS = ("name_zh", "name_en", "enabled_stages", "serial_prefix")
#: The tenant fields a carrier's manager edits on its profile page.
PROFILE_FIELDS = ("name_zh", "name_en", "contact_email", "phone", "address", "description")


def snapshot(tenant: Tenant, fields) -> dict:
    return {f: getattr(tenant, f) for f in fields}


def create_tenant(slug: str, values: dict, actor: User | None = None) -> Tenant:
    tenant = Tenant(slug=slug, **values)
    db.session.add(tenant)
    audit.record(
        "tenant.created", tenant, tenant=tenant, after={"slug": slug, **values}, actor=actor
    )
    return tenant


def update_tenant(tenant: Tenant, values: dict, actor: User | None = None) -> None:
    """Apply ``values`` and record what changed; nothing is recorded when nothing changed."""
    before, after = audit.changes(snapshot(tenant, values), values)
    if not after:
        return
    for key, value in after.items():
        setattr(tenant, key, value)
    audit.record("tenant.updated", tenant, tenant=tenant, before=before, after=after, actor=actor)


def add_member(
    tenant: Tenant, email: str, name: str, role: Role, actor: User | None = None
) -> tuple[Membership | None, str | None]:
    """Give the user with ``email`` a ``role`` at ``tenant``.

    A new account is created when nobody has that email yet; its temporary
    password is returned (once) so the person adding can pass it on, and the
    new user must replace it at first log-in. Returns ``(None, None)`` when
    the user already holds the role.
    """
    user = accounts.find_user(email)
    password = None
    if user is None:
        password = accounts.temporary_password()
        user = accounts.create_user(email, name, password, verified=True)
        user.must_change_password = True
        db.session.flush()
    elif db.session.scalar(
        select(Membership).where(
            Membership.tenant_id == tenant.id,
            Membership.user_id == user.id,
            Membership.role == role,
        )
    ):
        return None, None
    membership = Membership(tenant=tenant, user=user, role=role)
    db.session.add(membership)
    audit.record(
        "membership.added",
        membership,
        tenant=tenant,
        after={"user": user.email, "role": str(role)},
        actor=actor,
    )
    return membership, password


def remove_member(membership: Membership, actor: User | None = None) -> None:
    audit.record(
        "membership.removed",
        membership,
        tenant=membership.tenant,
        before={"user": membership.user.email, "role": membership.role},
        actor=actor,
    )
    db.session.delete(membership)
