"""Consenting to the privacy notice, and closing one's account (PIPL 第四十七条)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from core.audit import service as audit
from core.auth import operations as accounts
from core.auth.models import CLOSED_DOMAIN, User, email_digest, pseudonym
from core.carriers import operations as carriers
from core.extensions import db
from core.mfa import operations as two_step
from core.notifications.models import Notification
from core.plugin_api import bilingual
from core.refusals import Refused
from core.registry import operations as registry
from core.registry.models import CarrierLink, Startup, startup_founders
from core.tenancy.models import Membership, Role, Tenant
from core.timeutil import utcnow

#: What a closed account's password hash is: no argon2 hash, so no password matches it.
UNUSABLE_PASSWORD = "!closed"


def consent(user: User) -> None:
    """``user`` consents to the notice in force; the account and the audit log record it."""
    accounts.record_consent(user)
    audit.record(
        "privacy.consented", user, after={"version": user.privacy_notice_version}, actor=user
    )


@dataclass
class Closed:
    """What closing an account did, for the page to say."""

    pseudonym: str
    startups_kept: list[int] = field(default_factory=list)
    startups_passed: list[int] = field(default_factory=list)


def last_manager_of(user: User) -> list[Tenant]:
    """The carriers at which ``user`` is the only manager whose account is open."""
    managing = select(Membership.tenant_id).where(
        Membership.user_id == user.id, Membership.role == str(Role.MANAGER)
    )
    others = (
        select(Membership.tenant_id, func.count())
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.tenant_id.in_(managing),
            Membership.role == str(Role.MANAGER),
            Membership.user_id != user.id,
            User.closed_at.is_(None),
        )
        .group_by(Membership.tenant_id)
    )
    covered = {tenant_id for tenant_id, _n in db.session.execute(others)}
    return [
        t
        for t in db.session.scalars(
            select(Tenant).where(Tenant.id.in_(managing)).order_by(Tenant.id)
        )
        if t.id not in covered
    ]


def heir_for(user: User) -> User | None:
    """The platform admin who takes over startups whose last founder closes their account."""
    return db.session.scalar(
        select(User)
        .where(User.is_platform_admin, User.closed_at.is_(None), User.id != user.id)
        .order_by(User.id)
        .limit(1)
    )


def close_account(user: User) -> Closed:
    """Close ``user``'s account; its owner has confirmed it with their password.

    Refused while they are the last manager of a carrier (another manager must be
    invited first) or the only platform admin. Otherwise, in this order: the row
    is anonymised (pseudonym, an address under ``.invalid``, a password nothing
    matches, every session ended, the former address kept only as a digest for
    the audit log); their API tokens are revoked; their roles end; they leave
    the startups they found, each of which keeps its other founders or, when
    they were its last, passes to the platform admin (audited at every carrier
    linked to it); a startup's contact that was them is emptied; their
    notifications are deleted. Their applications, milestone updates, reviews
    and audit events stay, attributed to the pseudonym: they are the carriers'
    records (the audit log's stored values are not rewritten; see
    docs/security.md, "Personal information").
    """
    if user.is_closed:
        raise Refused(_("This account is already closed."))
    stranded = last_manager_of(user)
    if stranded:
        locale = str(get_locale())
        names = "、".join(bilingual(locale, t.name_zh, t.name_en) for t in stranded)
        raise Refused(
            _(
                "You are the last manager of %(carriers)s. Invite another manager there "
                "(or ask the platform admin to) before you close your account.",
                carriers=names,
            )
        )
    founded = list(
        db.session.scalars(
            select(Startup)
            .join(startup_founders, startup_founders.c.startup_id == Startup.id)
            .where(startup_founders.c.user_id == user.id)
            .order_by(Startup.id)
        )
    )
    heir = heir_for(user)
    if user.is_platform_admin and heir is None:
        raise Refused(
            _(
                "You are the only platform admin. Make another account a platform admin "
                "first (flask --app wsgi create-admin)."
            )
        )
    if heir is None and any(len(s.founders) == 1 for s in founded):
        raise Refused(
            _(
                "You are the last founder of a startup and there is no platform admin to "
                "pass it to. Invite a co-founder first."
            )
        )

    former_email, former_name = user.email.lower(), user.name
    user.closed_email_digest = email_digest(former_email)
    user.name = pseudonym(user.id)
    user.email = f"closed-{user.id}@{CLOSED_DOMAIN}"
    user.password_hash = UNUSABLE_PASSWORD
    user.must_change_password = False
    user.closed_at = utcnow()
    accounts.end_access(user, actor=user)
    two_step.forget(user)
    db.session.flush()
    for membership in list(
        db.session.scalars(
            select(Membership).where(Membership.user_id == user.id).order_by(Membership.id)
        )
    ):
        carriers.remove_member(membership, actor=user)

    closed = Closed(pseudonym=user.name)
    for startup in founded:
        if len(startup.founders) == 1:
            registry.add_founder(startup, heir, actor=user)
            record_passed(startup, heir, user)
            closed.startups_passed.append(startup.id)
        else:
            closed.startups_kept.append(startup.id)
        registry.remove_founder(startup, user, actor=user)
        if startup.contact_email.strip().lower() == former_email or (
            startup.contact_name.strip() and startup.contact_name.strip() == former_name.strip()
        ):
            startup.contact_name = startup.contact_phone = startup.contact_email = ""
            audit.record("startup.contact_removed", startup, actor=user)

    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    audit.record(
        "account.closed",
        user,
        after={"account": user.name, "startups_passed_to_admin": closed.startups_passed},
        actor=user,
    )
    return closed


def record_passed(startup: Startup, heir: User, user: User) -> None:
    """Tell each carrier the startup is linked to (its audit log) who holds it now."""
    values = {"founder_account": user.name, "platform_admin": heir.email}
    tenants = list(
        db.session.scalars(
            select(Tenant)
            .join(CarrierLink, CarrierLink.tenant_id == Tenant.id)
            .where(CarrierLink.startup_id == startup.id)
            .order_by(Tenant.id)
        )
    )
    for tenant in tenants or [None]:
        audit.record("startup.passed_to_admin", startup, tenant=tenant, after=values, actor=user)
