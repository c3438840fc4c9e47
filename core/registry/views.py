"""Startup profiles and the registry pages.

The same startup pages are served in two places:

- the founders' pages, ``/startups/<id>``, where founders (and the platform
  admin) edit;
- a carrier's pages, ``/t/<slug>/startups/<id>``, for the carrier's
  managers (who edit, and may accept a credit code that fails its check)
  and reviewers (who read). A startup not linked to the carrier is 404 there.

Figures, funding, IP, certifications and corporate events share one set of
views, parametrised by ``core.registry.sections``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.extensions import db
from core.invitations import operations as invitation_operations
from core.invitations.forms import InvitationForm
from core.invitations.models import Invitation
from core.refusals import Refused
from core.registry import operations as services
from core.registry.access import StartupAccess, reader
from core.registry.forms import ManagerProfileForm, ProfileForm
from core.registry.models import Startup
from core.registry.page import build as build_page
from core.registry.sections import SECTIONS_BY_KEY, Section
from core.tenancy.access import tenant_blueprint
from core.tenancy.models import Tenant
from core.web.i18n import select_locale
from core.web.urls import safe_next

bp = Blueprint("registry", __name__)
#: The carrier's pages: ``registry.carrier.*`` under ``/t/<tenant_slug>``.
carrier = tenant_blueprint("carrier", __name__)
bp.register_blueprint(carrier)


def serving_both(own: Blueprint, carriers: Blueprint):
    """A decorator serving a view on the founders' pages (``own``) and a carrier's alike."""

    def both(rule: str, **options):
        def decorator(view):
            own.add_url_rule(rule, view_func=login_required(view), **options)
            carriers.add_url_rule(rule, view_func=view, **options)
            return view

        return decorator

    return both


both = serving_both(bp, carrier)


@dataclass(frozen=True)
class Scope:
    """A startup as the current reader meets it, on the founders' or a carrier's pages."""

    startup: Startup
    access: StartupAccess
    #: The carrier whose pages these are, or ``None`` on the founders' pages.
    tenant: Tenant | None
    editable: bool

    @property
    def manager(self) -> bool:
        """A carrier's manager, who may accept a credit code that fails its check."""
        return self.tenant is not None and self.editable

    def url(self, endpoint: str, *, blueprint: str = "registry", **values) -> str:
        """A page of this startup where the reader is: on the carrier's pages or the founders'."""
        prefix = f"{blueprint}.carrier." if self.tenant is not None else f"{blueprint}."
        return url_for(prefix + endpoint, startup_id=self.startup.id, **values)


def load_scope(startup_id: int, *, edit: bool = False) -> Scope:
    """The startup for this page, or 404 when the reader may not see it here."""
    tenant = g.get("tenant")
    startup, access, editable = reader(
        current_user, startup_id, tenant, g.get("roles", frozenset()), edit=edit
    )
    return Scope(startup, access, tenant, editable)


def section_or_404(key: str) -> Section:
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        abort(404)
    return section


@bp.route("/startups/new", methods=["GET", "POST"])
@login_required
def new():
    form = ProfileForm()
    if form.validate_on_submit():
        startup = services.save_profile(form, None, None, current_user._get_current_object())
        if startup is not None:
            flash(_("The startup profile has been created."), "success")
            default = url_for(".startup", startup_id=startup.id)
            return redirect(safe_next(request.args.get("next"), default))
    return render_template("registry/form.html", form=form, scope=None, title=_("New startup"))


@both("/startups/<int:startup_id>")
def startup(startup_id: int):
    scope = load_scope(startup_id)
    return render_template(
        "registry/startup.html",
        scope=scope,
        page=build_page(scope.startup, scope.access, carrier_manager=scope.manager),
    )


@both("/startups/<int:startup_id>/edit", methods=["GET", "POST"])
def edit(startup_id: int):
    scope = load_scope(startup_id, edit=True)
    form_class = ManagerProfileForm if scope.manager else ProfileForm
    form = form_class(obj=scope.startup)
    if scope.startup.credit_code_override:
        form.accepted_exception = scope.startup.credit_code
    if form.validate_on_submit() and services.save_profile(
        form, scope.startup, scope.tenant, current_user._get_current_object()
    ):
        flash(_("The profile has been saved."), "success")
        return redirect(scope.url("startup"))
    return render_template("registry/form.html", form=form, scope=scope, title=_("Profile"))


def save_row(scope: Scope, section: Section, form, row=None) -> bool:
    """Validate and store one row of a section; ``False`` with field errors otherwise."""
    if not form.validate_on_submit():
        return False
    if services.save_row(section, scope.startup, form, row, tenant=scope.tenant) is None:
        return False
    flash(_("Saved."), "success")
    return True


