"""The annual statistics record: its check page and its XLSX download, for managers."""

from __future__ import annotations

from flask import abort, g, render_template, request

from core.registry.forms import FIRST_YEAR
from core.statistics import record as statistics
from core.tabular import download
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today

bp = tenant_blueprint("statistics", __name__)


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


@bp.route("/statistics/<int:year>.xlsx")
@role_required(Role.MANAGER)
def download_record(year: int):
    record = statistics.build(g.tenant.id, _year_or_404(year))
    tables = [record.table(), record.problems_table()]
    return download(tables, "xlsx", f"statistics-{year}-{g.tenant.slug}")
