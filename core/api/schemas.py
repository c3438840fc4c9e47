"""What the API answers, as marshmallow schemas (and so in the OpenAPI document)."""

from __future__ import annotations

from datetime import UTC

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields
from marshmallow.validate import Length, OneOf, Range
from wtforms import DateField, DecimalField, IntegerField

from core.applications.models import ApplicationStatus
from core.enrollments.models import EnrollmentStatus
from core.plugin_api import TECH_FIELD
from core.plugins import incuchain
from core.portfolio.listing import SORTS, STATUSES
from core.web.paging import MAX_PAGE

MAX_PER_PAGE = 100


class UtcDateTime(fields.DateTime):
    """A stored moment in ISO 8601 with its offset (SQLite hands back naive UTC)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


CHOOSE = _l("Choose one of the options.")


def _choice(values):
    return OneOf(sorted(str(v) for v in values), error=CHOOSE)


def _term(vocabulary: str):
    """A key of an open vocabulary, as registered by the app's plugins when the call comes."""

    def validate(value):
        if incuchain().vocabulary.get(vocabulary, value) is None:
            raise ValidationError(str(CHOOSE))

    return validate


class PageArgs(ma.Schema):
    page = fields.Integer(
        load_default=1,
        validate=Range(1, MAX_PAGE, error=_l("Enter a whole number from {min} to {max}.")),
        error_messages={"invalid": _l("Enter a whole number.")},
    )
    per_page = fields.Integer(
        load_default=50,
        validate=Range(1, MAX_PER_PAGE, error=_l("Enter a whole number from {min} to {max}.")),
        error_messages={"invalid": _l("Enter a whole number.")},
    )


class TenantArgs(ma.Schema):
    tenant = fields.String(
        metadata={"description": "A carrier's slug: act as its manager or reviewer."}
    )


class StartupListArgs(PageArgs, TenantArgs):
    q = fields.String(metadata={"description": "Part of a name or credit code."})
    stage = fields.String(metadata={"description": "A stage key the carrier runs."})
    status = fields.String(validate=_choice(STATUSES))
    field = fields.String(validate=_term(TECH_FIELD))
    sort = fields.String(validate=_choice(SORTS), load_default="name")


class ApplicationListArgs(PageArgs, TenantArgs):
    status = fields.String(validate=_choice(ApplicationStatus))


class EnrollmentListArgs(PageArgs, TenantArgs):
    stage = fields.String()
    status = fields.String(validate=_choice(EnrollmentStatus))


class PageSchema(ma.Schema):
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)
    pages = fields.Integer(required=True)


def page_of(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    return type(name, (PageSchema,), {"items": fields.List(fields.Nested(item_schema))})


class StageSchema(ma.Schema):
    key = fields.String()
    order = fields.Integer()
    name_zh = fields.String()
    name_en = fields.String()
    next = fields.String(allow_none=True)
    default_time_limit_months = fields.Integer(allow_none=True)


class TenantSchema(ma.Schema):
    slug = fields.String()
    name_zh = fields.String()
    name_en = fields.String()
    enabled_stages = fields.List(fields.String())
    roles = fields.List(fields.String())


class StartupSchema(ma.Schema):
    id = fields.Integer()
    name_zh = fields.String()
    name_en = fields.String()
    kind = fields.String()
    tech_field = fields.String()
    credit_code = fields.String(allow_none=True)
    credit_code_override = fields.String()
    founded_on = fields.Date(allow_none=True)
    address = fields.String()
    contact_name = fields.String()
    contact_phone = fields.String()
    contact_email = fields.String()
    description = fields.String()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


def row_schema(section) -> type[ma.Schema]:
    """A section's rows as its form's fields say, with their id."""

    def field_for(name):
        field_class = getattr(section.form, name).field_class
        if issubclass(field_class, IntegerField):
            return fields.Integer(allow_none=True)
        if issubclass(field_class, DecimalField):
            return fields.Float(allow_none=True)
        if issubclass(field_class, DateField):
            return fields.Date(allow_none=True)
        return fields.String(allow_none=True)

    attrs = {"id": fields.Integer(), **{n: field_for(n) for n in section.form.FIELDS}}
    return type(f"{section.key.title()}RowSchema", (ma.Schema,), attrs)


class OutcomeSchema(ma.Schema):
    """One rule's result, explained in both languages."""

    code = fields.String()
    label_zh = fields.String()
    label_en = fields.String()
    citation = fields.String(allow_none=True)
    severity = fields.String()
    group = fields.String(allow_none=True)
    field = fields.String(allow_none=True)
    passed = fields.Boolean()
    detail_zh = fields.String(allow_none=True)
    detail_en = fields.String(allow_none=True)


class ReviewSchema(ma.Schema):
    reviewer_id = fields.Integer()
    reviewer = fields.Function(lambda r: r.reviewer.name)
    scores = fields.Dict(keys=fields.String(), values=fields.Integer())
    total = fields.Float(allow_none=True)
    comment = fields.String()
    submitted_at = UtcDateTime(allow_none=True)
    #: When the reviewer declared no conflict of interest.
    no_conflict_declared_at = UtcDateTime(allow_none=True)
    #: When the reviewer abstained instead of scoring, and why.
    abstained_at = UtcDateTime(allow_none=True)
    abstention_reason = fields.String()


class ApplicationSchema(ma.Schema):
    id = fields.Integer()
    startup_id = fields.Integer()
    #: The carrier's slug.
    tenant = fields.String()
    stage = fields.String()
    status = fields.String()
    answers = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    intake_results = fields.List(fields.Nested(OutcomeSchema))
    created_at = UtcDateTime()
    submitted_at = UtcDateTime(allow_none=True)
    decided_at = UtcDateTime(allow_none=True)
    decision_reason = fields.String()
    enrollment_id = fields.Integer(allow_none=True)
    #: Only for the carrier's managers and reviewers.
    reviews = fields.List(fields.Nested(ReviewSchema))


class ScoreInput(ma.Schema):
    """Documented only: ``bind`` checks it with the page's score form."""

    scores = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(validate=Range(0, 10)),
        required=True,
        metadata={"description": "A 0-10 score per criterion key of the stage's rubric."},
    )
    comment = fields.String(allow_none=True)
    no_conflict = fields.Boolean(
        required=True,
        metadata={"description": "true: the reviewer declares no conflict of interest."},
    )


