"""The carrier's dashboard and the milestone list its numbers link to."""

from __future__ import annotations

from flask import g, jsonify, render_template, request
from sqlalchemy import exists, select
from sqlalchemy.orm import contains_eager

from core.applications.models import Application
from core.enrollments.models import Enrollment, EnrollmentStatus, Milestone, MilestoneStatus
from core.extensions import db
from core.plugins import incuchain
from core.registry.models import Startup
from core.reports import panels, trends
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today
from core.warnings import rules
from core.web.paging import page_number

bp = tenant_blueprint("reports", __name__)

PAGE_SIZE = 50


@bp.route("/dashboard")
@role_required(Role.MANAGER)
def dashboard():
    today = local_today()
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    page = panels.build(g.tenant, stages, today)
    # A carrier with no enrollment and no application yet is shown where to begin.
    empty = not db.session.scalar(
        select(
            exists().where(Enrollment.tenant_id == g.tenant.id)
            | exists().where(Application.tenant_id == g.tenant.id)
        )
    )
    return render_template(
        "reports/dashboard.html", page=page, today=today, empty=empty, stages=stages
    )


@bp.route("/dashboard/trends.json")
@role_required(Role.MANAGER)
def dashboard_trends():
    """The trend charts' figures for ``static/charts.js``; the page shows them as tables."""
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    charts = trends.build(g.tenant.id, stages, local_today())
    return jsonify(charts=[chart.as_json() for chart in charts])


@bp.route("/milestones")
@role_required(Role.MANAGER)
def milestones():
    """Milestones of the carrier's active startups, by status or overdue."""
    today = local_today()
    status = request.args.get("status", "")
    status = status if status in set(MilestoneStatus) else ""
    overdue = request.args.get("overdue") == "1"
    query = (
        select(Milestone)
        .join(Milestone.enrollment)
        .join(Enrollment.startup)
        .options(contains_eager(Milestone.enrollment).contains_eager(Enrollment.startup))
        .where(Enrollment.tenant_id == g.tenant.id, Enrollment.status == EnrollmentStatus.ACTIVE)
        .order_by(Milestone.due_on.is_(None), Milestone.due_on, Startup.name_zh, Milestone.id)
    )
    if status:
        query = query.where(Milestone.status == status)
    if overdue:
        query = query.where(rules.milestone_overdue(today))
    pagination = db.paginate(query, page=page_number(), per_page=PAGE_SIZE, error_out=False)
    args = {k: v for k, v in (("status", status), ("overdue", "1" if overdue else "")) if v}
    return render_template(
        "reports/milestones.html",
        pagination=pagination,
        statuses=panels.MILESTONE_STATUSES,
        status=status,
        overdue=overdue,
        args=args,
        today=today,
    )
