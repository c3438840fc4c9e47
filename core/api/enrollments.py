"""Enrollments, their milestones, graduation and the certificate.

Who may do what is ``core.enrollments.access.Access``, as on the
enrollment page: founders update milestones, managers verify them and
graduate, reviewers read; founders and managers fetch the certificate;
anyone else gets 404.
"""

from __future__ import annotations

from types import SimpleNamespace

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.api import forms
from core.api.common import PREFIX, api_blueprint, body, carrier, paged
from core.api.errors import fail, invalid
from core.api.schemas import (
    CHOOSE,
    CertificateSchema,
    EnrollmentListArgs,
    EnrollmentSchema,
    GraduatedSchema,
    GraduationSchema,
    MilestoneSchema,
    page_of,
)
from core.certificates import operations as certificates
from core.certificates.views import pdf_response
from core.enrollments import access as rights_of
from core.enrollments import operations, queries
from core.enrollments.forms import FOUNDER_STATUSES, MilestoneUpdateForm, MilestoneVerifyForm
from core.enrollments.models import Enrollment, MilestoneStatus
from core.graduation import checks as graduation
from core.graduation import operations as services
from core.graduation import records
from core.graduation.forms import GraduateForm
from core.registry.models import startup_founders
from core.tenancy.models import Role
from core.timeutil import local_today

bp = api_blueprint("api_enrollments", "/enrollments", "Enrollments, milestones, graduation.")
EnrollmentPage = page_of(EnrollmentSchema, "EnrollmentPageSchema")


class MilestoneInput(MilestoneUpdateForm):
    """The page's update form without its files: evidence is uploaded on the page."""

    files = None


def blueprints():
    return (bp,)


def register_inputs(spec) -> None:
    spec.components.schema("MilestonePatch", forms.input_schema(MilestoneInput, partial=True))
    spec.components.schema("MilestoneVerifyInput", forms.input_schema(MilestoneVerifyForm))
    spec.components.schema("GraduateInput", forms.input_schema(GraduateForm))


def access(enrollment_id: int) -> rights_of.Access:
    found = rights_of.load_access(enrollment_id, current_user)
    if found is None or not found.can_view:
        fail(404)
    return found


def milestone_of(enrollment_id: int, milestone_id: int, *, lock: bool = False):
    """The milestone, only under its own enrollment, and the caller's access; ``lock``
    to change it (see ``core.enrollments.queries.find_milestone``)."""
    rights = access(enrollment_id)
    milestone = queries.find_milestone(milestone_id, lock=lock)
    if milestone is None or milestone.enrollment_id != enrollment_id:
        fail(404)
    return milestone, rights


@bp.route("")
@bp.arguments(EnrollmentListArgs, location="query")
@bp.response(200, EnrollmentPage)
def list_enrollments(args):
    """The enrollments of the caller's startups; with ``tenant`` (managers), all the carrier's."""
    query = select(Enrollment).options(
        joinedload(Enrollment.startup), joinedload(Enrollment.tenant)
    )
    if args.get("tenant"):
        tenant = carrier(args["tenant"], current_user, Role.MANAGER)
        query = query.where(Enrollment.tenant_id == tenant.id)
        if args.get("stage") and args["stage"] not in tenant.enabled_stages:
            invalid({"stage": [CHOOSE]})
    else:
        query = query.join(
            startup_founders, startup_founders.c.startup_id == Enrollment.startup_id
        ).where(startup_founders.c.user_id == current_user.id)
    if args.get("stage"):
        query = query.where(Enrollment.stage == args["stage"])
    if args.get("status"):
        query = query.where(Enrollment.status == args["status"])
    return paged(query.order_by(Enrollment.admitted_on.desc(), Enrollment.id.desc()), args)


@bp.route("/<int:enrollment_id>")
@bp.response(200, EnrollmentSchema)
def get_enrollment(enrollment_id: int):
    return access(enrollment_id).enrollment


@bp.route("/<int:enrollment_id>/milestones")
@bp.response(200, MilestoneSchema(many=True))
def list_milestones(enrollment_id: int):
    """The enrollment's milestones in page order (a stage defines a handful)."""
    return queries.for_enrollment(access(enrollment_id).enrollment.id).milestones


@bp.route("/<int:enrollment_id>/milestones/<int:milestone_id>")
@bp.response(200, MilestoneSchema)
def get_milestone(enrollment_id: int, milestone_id: int):
    return milestone_of(enrollment_id, milestone_id)[0]


