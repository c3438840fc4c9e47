"""Manager insight: the carrier's dashboard and the city view of every carrier."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.reports.charts import format_number
    from core.reports.city_views import bp as city
    from core.reports.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(city)
    app.add_template_filter(format_number, "number")
