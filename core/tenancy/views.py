"""A carrier's own pages, under ``/t/<tenant-slug>/``."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from core.assessments.service import assess_startups
from core.audit import report as audit_report
from core.exports import tabular
from core.extensions import db
from core.graduation.forms import BatchGraduateForm
from core.plugins import incuchain
from core.registry.models import Enrollment, EnrollmentStatus, Startup, startup_founders
from core.rules import graduation
from core.tenancy import services
from core.tenancy.access import has_role, role_required, tenant_blueprint
from core.tenancy.forms import MemberForm, TenantProfileForm
from core.tenancy.models import Membership, Role
from core.timeutil import local_today
from core.web.paging import page_number

bp = tenant_blueprint("tenant", __name__)

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
        "tenancy/overview.html",
        stages=stages,
        counts=active_counts_by_stage(g.tenant.id),
        member_counts=member_counts,
    )


@bp.route("/stages/<stage>")
def stage(stage: str):
    spec = stage_spec_or_404(stage)
    enrollments = db.paginate(
        stage_query(stage), page=page_number(), per_page=PAGE_SIZE, error_out=False
    )
    next_stage = incuchain().stages.get(spec.next) if spec.next else None
    return render_template(
        "tenancy/stage.html",
        stage=spec,
        next_stage=next_stage,
        enrollments=enrollments,
        eligible=graduation_badges(enrollments.items),
        batch_form=BatchGraduateForm() if has_role(Role.MANAGER) else None,
        ladders=assess_startups([e.startup for e in enrollments.items], local_today()),
    )


def stage_spec_or_404(stage: str):
    """The stage, when this carrier runs it."""
    spec = incuchain().stages.get(stage)
    if spec is None or stage not in g.tenant.enabled_stages:
        abort(404)
    return spec


def stage_query(stage: str):
    """The carrier's enrollments in ``stage`` as the current reader may see them."""
    query = (
        select(Enrollment)
        .join(Enrollment.startup)
        .where(Enrollment.tenant_id == g.tenant.id, Enrollment.stage == stage)
        .options(contains_eager(Enrollment.startup))
        .order_by(Enrollment.admitted_on.desc(), Startup.name_zh, Enrollment.id)
    )
    if not has_role(Role.MANAGER, Role.REVIEWER):
        # Founders see only their own startups, never the carrier's roster.
        query = query.join(
            startup_founders, startup_founders.c.startup_id == Enrollment.startup_id
        ).where(startup_founders.c.user_id == current_user.id)
    return query


def graduation_badges(enrollments) -> dict[int, bool] | None:
    """Staff only: whether each active enrollment meets its graduation rules, by id.

    The rows are evaluated together: a constant number of queries.
    """
    if not has_role(Role.MANAGER, Role.REVIEWER):
        return None
    active = [e for e in enrollments if e.status == EnrollmentStatus.ACTIVE]
    verdicts = graduation.evaluate_enrollments(active, local_today())
    return {key: graduation.eligible(verdict) for key, verdict in verdicts.items()}


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def profile():
    form = TenantProfileForm(obj=g.tenant)
    if form.validate_on_submit():
        values = {f: form[f].data.strip() for f in services.PROFILE_FIELDS}
        services.update_tenant(g.tenant, values)
        db.session.commit()
        flash(_("The carrier profile has been saved."), "success")
        return redirect(url_for(".profile"))
    return render_template("tenancy/profile.html", form=form)


@bp.route("/members", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def members():
    form = MemberForm()
    if form.validate_on_submit():
        membership, password = services.add_member(
            g.tenant, form.email.data, form.name.data, Role.REVIEWER
        )
        if membership is None:
            form.email.errors.append(_("This person is already a reviewer here."))
        else:
            db.session.commit()
            flash_account(membership.user, password)
            return redirect(url_for(".members"))
    return render_template(
        "tenancy/members.html",
        form=form,
        managers=services.members(g.tenant, Role.MANAGER),
        reviewers=services.members(g.tenant, Role.REVIEWER),
    )


@bp.route("/members/<int:membership_id>/remove", methods=["POST"])
@role_required(Role.MANAGER)
def remove_member(membership_id: int):
    membership = services.find_membership(g.tenant, membership_id, Role.REVIEWER)
    if membership is None:
        abort(404)
    services.remove_member(membership)
    db.session.commit()
    flash(_("%(name)s is no longer a reviewer here.", name=membership.user.name), "info")
    return redirect(url_for(".members"))


@bp.route("/audit")
@role_required(Role.MANAGER)
def audit_log():
    events = db.paginate(
        audit_report.events_of(g.tenant.id), page=page_number(), per_page=PAGE_SIZE, error_out=False
    )
    rows = [audit_report.row(event) for event in events.items]
    return render_template("tenancy/audit.html", events=events, rows=rows)


@bp.route("/audit.<fmt>")
@role_required(Role.MANAGER)
def audit_export(fmt: str):
    """The carrier's whole audit log as a CSV or Excel file."""
    if fmt not in tabular.FORMATS:
        abort(404)
    rows = (audit_report.row(e) for e in db.session.scalars(audit_report.events_of(g.tenant.id)))
    name = f"audit-{g.tenant.slug}-{local_today().isoformat()}"
    return tabular.download([audit_report.table(rows)], fmt, name)


def flash_account(user, password: str | None) -> None:
    """Confirm that someone was added; show a new account's temporary password once."""
    if password:
        flash(
            _(
                "Account created for %(email)s. Temporary password: %(password)s — "
                "pass it on privately; it must be changed at first log-in.",
                email=user.email,
                password=password,
            ),
            "warning",
        )
    else:
        flash(_("%(name)s has been added.", name=user.name), "success")