class AbstentionInput(ma.Schema):
    """Documented only: ``bind`` checks it with the page's abstain form."""

    reason = fields.String(allow_none=True, validate=Length(max=1000))


class ApplicationInput(ma.Schema):
    """Documented only: the answers are checked with the stage's intake form."""

    startup_id = fields.Integer(required=True)
    tenant = fields.String(required=True, metadata={"description": "The carrier's slug."})
    stage = fields.String(required=True)
    answers = fields.Dict(
        keys=fields.String(),
        metadata={"description": "The fields of the stage's intake form, by name."},
    )
    draft = fields.Boolean(metadata={"description": "Save without submitting."})


class EnrollmentSchema(ma.Schema):
    id = fields.Integer()
    startup_id = fields.Integer()
    startup_name_zh = fields.Function(lambda e: e.startup.name_zh)
    startup_name_en = fields.Function(lambda e: e.startup.name_en)
    tenant = fields.Function(lambda e: e.tenant.slug)
    stage = fields.String()
    status = fields.String()
    admitted_on = fields.Date()
    due_on = fields.Date(allow_none=True)
    time_limit_months = fields.Integer(allow_none=True)
    application_id = fields.Integer(allow_none=True)


class MilestoneSchema(ma.Schema):
    id = fields.Integer()
    key = fields.String()
    title_zh = fields.String()
    title_en = fields.String()
    description_zh = fields.String()
    description_en = fields.String()
    due_on = fields.Date(allow_none=True)
    required = fields.Boolean()
    custom = fields.Boolean()
    status = fields.String()
    progress = fields.Integer()
    notes = fields.String()
    verified_at = UtcDateTime(allow_none=True)


class GraduationSchema(ma.Schema):
    enrollment_id = fields.Integer()
    as_of = fields.Date()
    eligible = fields.Boolean()
    checklist = fields.List(fields.Nested(OutcomeSchema))


class CertificateSchema(ma.Schema):
    """An issued certificate; the PDF itself is at ``pdf_url``."""

    serial = fields.String()
    code = fields.String()
    verify_url = fields.String()
    pdf_url = fields.String()
    holder_zh = fields.String()
    holder_en = fields.String()
    carrier_zh = fields.String()
    carrier_en = fields.String()
    stage = fields.String()
    admitted_on = fields.Date()
    graduated_on = fields.Date()
    sha256 = fields.String()
    size = fields.Integer()
    issued_at = UtcDateTime()
    revoked = fields.Boolean()
    revoked_at = UtcDateTime(allow_none=True)
    revoke_reason = fields.String()


class GraduatedSchema(ma.Schema):
    """The decision: the rule results as judged, any override, and the certificate issued."""

    enrollment_id = fields.Integer()
    graduated_on = fields.Date()
    eligible = fields.Boolean()
    override_reason = fields.String()
    results = fields.List(fields.Nested(OutcomeSchema))
    certificate = fields.Nested(CertificateSchema)


class VerificationSchema(ma.Schema):
    """What the public verification page says, for machines."""

    status = fields.String(metadata={"description": "`valid` or `revoked`"})
    serial = fields.String()
    holder_zh = fields.String()
    holder_en = fields.String()
    carrier_zh = fields.String()
    carrier_en = fields.String()
    stage = fields.String()
    admitted_on = fields.Date()
    graduated_on = fields.Date()
    sha256 = fields.String()
    revoked_at = UtcDateTime(allow_none=True)
    revoke_reason = fields.String()