def render_row_form(scope: Scope, section: Section, form, row=None):
    return render_template(
        "registry/form.html",
        form=form,
        scope=scope,
        section=section,
        row=row,
        title=section.title if row else section.add_label,
    )


@both("/startups/<int:startup_id>/<section>/new", methods=["GET", "POST"])
def add_row(startup_id: int, section: str):
    scope = load_scope(startup_id, edit=True)
    sec = section_or_404(section)
    form = sec.form()
    if save_row(scope, sec, form):
        return redirect(scope.url("startup", _anchor=sec.key))
    return render_row_form(scope, sec, form)


def load_row(scope: Scope, section: Section, row_id: int):
    row = section.find(scope.startup.id, row_id)
    if row is None:
        abort(404)
    return row


@both("/startups/<int:startup_id>/<section>/<int:row_id>", methods=["GET", "POST"])
def edit_row(startup_id: int, section: str, row_id: int):
    scope = load_scope(startup_id, edit=True)
    sec = section_or_404(section)
    row = load_row(scope, sec, row_id)
    form = sec.form(obj=row)
    if save_row(scope, sec, form, row):
        return redirect(scope.url("startup", _anchor=sec.key))
    return render_row_form(scope, sec, form, row)


@both("/startups/<int:startup_id>/<section>/<int:row_id>/delete", methods=["POST"])
def delete_row(startup_id: int, section: str, row_id: int):
    scope = load_scope(startup_id, edit=True)
    sec = section_or_404(section)
    services.delete_row(sec, load_row(scope, sec, row_id), tenant=scope.tenant)
    flash(_("Deleted."), "info")
    return redirect(scope.url("startup", _anchor=sec.key))


@both("/startups/<int:startup_id>/founders", methods=["GET", "POST"])
def founders(startup_id: int):
    """The founders of a startup; its founders (and the admin) invite and remove them.

    Whoever may see the startup sees the list; on a carrier's pages it is
    read-only, and a post there is 403: who owns a startup is its founders'
    decision (and the platform admin's), never a carrier's.
    """
    scope = load_scope(startup_id)
    user = current_user._get_current_object()
    may_change = scope.tenant is None and services.may_change_founders(user, scope.startup)
    first = services.may_invite_first_founder(user, scope.startup, scope.tenant)
    if request.method == "POST" and not (may_change or first):
        abort(403)
    form = InvitationForm() if may_change or first else None
    if form is not None and form.validate_on_submit():
        try:
            services.invite_founder(
                scope.startup,
                form.email.data,
                actor=user,
                locale=select_locale(),
                tenant=scope.tenant,
            )
        except Refused as refused:
            form.email.errors.append(refused.message)
        else:
            flash(
                _("An invitation has been mailed to %(email)s.", email=form.email.data), "success"
            )
            return redirect(scope.url("founders"))
    invitations = (
        invitation_operations.open_invitations(services.FOUNDER, scope.startup.id)
        if form is not None
        else []
    )
    return render_template(
        "registry/founders.html",
        scope=scope,
        form=form,
        invitations=invitations,
        may_change=may_change,
        first=first,
    )


@both(
    "/startups/<int:startup_id>/founders/invitations/<int:invitation_id>/withdraw",
    methods=["POST"],
)
def withdraw_founder_invitation(startup_id: int, invitation_id: int):
    scope = load_scope(startup_id)
    user = current_user._get_current_object()
    invitation = db.session.get(Invitation, invitation_id)
    if not (
        (scope.tenant is None and services.may_change_founders(user, scope.startup))
        or services.may_invite_first_founder(user, scope.startup, scope.tenant)
    ):
        abort(403)
    if (
        invitation is None
        or invitation.kind != services.FOUNDER
        or invitation.target_id != scope.startup.id
        or not invitation.open
    ):
        abort(404)
    invitation_operations.withdraw(invitation, actor=user, tenant=scope.tenant)
    flash(_("The invitation to %(email)s has been withdrawn.", email=invitation.email), "info")
    return redirect(scope.url("founders"))


@both("/startups/<int:startup_id>/founders/<int:user_id>/remove", methods=["POST"])
def remove_founder(startup_id: int, user_id: int):
    """Only on the founders' pages; on a carrier's pages, and for anyone but the
    founders and the admin (``NotPermitted``), 403."""
    scope = load_scope(startup_id)
    user = current_user._get_current_object()
    if scope.tenant is not None:
        abort(403)
    founder = next((u for u in scope.startup.founders if u.id == user_id), None)
    if founder is None:
        abort(404)
    try:
        services.remove_founder(scope.startup, founder, actor=user)
    except Refused as refused:
        flash(refused.message, "warning")
    else:
        flash(_("%(name)s is no longer a founder of this startup.", name=founder.name), "info")
    return redirect(scope.url("founders"))
