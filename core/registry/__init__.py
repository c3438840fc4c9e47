"""The startup registry: profiles, annual figures, funding, IP, certifications."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.plugin_api import TECH_FIELD
    from core.plugins import incuchain
    from core.registry import audit_names, history
    from core.registry.views import bp
    from core.web import localized

    def field_name(key: str) -> str:
        field = incuchain().vocabulary.get(TECH_FIELD, key)
        return localized(field) if field else key

    from core.invitations import kinds
    from core.registry.operations import founder_kind

    app.register_blueprint(bp)
    kinds.register(app, founder_kind())
    app.add_template_filter(field_name)
    audit_names.register(app)
    history.init_app(app)
