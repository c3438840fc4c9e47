"""A carrier's audit log: the page and its CSV/Excel export, for its managers."""

from __future__ import annotations

from flask import abort, g, render_template, request

from core import tabular
from core.audit import report as audit_report
from core.audit.forms import FilterForm
from core.extensions import db
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today
from core.web.paging import page_number

bp = tenant_blueprint("audit", __name__)

PAGE_SIZE = 50


def filter_form() -> FilterForm:
    return FilterForm(request.args, **audit_report.choices(g.tenant.id))


def narrowing_args(form: FilterForm) -> dict:
    """The query arguments that narrow the log, for the pager and the downloads."""
    return {name: request.args[name] for name in form.data if request.args.get(name)}


@bp.route("/audit")
@role_required(Role.MANAGER)
def log():
    form = filter_form()
    events = db.paginate(
        audit_report.events_of(g.tenant.id, form.filters()),
        page=page_number(),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    rows = list(audit_report.rows(events.items))
    return render_template(
        "audit/log.html", events=events, rows=rows, form=form, narrowing=narrowing_args(form)
    )


@bp.route("/audit.<fmt>")
@role_required(Role.MANAGER)
def export(fmt: str):
    """The carrier's audit log, narrowed as the page was, as a CSV or Excel file."""
    if fmt not in tabular.FORMATS:
        abort(404)
    form = filter_form()
    events = db.session.scalars(audit_report.events_of(g.tenant.id, form.filters()))
    name = f"audit-{g.tenant.slug}-{local_today().isoformat()}"
    return tabular.download([audit_report.table(audit_report.rows(events))], fmt, name)
