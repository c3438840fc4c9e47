"""A carrier's own pages, under ``/t/<tenant-slug>/``."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from core.carriers import operations as services
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.invitations import operations as invitation_operations
from core.invitations.forms import RoleInvitationForm
from core.invitations.models import Invitation
from core.plugins import incuchain
from core.refusals import Refused
from core.tenancy import queries
from core.tenancy.access import has_role, role_required, tenant_blueprint
from core.tenancy.forms import TenantProfileForm
from core.tenancy.models import Membership, Role
from core.web.i18n import select_locale

bp = tenant_blueprint("carriers", __name__)

PAGE_SIZE = 50


def active_counts_by_stage(tenant_id: int) -> dict[str, int]:
    rows = db.session.execute(
        select(Enrollment.stage, func.count())
        .where(Enrollment.tenant_id == tenant_id, Enrollment.status == EnrollmentStatus.ACTIVE)
        .group_by(Enrollment.stage)
    )
    return dict(rows.all())


@bp.route("/")
def overview():
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    member_counts = {}
    if has_role(Role.MANAGER):
        member_counts = dict(
            db.session.execute(
                select(Membership.role, func.count())
                .where(Membership.tenant_id == g.tenant.id)
                .group_by(Membership.role)
            ).all()
        )
    return render_template(
        "carriers/overview.html",
        stages=stages,
        counts=active_counts_by_stage(g.tenant.id),
        member_counts=member_counts,
    )


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def profile():
    form = TenantProfileForm(obj=g.tenant)
    if form.validate_on_submit():
        values = {f: form[f].data.strip() for f in services.PROFILE_FIELDS}
        values |= {f: bool(form[f].data) for f in services.REVIEW_SETTINGS}
        services.update_tenant(g.tenant, values)
        flash(_("The carrier profile has been saved."), "success")
        return redirect(url_for(".profile"))
    return render_template("carriers/profile.html", form=form)


@bp.route("/members", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def members():
    """The carrier's people; a manager invites reviewers and managers by email."""
    form = RoleInvitationForm(Role.choices(services.INVITABLE_ROLES[::-1]))
    if form.validate_on_submit():
        try:
            services.invite_member(
                g.tenant,
                form.email.data,
                Role(form.role.data),
                actor=current_user._get_current_object(),
                locale=select_locale(),
            )
        except Refused as refused:
            form.email.errors.append(refused.message)
        else:
            flash(
                _("An invitation has been mailed to %(email)s.", email=form.email.data), "success"
            )
            return redirect(url_for(".members"))
    return render_template(
        "carriers/members.html",
        form=form,
        managers=queries.members(g.tenant, Role.MANAGER),
        reviewers=queries.members(g.tenant, Role.REVIEWER),
        invitations=invitation_operations.open_invitations(
            services.MEMBERSHIP, g.tenant.id, services.INVITABLE_ROLES
        ),
    )


@bp.route("/members/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@role_required(Role.MANAGER)
def withdraw_invitation(invitation_id: int):
    invitation = db.session.get(Invitation, invitation_id)
    if (
        invitation is None
        or invitation.kind != services.MEMBERSHIP
        or invitation.target_id != g.tenant.id
        or not invitation.open
    ):
        abort(404)
    invitation_operations.withdraw(
        invitation, actor=current_user._get_current_object(), tenant=g.tenant
    )
    flash(_("The invitation to %(email)s has been withdrawn.", email=invitation.email), "info")
    return redirect(url_for(".members"))


@bp.route("/members/<int:membership_id>/remove", methods=["POST"])
@role_required(Role.MANAGER)
def remove_member(membership_id: int):
    membership = queries.find_membership(g.tenant, membership_id, Role.REVIEWER)
    if membership is None:
        abort(404)
    services.remove_member(membership)
    flash(_("%(name)s is no longer a reviewer here.", name=membership.user.name), "info")
    return redirect(url_for(".members"))
