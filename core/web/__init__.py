"""The application's shared web layer: home, language, errors, health, template helpers."""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale

from core.plugins import incuchain
from core.registry.fields import FIELDS_BY_KEY
from core.timeutil import localdate, localtime


def localized(obj) -> str:
    """Any object with a ``name(locale)`` method, named in the current language."""
    return obj.name(str(get_locale()))


def field_name(key: str) -> str:
    field = FIELDS_BY_KEY.get(key)
    return localized(field) if field else key


def init_app(app: Flask) -> None:
    from core.web import errors
    from core.web.views import bp

    app.register_blueprint(bp)
    errors.init_app(app)
    app.add_template_filter(localized)
    app.add_template_filter(field_name)
    app.add_template_filter(localtime)
    app.add_template_filter(localdate)

    @app.context_processor
    def navigation():
        registry = incuchain().stages
        tenant = g.get("tenant")
        return {
            "all_stages": list(registry),
            "tenant_stages": registry.in_order(tenant.enabled_stages) if tenant else [],
            "current_locale": str(get_locale()),
            "current_path": request.full_path.rstrip("?"),
            "current_stage": (request.view_args or {}).get("stage"),
            "stage_name": lambda key: localized(registry.get(key)) if key in registry else key,
        }
