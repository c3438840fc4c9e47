"""The city view under ``/admin/city``: the platform admin only (404 to everyone else)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from core.admin.views import platform_admin_required
from core.plugins import incuchain
from core.reports import city, city_table
from core.reports.charts import Bar, Chart
from core.timeutil import local_today

bp = Blueprint("city", __name__, url_prefix="/admin/city")

#: Years the view accepts; outside them the current year's previous one is shown.
FIRST_YEAR = 2000

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", city_table.to_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        city_table.to_xlsx,
    ),
}


def chosen_year(today) -> int:
    """The ``year`` argument; by default last year, the last one with reported figures."""
    year = request.args.get("year", type=int)
    return year if year and FIRST_YEAR <= year <= today.year else today.year - 1


def load_view() -> city.CityView:
    today = local_today()
    return city.build(list(incuchain().stages), chosen_year(today), today)


def charts(view: city.CityView) -> list[Chart]:
    from core.web import localized

    def carrier_bars(number) -> list[Bar]:
        return [
            Bar(
                localized(row.tenant),
                number(row),
                url_for("reports.dashboard", tenant_slug=row.tenant.slug),
            )
            for row in view.rows
        ]

    total = view.total
    return [
        Chart("active", _("Active startups by carrier"), carrier_bars(lambda r: r.active_total)),
        Chart(
            "ladder",
            _("The ladder in the city: 微成长、小升高、高变强"),
            [
                Bar(city_table.ladder_name(kind), total.ladder.get(kind, 0), "#city-table")
                for kind in view.ladder
            ],
        ),
        Chart(
            "graduations",
            _("Graduations in %(year)s", year=view.year),
            carrier_bars(lambda r: r.graduations),
        ),
        Chart(
            "funding",
            _("Funding raised in %(year)s (10k CNY)", year=view.year),
            carrier_bars(lambda r: r.funding),
        ),
    ]


@bp.route("/")
@platform_admin_required
def index():
    view = load_view()
    head, rows = city_table.table(view)
    return render_template(
        "reports/city.html", view=view, head=head, rows=rows, charts=charts(view)
    )


@bp.route("/export.<fmt>")
@platform_admin_required
def export(fmt: str):
    if fmt not in EXPORTS:
        abort(404)
    mimetype, render = EXPORTS[fmt]
    view = load_view()
    return Response(
        render(view),
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename=city-{view.year}.{fmt}"},
    )
