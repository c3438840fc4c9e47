"""A carrier's lists of startups, and a founder's own: pages and downloads.

The startup list (search, filters, sort) is for the carrier's managers and
reviewers; a stage's list is for every member, founders seeing only their own
startups. Downloads answer to the same readers as their pages and hold every
row matching the page's filters.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.assessments.service import assess_startups
from core.extensions import db
from core.graduation.forms import BatchGraduateForm
from core.jobs import operations as jobs
from core.plugins import incuchain
from core.portfolio import downloads, listing
from core.registry.access import founded_by
from core.registry.models import Startup
from core.tabular import FORMATS
from core.tenancy.access import has_role, role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today
from core.web.paging import page_number

bp = Blueprint("portfolio", __name__)
carrier = tenant_blueprint("carrier", __name__)
bp.register_blueprint(carrier)

PAGE_SIZE = 50


@bp.route("/startups/")
@login_required
def mine():
    startups = db.session.scalars(founded_by(current_user.id).order_by(Startup.name_zh)).all()
    ladders = assess_startups(startups, local_today())
    return render_template("portfolio/mine.html", startups=startups, ladders=ladders)


@carrier.route("/startups")
@role_required(Role.MANAGER)
def startups():
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    filters = listing.Filters.from_args(request.args, [s.key for s in stages])
    pagination, rows = listing.page(g.tenant.id, filters, page_number())
    return render_template(
        "portfolio/startups.html",
        pagination=pagination,
        rows=rows,
        ladders=assess_startups([row.startup for row in rows], local_today()),
        filters=filters,
        menus=listing.filter_menus(stages),
        statuses=listing.STATUSES,
    )


@carrier.route("/stages/<stage:stage>")
def stage(stage: str):
    spec = stage_spec(stage)
    enrollments = db.paginate(
        listing.stage_query(stage), page=page_number(), per_page=PAGE_SIZE, error_out=False
    )
    next_stage = incuchain().stages.get(spec.next) if spec.next else None
    return render_template(
        "portfolio/stage.html",
        stage=spec,
        next_stage=next_stage,
        enrollments=enrollments,
        eligible=listing.graduation_badges(enrollments.items),
        batch_form=BatchGraduateForm() if has_role(Role.MANAGER) else None,
        ladders=assess_startups([e.startup for e in enrollments.items], local_today()),
    )


def stage_spec(stage: str):
    """The stage of the URL (``<stage:stage>``, which the carrier runs: ``load_tenant``)."""
    return incuchain().stages.get(stage)


def format_or_404(fmt: str) -> str:
    """``csv`` or ``xlsx``; anything else is 404."""
    if fmt not in FORMATS:
        abort(404)
    return fmt


def _download(kind: str, **params):
    """Ask for the download ``kind`` on the queue; its page shows it arriving."""
    job = jobs.start(kind, owner=current_user, tenant=g.tenant, params=params)
    return redirect(url_for("jobs.page", job_id=job.id))


@carrier.route("/startups/export.<fmt>", methods=["POST"])
@role_required(Role.MANAGER)
def export_startups(fmt: str):
    fmt = format_or_404(fmt)
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    filters = listing.Filters.from_args(request.args, [s.key for s in stages])
    return _download(downloads.STARTUPS, fmt=fmt, filters=filters.args())


@carrier.route("/stages/<stage:stage>/export.<fmt>", methods=["POST"])
def export_stage(stage: str, fmt: str):
    return _download(downloads.STAGE, fmt=format_or_404(fmt), stage=stage)
