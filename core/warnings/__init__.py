"""Early warnings (预警): the rules, the carrier's list, and the daily reminders."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.warnings import cli, schedule, texts  # noqa: F401  (schedule: the periodic task)
    from core.warnings.views import bp

    app.register_blueprint(bp)
    app.add_template_global(texts.warning_text)
    app.add_template_global(texts.KIND_NAMES, "warning_kinds")
    app.cli.add_command(cli.send_reminders_command)
