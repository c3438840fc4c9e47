"""The platform admin's pages: carriers and their managers."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core.admin import operations as admin_operations
from core.admin.forms import AccountActionForm, NewTenantForm, TenantSettingsForm
from core.auth.models import User
from core.carriers import operations as services
from core.extensions import db
from core.invitations import operations as invitation_operations
from core.invitations.forms import InvitationForm
from core.invitations.models import Invitation
from core.refusals import Refused
from core.tenancy import queries
from core.tenancy.models import Membership, Role, Tenant
from core.web.i18n import select_locale
from core.web.paging import page_number

bp = Blueprint("admin", __name__, url_prefix="/admin")


def platform_admin_required(view):
    """Only the platform admin; to everyone else the pages do not exist."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_platform_admin:
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def get_tenant(slug: str) -> Tenant:
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        abort(404)
    return tenant


def settings_values(form: TenantSettingsForm) -> dict:
    return {f: form[f].data for f in services.ADMIN_FIELDS}


def check_unique(form, tenant: Tenant | None = None) -> bool:
    """Add field errors for a slug or serial prefix another carrier already uses."""
    others = select(Tenant.id).where(Tenant.id != (tenant.id if tenant else -1))
    ok = True
    if db.session.scalar(others.where(Tenant.serial_prefix == form.serial_prefix.data)):
        form.serial_prefix.errors.append(_("Another carrier already uses this prefix."))
        ok = False
    if "slug" in form and db.session.scalar(others.where(Tenant.slug == form.slug.data)):
        form.slug.errors.append(_("Another carrier already uses this address name."))
        ok = False
    return ok


@bp.route("/")
@platform_admin_required
def tenants():
    rows = db.session.scalars(select(Tenant).order_by(Tenant.name_zh)).all()
    manager_counts = dict(
        db.session.execute(
            select(Membership.tenant_id, func.count())
            .where(Membership.role == Role.MANAGER)
            .group_by(Membership.tenant_id)
        ).all()
    )
    return render_template("admin/tenants.html", tenants=rows, manager_counts=manager_counts)


@bp.route("/tenants/new", methods=["GET", "POST"])
@platform_admin_required
def new_tenant():
    form = NewTenantForm()
    if form.validate_on_submit() and check_unique(form):
        tenant = services.create_tenant(form.slug.data, settings_values(form))
        flash(_("The carrier %(name)s has been created.", name=tenant.name_zh), "success")
        return redirect(url_for(".tenant", slug=tenant.slug))
    return render_template("admin/tenant_new.html", form=form)


@bp.route("/tenants/<slug>", methods=["GET", "POST"])
@platform_admin_required
def tenant(slug: str):
    tenant = get_tenant(slug)
    form = TenantSettingsForm(obj=tenant)
    if form.validate_on_submit() and check_unique(form, tenant):
        services.update_tenant(tenant, settings_values(form))
        flash(_("The carrier has been saved."), "success")
        return redirect(url_for(".tenant", slug=slug))
    return render_manager_page(tenant, form, InvitationForm(formdata=None))


def render_manager_page(tenant, settings_form, invitation_form):
    return render_template(
        "admin/tenant.html",
        tenant=tenant,
        form=settings_form,
        member_form=invitation_form,
        managers=queries.members(tenant, Role.MANAGER),
        invitations=invitation_operations.open_invitations(
            services.MEMBERSHIP, tenant.id, [Role.MANAGER]
        ),
    )


@bp.route("/tenants/<slug>/managers", methods=["POST"])
@platform_admin_required
def add_manager(slug: str):
    """Invite a manager of the carrier by email."""
    tenant = get_tenant(slug)
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            services.invite_member(
                tenant,
                form.email.data,
                Role.MANAGER,
                actor=current_user._get_current_object(),
                locale=select_locale(),
            )
        except Refused as refused:
            form.email.errors.append(refused.message)
        else:
            flash(
                _("An invitation has been mailed to %(email)s.", email=form.email.data), "success"
            )
            return redirect(url_for(".tenant", slug=slug))
    return render_manager_page(tenant, TenantSettingsForm(obj=tenant, formdata=None), form)


@bp.route("/tenants/<slug>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@platform_admin_required
def withdraw_invitation(slug: str, invitation_id: int):
    tenant = get_tenant(slug)
    invitation = db.session.get(Invitation, invitation_id)
    if (
        invitation is None
        or invitation.kind != services.MEMBERSHIP
        or invitation.target_id != tenant.id
        or invitation.role != Role.MANAGER
        or not invitation.open
    ):
        abort(404)
    invitation_operations.withdraw(
        invitation, actor=current_user._get_current_object(), tenant=tenant
    )
    flash(_("The invitation to %(email)s has been withdrawn.", email=invitation.email), "info")
    return redirect(url_for(".tenant", slug=slug))


@bp.route("/tenants/<slug>/managers/<int:membership_id>/remove", methods=["POST"])
@platform_admin_required
def remove_manager(slug: str, membership_id: int):
    tenant = get_tenant(slug)
    membership = queries.find_membership(tenant, membership_id, Role.MANAGER)
    if membership is None:
        abort(404)
    services.remove_member(membership)
    flash(_("%(name)s is no longer a manager here.", name=membership.user.name), "info")
    return redirect(url_for(".tenant", slug=slug))


#: Accounts listed at once on the accounts page; a search narrows them.
ACCOUNTS_PER_PAGE = 100


@bp.route("/users")
@platform_admin_required
def users():
    """Every account, newest first, or those whose email or name contains the search."""
    query = (request.args.get("q") or "").strip()[:254]
    statement = select(User).order_by(User.created_at.desc(), User.id.desc())
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(
            func.lower(User.email).like(pattern) | func.lower(User.name).like(pattern)
        )
    page = db.paginate(statement, page=page_number(), per_page=ACCOUNTS_PER_PAGE, error_out=False)
    return render_template("admin/users.html", page=page, query=query, form=AccountActionForm())


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@platform_admin_required
def deactivate_user(user_id: int):
    user = get_user(user_id)
    if not AccountActionForm().validate_on_submit():
        abort(400)
    try:
        admin_operations.deactivate(user, current_user._get_current_object())
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        flash(
            _(
                "%(email)s is deactivated: logged out everywhere, API tokens revoked.",
                email=user.email,
            ),
            "success",
        )
    return redirect(url_for(".users", q=request.args.get("q")))


@bp.route("/users/<int:user_id>/sessions/end", methods=["POST"])
@platform_admin_required
def end_user_sessions(user_id: int):
    user = get_user(user_id)
    if not AccountActionForm().validate_on_submit():
        abort(400)
    admin_operations.end_sessions(user, current_user._get_current_object())
    flash(_("%(email)s is logged out everywhere.", email=user.email), "success")
    return redirect(url_for(".users", q=request.args.get("q")))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@platform_admin_required
def reactivate_user(user_id: int):
    user = get_user(user_id)
    if not AccountActionForm().validate_on_submit():
        abort(400)
    admin_operations.reactivate(user, current_user._get_current_object())
    flash(_("%(email)s can log in again.", email=user.email), "success")
    return redirect(url_for(".users", q=request.args.get("q")))
