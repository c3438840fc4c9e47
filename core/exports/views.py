"""Downloads of a carrier's lists and its annual statistics record.

Lists answer to the same readers as their pages (the startup list to
managers and reviewers, a stage's list to every member, founders seeing only
their own startups); the statistics record is for the carrier's managers.
"""

from __future__ import annotations

from flask import abort, g, render_template, request

from core.exports import lists, statistics
from core.exports.tabular import FORMATS, download
from core.plugins import incuchain
from core.registry import listing
from core.registry.forms import FIRST_YEAR
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.tenancy.views import stage_spec_or_404
from core.timeutil import local_today

bp = tenant_blueprint("exports", __name__)


def format_or_404(fmt: str) -> str:
    """``csv`` or ``xlsx``; anything else is 404."""
    if fmt not in FORMATS:
        abort(404)
    return fmt


def _stamp() -> str:
    return f"{g.tenant.slug}-{local_today().isoformat()}"


@bp.route("/startups/export.<fmt>")
@role_required(Role.MANAGER, Role.REVIEWER)
def startups(fmt: str):
    fmt = format_or_404(fmt)
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    filters = listing.Filters.from_args(request.args, [s.key for s in stages])
    table = lists.startups_table(g.tenant, filters)
    return download([table], fmt, f"startups-{_stamp()}")


@bp.route("/stages/<stage>/export.<fmt>")
def stage(stage: str, fmt: str):
    spec = stage_spec_or_404(stage)
    fmt = format_or_404(fmt)
    return download([lists.stage_table(spec)], fmt, f"{spec.key}-{_stamp()}")


def _year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= local_today().year:
        abort(404)
    return year


def default_year() -> int:
    """Statistics are reported for the year just ended."""
    return local_today().year - 1


@bp.route("/statistics")
@role_required(Role.MANAGER)
def statistics_check():
    year = _year_or_404(request.args.get("year", default_year(), type=int))
    record = statistics.build(g.tenant.id, year)
    return render_template(
        "exchange/statistics.html",
        record=record,
        years=range(local_today().year, FIRST_YEAR - 1, -1),
    )


@bp.route("/statistics/<int:year>.xlsx")
@role_required(Role.MANAGER)
def statistics_download(year: int):
    record = statistics.build(g.tenant.id, _year_or_404(year))
    tables = [record.table(), record.problems_table()]
    return download(tables, "xlsx", f"statistics-{year}-{g.tenant.slug}")
