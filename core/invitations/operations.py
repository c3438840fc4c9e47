"""Inviting by email, withdrawing and accepting; each audited, the mail sent after the commit.

No account is created and no password made up: the invitation is accepted by
whoever is logged in with a verified account of the invited address, new or
old. It expires after ``INVITATION_DAYS``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from core import mail
from core.audit import service as audit
from core.auth import operations as accounts
from core.auth.models import User
from core.extensions import db
from core.invitations.kinds import kind_of
from core.invitations.models import Invitation, InvitationStatus
from core.refusals import NotPermitted, Refused
from core.tenancy.models import Tenant
from core.timeutil import utcnow


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == digest(token)))


def open_invitations(kind: str, target_id: int, roles=None) -> list[Invitation]:
    """The invitations not yet accepted or withdrawn, oldest first (expired ones included)."""
    query = select(Invitation).where(
        Invitation.kind == kind,
        Invitation.target_id == target_id,
        Invitation.accepted_at.is_(None),
        Invitation.withdrawn_at.is_(None),
    )
    if roles is not None:
        query = query.where(Invitation.role.in_([str(r) for r in roles]))
    return list(db.session.scalars(query.order_by(Invitation.created_at, Invitation.id)))


def invite(
    kind: str,
    target_id: int,
    email: str,
    *,
    actor: User | None,
    locale: str,
    role: str = "",
    tenant=None,
) -> Invitation:
    """Invite ``email``; mail them the link once committed.

    ``Refused`` when the person already has what it grants, or an invitation
    of theirs for it is still pending. The message is in the invitee's
    language when they have an account, otherwise in ``locale`` (the inviter's).
    """
    email = email.strip().lower()
    invitation = Invitation(
        kind=kind,
        target_id=target_id,
        role=str(role),
        tenant_id=tenant.id if tenant is not None else None,
        email=email,
        invited_by_id=actor.id if actor is not None else None,
    )
    spec = kind_of(invitation)
    invitee = accounts.find_user(email)
    if invitee is not None and spec.holds(invitation, invitee):
        raise Refused(_("%(email)s already has this access.", email=email))
    pending = [
        i
        for i in open_invitations(kind, target_id)
        if i.email == email and i.role == str(role) and i.status == InvitationStatus.PENDING
    ]
    if pending:
        raise Refused(_("An invitation to %(email)s is already pending.", email=email))
    token = secrets.token_urlsafe(32)
    invitation.token_hash = digest(token)
    invitation.expires_at = utcnow() + timedelta(days=days())
    db.session.add(invitation)
    audit.record(
        "invitation.sent",
        invitation,
        tenant=tenant,
        after={"email": email, "kind": kind, "role": str(role), "target": target_id},
        actor=actor,
    )
    recipient_locale = invitee.locale if invitee is not None else locale
    with force_locale(recipient_locale):
        offer = spec.describe(invitation)
    mail.send(
        "invitation",
        to=email,
        locale=recipient_locale,
        inviter=actor,
        offer=offer,
        url=mail.link("invitations.show", token=token),
        days=days(),
    )
    return invitation


def days() -> int:
    return int(current_app.config["INVITATION_DAYS"])


def withdraw(invitation: Invitation, *, actor: User | None, tenant=None) -> None:
    if not invitation.open:
        raise Refused(_("This invitation was already accepted or withdrawn."))
    invitation.withdrawn_at = utcnow()
    audit.record(
        "invitation.withdrawn",
        invitation,
        tenant=tenant,
        before={"email": invitation.email, "kind": invitation.kind, "role": invitation.role},
        actor=actor,
    )


def accept(invitation: Invitation, user: User) -> None:
    """``user`` takes up the invitation: only the verified owner of its address may."""
    status = invitation.status
    if status == InvitationStatus.ACCEPTED:
        raise Refused(_("This invitation has already been accepted."))
    if status == InvitationStatus.WITHDRAWN:
        raise Refused(_("This invitation has been withdrawn."))
    if status == InvitationStatus.EXPIRED:
        raise Refused(_("This invitation has expired. Ask for a new one."))
    if not user.email_verified:
        raise NotPermitted(_("Confirm your email address first."))
    if user.email.lower() != invitation.email:
        raise NotPermitted(_("This invitation was sent to another email address."))
    spec = kind_of(invitation)
    if not spec.holds(invitation, user):
        spec.grant(invitation, user)
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    tenant = None
    if invitation.tenant_id is not None:
        tenant = db.session.get(Tenant, invitation.tenant_id)
    audit.record(
        "invitation.accepted",
        invitation,
        tenant=tenant,
        after={"email": invitation.email, "kind": invitation.kind, "role": invitation.role},
        actor=user,
    )
