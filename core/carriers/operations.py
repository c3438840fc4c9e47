"""Creating and changing carriers and their memberships, with an audit trail."""

from __future__ import annotations

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from core.audit import service as audit
from core.auth.models import User
from core.extensions import db
from core.invitations import operations as invitations
from core.invitations.kinds import Kind
from core.tenancy.models import Membership, Role, Tenant

#: The tenant fields a platform admin sets.
ADMIN_FIELDS = ("name_zh", "name_en", "enabled_stages", "serial_prefix")
#: The tenant fields a carrier's manager edits on its profile page.
PROFILE_FIELDS = ("name_zh", "name_en", "contact_email", "phone", "address", "description")
#: The carrier's own review settings, also edited on its profile page.
REVIEW_SETTINGS = ("reviews_hidden_until_decision",)


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
    tenant: Tenant, user: User, role: Role, actor: User | None = None
) -> Membership | None:
    """Give ``user`` a ``role`` at ``tenant``; ``None`` when they already hold it.

    People get roles by accepting an invitation (``invite_member``); the demo
    loader and the tests call this directly. No account is ever created here.
    """
    if holds_role(tenant.id, user, role):
        return None
    membership = Membership(tenant=tenant, user=user, role=role)
    db.session.add(membership)
    audit.record(
        "membership.added",
        membership,
        tenant=tenant,
        after={"user": user.email, "role": str(role)},
        actor=actor,
    )
    return membership


def holds_role(tenant_id: int, user: User, role) -> bool:
    return (
        db.session.scalar(
            select(Membership.id).where(
                Membership.tenant_id == tenant_id,
                Membership.user_id == user.id,
                Membership.role == str(role),
            )
        )
        is not None
    )


#: The roles at a carrier an invitation may offer, and who may offer them.
INVITABLE_ROLES = (Role.MANAGER, Role.REVIEWER)


def invite_member(tenant: Tenant, email: str, role: Role, *, actor: User | None, locale: str):
    """Invite ``email`` to be a manager or reviewer at ``tenant``; mailed after the commit."""
    if role not in INVITABLE_ROLES:
        raise ValueError(f"no invitation to the role {role!r}")
    return invitations.invite(
        MEMBERSHIP, tenant.id, email, actor=actor, locale=locale, role=role, tenant=tenant
    )


#: The invitation kind of a role at a carrier.
MEMBERSHIP = "membership"


def membership_kind() -> Kind:
    def tenant_of(invitation) -> Tenant:
        return db.session.get(Tenant, invitation.target_id)

    def describe(invitation) -> str:
        tenant = tenant_of(invitation)
        return _(
            "%(role)s at %(carrier)s",
            role=Role.label_of(invitation.role),
            carrier=tenant.name(str(get_locale())),
        )

    def holds(invitation, user) -> bool:
        return holds_role(invitation.target_id, user, invitation.role)

    def grant(invitation, user) -> None:
        add_member(tenant_of(invitation), user, Role(invitation.role), actor=user)

    def place(invitation) -> str:
        return url_for("carriers.overview", tenant_slug=tenant_of(invitation).slug)

    return Kind(key=MEMBERSHIP, describe=describe, holds=holds, grant=grant, place=place)


def remove_member(membership: Membership, actor: User | None = None) -> None:
    audit.record(
        "membership.removed",
        membership,
        tenant=membership.tenant,
        before={"user": membership.user.email, "role": membership.role},
        actor=actor,
    )
    db.session.delete(membership)
