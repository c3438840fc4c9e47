"""Pages that belong to no carrier: home, public stage pages, language, health."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import contains_eager, joinedload

from core import unit_of_work
from core.applications import queries as applications
from core.applications.models import Application, ApplicationStatus
from core.auth import operations as accounts
from core.enrollments import queries
from core.enrollments.models import Enrollment, EnrollmentStatus
from core.extensions import db
from core.plugins import incuchain
from core.registry.models import Startup, startup_founders
from core.tenancy import queries as tenancy_queries
from core.tenancy.models import Membership, Role, Tenant
from core.timeutil import local_today
from core.web.i18n import supported_locales
from core.web.urls import safe_next

bp = Blueprint("home", __name__)


@dataclass(frozen=True)
class NextStep:
    """What a founder does next with one startup, and where."""

    startup: Startup
    #: ``milestones`` (enrolled: report on them), ``draft`` (finish the application),
    #: ``waiting`` (an application is under review) or ``apply``.
    kind: str
    url: str
    #: The enrollment or application the step is about, if any.
    subject: Enrollment | Application | None = None


def next_steps(startups, applications_, enrollments) -> list[NextStep]:
    """One step per startup, the most pressing first: milestones, a draft, a review, applying."""
    steps = []
    for startup in startups:
        active = [
            e
            for e in enrollments
            if e.startup_id == startup.id and e.status == EnrollmentStatus.ACTIVE
        ]
        mine = [a for a in applications_ if a.startup_id == startup.id]
        draft = next((a for a in mine if a.status == ApplicationStatus.DRAFT), None)
        pending = next((a for a in mine if a.status == ApplicationStatus.SUBMITTED), None)
        if active:
            url = url_for("enrollments.enrollment", enrollment_id=active[0].id)
            steps.append(NextStep(startup, "milestones", url, active[0]))
        elif draft is not None:
            url = url_for(
                "apply.apply", tenant_slug=draft.tenant.slug, stage=draft.stage, startup=startup.id
            )
            steps.append(NextStep(startup, "draft", url, draft))
        elif pending is not None:
            url = url_for("apply.application", application_id=pending.id)
            steps.append(NextStep(startup, "waiting", url, pending))
        else:
            url = url_for("registry.startup", startup_id=startup.id, _anchor="applications")
            steps.append(NextStep(startup, "apply", url))
    return steps


@bp.route("/")
def home():
    if not current_user.is_authenticated:
        return render_template("home/welcome.html")
    memberships = db.session.scalars(
        select(Membership)
        .join(Membership.tenant)
        .where(Membership.user_id == current_user.id)
        .options(contains_eager(Membership.tenant))
        .order_by(Tenant.name_zh, Membership.role)
    ).all()
    carriers: dict[Tenant, list[str]] = {}
    for membership in memberships:
        carriers.setdefault(membership.tenant, []).append(membership.role)
    enrollments = db.session.scalars(
        select(Enrollment)
        .join(startup_founders, startup_founders.c.startup_id == Enrollment.startup_id)
        .join(Enrollment.startup)
        .where(startup_founders.c.user_id == current_user.id)
        .options(contains_eager(Enrollment.startup), joinedload(Enrollment.tenant))
        .order_by(Startup.name_zh, Enrollment.admitted_on)
    ).all()
    staff = any(Role.REVIEWER in roles or Role.MANAGER in roles for roles in carriers.values())
    startups = db.session.scalars(
        select(Startup)
        .join(startup_founders, startup_founders.c.startup_id == Startup.id)
        .where(startup_founders.c.user_id == current_user.id)
        .order_by(Startup.name_zh)
    ).all()
    mine = db.session.scalars(
        select(Application)
        .join(startup_founders, startup_founders.c.startup_id == Application.startup_id)
        .where(startup_founders.c.user_id == current_user.id)
        .options(joinedload(Application.tenant), joinedload(Application.startup))
        .order_by(Application.created_at.desc())
    ).all()
    return render_template(
        "home/home.html",
        carriers=carriers,
        # Someone with no role anywhere is a founder to be: tell them where to start.
        founder=bool(startups) or not (carriers or current_user.is_platform_admin),
        steps=next_steps(startups, mine, enrollments),
        applications=mine,
        enrolled={(e.startup_id, e.tenant_id, e.stage): e.id for e in enrollments},
        awaiting=applications.awaiting_review(current_user.id) if staff else [],
        enrollments=enrollments,
        due=queries.due_for_founder(current_user.id) if enrollments else [],
        today=local_today(),
    )


@bp.route("/stages/<stage:stage>")
def stage(stage: str):
    spec = incuchain().stages.get(stage)
    next_stage = incuchain().stages.get(spec.next) if spec.next else None
    return render_template(
        "home/stage.html",
        stage=spec,
        next_stage=next_stage,
        carriers=tenancy_queries.carriers_running(stage),
        # From the startup page's Apply buttons: the Apply links carry the startup on.
        startup_id=request.args.get("startup", type=int),
    )


@bp.route("/language", methods=["POST"])
def set_language():
    locale = request.form.get("locale", "")
    if locale in supported_locales():
        session["locale"] = locale
        if current_user.is_authenticated:
            accounts.set_locale(current_user._get_current_object(), locale)
    return redirect(safe_next(request.form.get("next"), url_for("home.home")))


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        unit_of_work.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")
