"""A carrier's audit log: the page and its CSV/Excel export, for its managers."""

from __future__ import annotations

from flask import abort, g, render_template

from core import tabular
from core.audit import report as audit_report
from core.extensions import db
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today
from core.web.paging import page_number

bp = tenant_blueprint("audit", __name__)

PAGE_SIZE = 50


@bp.route("/audit")
@role_required(Role.MANAGER)
def log():
    events = db.paginate(
        audit_report.events_of(g.tenant.id), page=page_number(), per_page=PAGE_SIZE, error_out=False
    )
    rows = list(audit_report.rows(events.items))
    return render_template("audit/log.html", events=events, rows=rows)


@bp.route("/audit.<fmt>")
@role_required(Role.MANAGER)
def export(fmt: str):
    """The carrier's whole audit log as a CSV or Excel file."""
    if fmt not in tabular.FORMATS:
        abort(404)
    rows = audit_report.rows(db.session.scalars(audit_report.events_of(g.tenant.id)))
    name = f"audit-{g.tenant.slug}-{local_today().isoformat()}"
    return tabular.download([audit_report.table(rows)], fmt, name)
