"""Per-carrier tuning of each stage's thresholds."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.settings.views import bp

    app.register_blueprint(bp)
    from core import hooks
    from core.audit import labels
    from core.audit.texts import stage_name
    from core.plugins import incuchain
    from core.settings.models import StageSettings

    with app.app_context():
        specs = [spec for stage in incuchain().stages for spec in hooks.stage_settings(stage.key)]
    labels.register(
        app,
        fields={f"StageSettings.{spec.key}": labels.PerLocale(spec.label) for spec in specs},
        namers={"StageSettings": labels.by_id(StageSettings, lambda s: stage_name(s.stage))},
    )
