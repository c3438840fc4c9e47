"""Non-stage assessments of startups (a recognition's score or readiness), from plugins.

Core knows no recognition: plugins answer ``incuchain_startup_assessments``;
core gathers facts in batches (``service``), stores what managers enter
(``models``), and shows the ladder (``views`` and templates/assessments/).
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.assessments import panels

    panels.init_app(app)
    from core import hooks
    from core.assessments.service import status_word
    from core.assessments.views import bp

    app.register_blueprint(bp)

    @app.context_processor
    def ladder():
        return {"ladder_enabled": hooks.assessments_enabled(), "ladder_status_word": status_word}
