"""The annual statistics record: its check page and its XLSX download, for managers."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from core.jobs import operations as jobs
from core.jobs.kinds import kind, tables_file
from core.refusals import NotPermitted
from core.registry.forms import FIRST_YEAR
from core.statistics import record as statistics
from core.tenancy.access import has_role, role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today

bp = tenant_blueprint("statistics", __name__)

RECORD = "statistics.record"


def _year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= local_today().year:
        abort(404)
    return year


def default_year() -> int:
    """Statistics are reported for the year just ended."""
    return local_today().year - 1


@bp.route("/statistics")
@role_required(Role.MANAGER)
def check():
    year = _year_or_404(request.args.get("year", default_year(), type=int))
    record = statistics.build(g.tenant.id, year)
    return render_template(
        "statistics/check.html",
        record=record,
        years=range(local_today().year, FIRST_YEAR - 1, -1),
    )


@bp.route("/statistics/<int:year>.xlsx", methods=["POST"])
@role_required(Role.MANAGER)
def download_record(year: int):
    job = jobs.start(
        RECORD, owner=current_user, tenant=g.tenant, params={"year": _year_or_404(year)}
    )
    return redirect(url_for("jobs.page", job_id=job.id))


@kind(RECORD, title=_l("Download of the statistics record"))
def record_file(params: dict, progress):
    """The record and its checks as one workbook, made on the queue."""
    if not has_role(Role.MANAGER):
        raise NotPermitted()
    year = params["year"]
    record = statistics.build(g.tenant.id, year)
    tables = [record.table(), record.problems_table()]
    return tables_file(tables, "xlsx", f"statistics-{year}-{g.tenant.slug}", progress)
