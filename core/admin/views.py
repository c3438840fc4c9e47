"""The platform admin's pages: carriers and their managers."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core.admin.forms import NewTenantForm, TenantSettingsForm
from core.auth.views import flash_account
from core.carriers import operations as services
from core.extensions import db
from core.tenancy import queries
from core.tenancy.forms import MemberForm
from core.tenancy.models import Membership, Role, Tenant

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
    return render_manager_page(tenant, form, MemberForm(formdata=None))


def render_manager_page(tenant, settings_form, member_form):
    return render_template(
        "admin/tenant.html",
        tenant=tenant,
        form=settings_form,
        member_form=member_form,
        managers=queries.members(tenant, Role.MANAGER),
    )


@bp.route("/tenants/<slug>/managers", methods=["POST"])
@platform_admin_required
def add_manager(slug: str):
    tenant = get_tenant(slug)
    member_form = MemberForm()
    if member_form.validate_on_submit():
        membership, password = services.add_member(
            tenant, member_form.email.data, member_form.name.data, Role.MANAGER
        )
        if membership is None:
            member_form.email.errors.append(_("This person is already a manager here."))
        else:
            flash_account(membership.user, password)
            return redirect(url_for(".tenant", slug=slug))
    return render_manager_page(tenant, TenantSettingsForm(obj=tenant, formdata=None), member_form)


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
