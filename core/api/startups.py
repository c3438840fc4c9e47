"""Startups and their figures, funding, IP and certifications.

``?tenant=<slug>`` acts as on that carrier's pages (its managers edit, its
reviewers read, only startups linked to it); without it, as on the
founders' own pages. The rules are ``core.registry.access.reader``'s.
"""

from __future__ import annotations

from flask import g
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy import select

from core.api import forms
from core.api.common import api_blueprint, body, carrier, paged
from core.api.errors import fail, invalid
from core.api.schemas import (
    CHOOSE,
    PageArgs,
    StartupListArgs,
    StartupSchema,
    TenantArgs,
    page_of,
    row_schema,
)
from core.portfolio import listing
from core.registry import operations as services
from core.registry.access import founded_by, reader
from core.registry.forms import ManagerProfileForm, ProfileForm
from core.registry.models import Startup
from core.registry.sections import SECTIONS_BY_KEY, Section
from core.tenancy.models import Role

bp = api_blueprint("api_startups", "/startups", "Startup profiles and their records.")
#: The records the API offers, by section key.
SECTION_KEYS = ("figures", "funding", "ip", "certifications")
StartupPage = page_of(StartupSchema, "StartupPageSchema")


def blueprints() -> tuple[Blueprint, ...]:
    return (bp,)


def register_inputs(spec) -> None:
    """The request bodies, described from the forms that check them."""
    spec.components.schema("StartupInput", forms.input_schema(ProfileForm))
    spec.components.schema("StartupPatch", forms.input_schema(ManagerProfileForm, partial=True))
    for key in SECTION_KEYS:
        form = SECTIONS_BY_KEY[key].form
        spec.components.schema(f"{key.title()}Input", forms.input_schema(form))
        spec.components.schema(f"{key.title()}Patch", forms.input_schema(form, partial=True))


def scope(startup_id: int, args: dict, *, edit: bool = False):
    """(startup, tenant or None, editable) as the pages decide, for ``?tenant=``."""
    tenant, roles = None, frozenset()
    if args.get("tenant"):
        tenant = carrier(args["tenant"], current_user)
        roles = g.roles
    startup, _access, editable = reader(current_user, startup_id, tenant, roles, edit=edit)
    return startup, tenant, editable


@bp.route("")
@bp.arguments(StartupListArgs, location="query")
@bp.response(200, StartupPage)
def list_startups(args):
    """The caller's own startups; with ``tenant``, that carrier's startups, filtered.

    The filters (``q``, ``stage``, ``status``, ``field``, ``sort``) are those
    of the carrier's startup list and apply with ``tenant`` only.
    """
    if not args.get("tenant"):
        return paged(founded_by(current_user.id).order_by(Startup.name_zh, Startup.id), args)
    tenant = carrier(args["tenant"], current_user, Role.MANAGER)  # reviewers: not the roster
    stage = args.get("stage", "")
    if stage and stage not in tenant.enabled_stages:
        invalid({"stage": [CHOOSE]})
    filters = listing.Filters(
        q=args.get("q", "").strip()[:100],
        stage=stage,
        status=args.get("status", ""),
        field=args.get("field", ""),
        sort=args["sort"],
    )
    return paged(listing.startups_query(tenant.id, filters), args)


@bp.route("", methods=["POST"])
@bp.doc(**body("StartupInput"))
@bp.response(201, StartupSchema)
def create_startup():
    """A new startup with the caller as its first founder."""
    form = forms.bind(ProfileForm, forms.json_body())
    startup = services.save_profile(form, None, None, current_user._get_current_object())
    if startup is None:
        invalid(forms.errors_of(form))
    return startup


@bp.route("/<int:startup_id>")
@bp.arguments(TenantArgs, location="query")
@bp.response(200, StartupSchema)
def get_startup(args, startup_id: int):
    return scope(startup_id, args)[0]


@bp.route("/<int:startup_id>", methods=["PATCH"])
@bp.arguments(TenantArgs, location="query")
@bp.doc(**body("StartupPatch"))
@bp.response(200, StartupSchema)
def update_startup(args, startup_id: int):
    """Change some fields of the profile.

    ``credit_code_override`` (a reason to accept a credit code that fails its
    check) is for a carrier's managers, with ``tenant``.
    """
    startup, tenant, _editable = scope(startup_id, args, edit=True)
    form_class = ManagerProfileForm if tenant is not None else ProfileForm

    def accept_exception(form):
        if startup.credit_code_override:
            form.accepted_exception = startup.credit_code

    form = forms.bind(form_class, forms.json_body(), obj=startup, setup=accept_exception)
    if services.save_profile(form, startup, tenant, current_user._get_current_object()) is None:
        invalid(forms.errors_of(form))
    return startup


# -- records: one set of views for every section ------------------------------------------


def _row(section: Section, startup: Startup, row_id: int):
    row = section.find(startup.id, row_id)
    if row is None:
        fail(404)
    return row


def _save(section: Section, startup, tenant, form, row=None):
    saved = services.save_row(section, startup, form, row, tenant=tenant)
    if saved is None:
        invalid(forms.errors_of(form))
    return saved


def add_section_routes(section: Section) -> None:
    key = section.key
    schema = row_schema(section)
    rows_page = page_of(schema, f"{key.title()}PageSchema")
    Title = key.title()

    @bp.route(f"/<int:startup_id>/{key}", endpoint=f"list_{key}")
    @bp.arguments(type(f"{Title}ListArgs", (PageArgs, TenantArgs), {}), location="query")
    @bp.response(200, rows_page)
    def list_rows(args, startup_id: int):
        startup = scope(startup_id, args)[0]
        query = (
            select(section.model)
            .where(section.model.startup_id == startup.id)
            .order_by(*section.order_by, section.model.id.desc())
        )
        return paged(query, args)

    @bp.route(f"/<int:startup_id>/{key}", methods=["POST"], endpoint=f"add_{key}")
    @bp.arguments(TenantArgs, location="query")
    @bp.doc(**body(f"{Title}Input"))
    @bp.response(201, schema)
    def add(args, startup_id: int):
        startup, tenant, _editable = scope(startup_id, args, edit=True)
        return _save(section, startup, tenant, forms.bind(section.form, forms.json_body()))

    @bp.route(f"/<int:startup_id>/{key}/<int:row_id>", endpoint=f"get_{key}")
    @bp.arguments(TenantArgs, location="query")
    @bp.response(200, schema)
    def get(args, startup_id: int, row_id: int):
        return _row(section, scope(startup_id, args)[0], row_id)

    @bp.route(f"/<int:startup_id>/{key}/<int:row_id>", methods=["PATCH"], endpoint=f"edit_{key}")
    @bp.arguments(TenantArgs, location="query")
    @bp.doc(**body(f"{Title}Patch"))
    @bp.response(200, schema)
    def edit(args, startup_id: int, row_id: int):
        startup, tenant, _editable = scope(startup_id, args, edit=True)
        row = _row(section, startup, row_id)
        form = forms.bind(section.form, forms.json_body(), obj=row)
        return _save(section, startup, tenant, form, row)

    @bp.route(f"/<int:startup_id>/{key}/<int:row_id>", methods=["DELETE"], endpoint=f"delete_{key}")
    @bp.arguments(TenantArgs, location="query")
    @bp.response(204)
    def delete(args, startup_id: int, row_id: int):
        startup, tenant, _editable = scope(startup_id, args, edit=True)
        services.delete_row(section, _row(section, startup, row_id), tenant=tenant)


for _key in SECTION_KEYS:
    add_section_routes(SECTIONS_BY_KEY[_key])