@bp.route("/<int:enrollment_id>/milestones/<int:milestone_id>", methods=["PATCH"])
@bp.doc(**body("MilestonePatch"))
@bp.response(200, MilestoneSchema)
def update_milestone(enrollment_id: int, milestone_id: int):
    """A founder's update: ``status`` (open, in_progress, submitted), ``progress``, ``notes``."""
    milestone, rights = milestone_of(enrollment_id, milestone_id, lock=True)
    operations.may_update(rights, milestone)
    status = milestone.status
    current = SimpleNamespace(
        status=status if status in FOUNDER_STATUSES else MilestoneStatus.IN_PROGRESS,
        progress=milestone.progress,
        notes=milestone.notes,
    )
    form = forms.bind(MilestoneInput, forms.json_body(), obj=current)
    me = current_user._get_current_object()
    operations.update(
        rights,
        milestone,
        me,
        status=form.status.data,
        progress=form.progress.data,
        notes=form.notes.data,
    )
    return milestone


@bp.route("/<int:enrollment_id>/milestones/<int:milestone_id>/verify", methods=["POST"])
@bp.doc(**body("MilestoneVerifyInput", required=False))
@bp.response(200, MilestoneSchema)
def verify_milestone(enrollment_id: int, milestone_id: int):
    """A manager confirms the milestone is met, with an optional ``comment``."""
    milestone, rights = milestone_of(enrollment_id, milestone_id, lock=True)
    operations.may_verify(rights, milestone)
    form = forms.bind(MilestoneVerifyForm, forms.json_body(optional=True))
    operations.verify(
        rights, milestone, current_user._get_current_object(), form.comment.data or ""
    )
    return milestone


@bp.route("/<int:enrollment_id>/graduation")
@bp.response(200, GraduationSchema)
def graduation_check(enrollment_id: int):
    """The stage's graduation rules judged today, each explained; nothing is stored.

    For the startup's founders and the carrier's managers, as on the page.
    """
    rights = access(enrollment_id)
    if not (rights.is_manager or rights.is_founder):
        fail(403)
    today = local_today()
    verdict = graduation.evaluate_enrollments([rights.enrollment], today)[enrollment_id]
    return {
        "enrollment_id": enrollment_id,
        "as_of": today,
        "eligible": graduation.eligible(verdict),
        "checklist": graduation.checklist(verdict),
    }


def certificate_data(enrollment_id: int, record: records.GraduationRecord) -> dict:
    certificate = record.certificate
    return {
        **{
            c: getattr(certificate, c)
            for c in CertificateSchema().fields
            if hasattr(certificate, c)
        },
        "verify_url": certificates.verify_url(certificate.code),
        "pdf_url": f"{PREFIX}/enrollments/{enrollment_id}/certificate.pdf",
    }


@bp.route("/<int:enrollment_id>/graduation", methods=["POST"])
@bp.doc(**body("GraduateInput", required=False))
@bp.response(201, GraduatedSchema)
def graduate(enrollment_id: int):
    """A manager graduates the startup and the certificate is issued.

    An ineligible startup needs an ``override_reason`` (422 without one); an
    enrollment already graduated or ended is 409.
    """
    rights = access(enrollment_id)
    if not rights.is_manager:
        fail(403)
    form = forms.bind(GraduateForm, forms.json_body(optional=True))
    me = current_user._get_current_object()
    try:
        services.graduate(enrollment_id, me, local_today(), form.override_reason.data or "")
    except services.GraduationRefused as refused:
        if refused.reason == "ineligible":
            invalid({"override_reason": [GraduateForm.INELIGIBLE]})
        fail(409, GraduateForm.ENDED)
    record = records.for_enrollment(enrollment_id)
    graduation_row = record.graduation
    return {
        "enrollment_id": enrollment_id,
        "graduated_on": graduation_row.graduated_on,
        "eligible": graduation_row.eligible,
        "override_reason": graduation_row.override_reason,
        "results": graduation_row.results,
        "certificate": certificate_data(enrollment_id, record),
    }


def certificate_record(enrollment_id: int) -> records.GraduationRecord:
    """The certificate of a graduated enrollment, for its founders and the carrier's managers."""
    rights = access(enrollment_id)
    if not (rights.is_manager or rights.is_founder):
        fail(403)
    record = records.for_enrollment(enrollment_id)
    if record is None:
        fail(404)
    return record


@bp.route("/<int:enrollment_id>/certificate")
@bp.response(200, CertificateSchema)
def certificate(enrollment_id: int):
    """The certificate's serial, verification address, hash and status."""
    return certificate_data(enrollment_id, certificate_record(enrollment_id))


@bp.route("/<int:enrollment_id>/certificate.pdf")
@bp.response(
    200,
    content_type="application/pdf",
    description="The PDF exactly as issued: its SHA-256 is the certificate's `sha256`.",
)
def certificate_pdf(enrollment_id: int):
    """The certificate's PDF, the stored bytes."""
    record = certificate_record(enrollment_id)
    return pdf_response(record.certificate)
